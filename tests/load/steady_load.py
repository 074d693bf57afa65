"""Steady shoppers against the shop through nginx, counting every request that fails.

    .venv/bin/python tests/load/steady_load.py --base-url http://localhost --concurrency 8 \
        --stop-file /tmp/load.stop --report /tmp/load.json

Each of --concurrency shoppers loops over what a shopper does: the storefront's home, catalog and product
pages (the Next.js server renders them from commerce), the catalog API, a product's API record, the
shopper's cart (read, and a line set with `replace`, so the cart stays the same size) and core's health.
It runs until --stop-file exists or --max-seconds pass, then writes a JSON report: requests, failures
(a transport error, a 5xx, or any status the request does not expect), per kind, and the first failures
with their time. Run it while a deploy or rollback restarts the shop to count the requests the switch
cost (docs/operations.md); it exits 0 whatever it counted (the caller judges).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx


@dataclass
class Tally:
    started: float = field(default_factory=time.monotonic)
    requests: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    samples: list[dict[str, Any]] = field(default_factory=list)

    def record(self, kind: str, outcome: str | None) -> None:
        self.requests[kind] += 1
        if outcome is not None:
            self.failures[kind] += 1
            if len(self.samples) < 20:
                elapsed = round(time.monotonic() - self.started, 2)
                self.samples.append({"at_seconds": elapsed, "kind": kind, "outcome": outcome})


@dataclass(frozen=True)
class Shopper:
    user_id: str
    token: str
    variant_id: str
    slug: str


async def sign_up(client: httpx.AsyncClient, email: str, password: str) -> Shopper:
    """Register (or find) the load's shopper, sign in, and pick an in-stock variant."""
    register = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": password, "full_name": "Steady Load"}
    )
    if register.status_code not in (201, 409):
        raise SystemExit(f"register: {register.status_code} {register.text[:200]}")
    login = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    if login.status_code != 200:
        raise SystemExit(f"login: {login.status_code} {login.text[:200]}")
    catalog = (await client.get("/api/v1/products", params={"in_stock": "true", "page_size": 5})).json()
    slug = str(catalog["items"][0]["slug"])
    product = (await client.get(f"/api/v1/products/{slug}")).json()
    variant = next(variant for variant in product["variants"] if variant["in_stock"])
    session = login.json()
    return Shopper(str(session["user"]["id"]), str(session["access_token"]), str(variant["id"]), slug)


def steps(shopper: Shopper) -> list[tuple[str, str, str, dict[str, Any] | None]]:
    """A shopper's round: (kind, method, path, JSON body)."""
    cart = f"/api/v1/cart/{shopper.user_id}"
    line = {"variant_id": shopper.variant_id, "quantity": 1, "replace": True}
    return [
        ("page /", "GET", "/", None),
        ("page /products", "GET", "/products", None),
        ("page /products/<slug>", "GET", f"/products/{shopper.slug}", None),
        ("GET /api/v1/products", "GET", "/api/v1/products?page_size=12", None),
        ("GET /api/v1/products/<slug>", "GET", f"/api/v1/products/{shopper.slug}", None),
        ("GET /api/v1/cart", "GET", cart, None),
        ("POST /api/v1/cart/add", "POST", f"{cart}/add", line),
        ("GET /health/core", "GET", "/health/core", None),
    ]


async def shop(
    client: httpx.AsyncClient, shopper: Shopper, tally: Tally, until: float, stop: Path | None
) -> None:
    bearer = {"Authorization": f"Bearer {shopper.token}"}
    round_ = steps(shopper)
    index = 0
    while time.monotonic() < until and not (stop is not None and await asyncio.to_thread(stop.exists)):
        kind, method, path, body = round_[index % len(round_)]
        index += 1
        try:
            response = await client.request(method, path, json=body, headers=bearer)
            outcome = None if response.status_code < 400 else f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            outcome = f"{type(exc).__name__}: {exc}"
        tally.record(kind, outcome)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    stop = Path(args.stop_file) if args.stop_file else None
    limits = httpx.Limits(max_connections=args.concurrency * 2)
    async with httpx.AsyncClient(
        base_url=args.base_url,
        timeout=args.timeout,
        verify=False,  # noqa: S501  (a test host's self-signed certificate)
        limits=limits,
    ) as client:
        email = args.email or f"steady-load-{uuid.uuid4().hex[:8]}@example.com"
        shopper = await sign_up(client, email, args.password)
        tally = Tally()
        until = time.monotonic() + args.max_seconds
        await asyncio.gather(*(shop(client, shopper, tally, until, stop) for _ in range(args.concurrency)))
    elapsed = time.monotonic() - tally.started
    total, failed = sum(tally.requests.values()), sum(tally.failures.values())
    return {
        "base_url": args.base_url,
        "concurrency": args.concurrency,
        "seconds": round(elapsed, 1),
        "requests": total,
        "failed": failed,
        "requests_per_second": round(total / elapsed, 1) if elapsed else 0.0,
        "by_kind": {
            kind: {"requests": count, "failed": tally.failures[kind]}
            for kind, count in sorted(tally.requests.items())
        },
        "first_failures": tally.samples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://localhost")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--stop-file", default="", help="stop when this file exists")
    parser.add_argument("--report", default="", help="write the JSON report here as well")
    parser.add_argument("--email", default="", help="the shopper (default: a new one)")
    parser.add_argument("--password", default="Steady-load-1")
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    report = asyncio.run(run(args))
    text = json.dumps(report, indent=2)
    if args.report:
        Path(args.report).write_text(text + "\n")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
