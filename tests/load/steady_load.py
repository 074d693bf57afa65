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

With --pay-every SECONDS a buyer also checks out and pays an order (Stripe's success test card) that often.
After the stop it waits for every order whose payment answered `succeeded` to show `paid` in commerce, and
reports orders placed, payments acknowledged, orders confirmed paid and `lost` (acknowledged, never paid):
what a fault must not cost. Payments are rate-limited per client address (30 in 10 minutes).
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

from kit.testing.data import shipping_address


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
    """Sign the load's shopper in (registering it first if need be), and pick an in-stock variant."""
    credentials = {"email": email, "password": password}
    login = await client.post("/api/v1/auth/login", json=credentials)
    if login.status_code == 401:
        profile = {**credentials, "full_name": "Steady Load"}
        register = await client.post("/api/v1/auth/register", json=profile)
        if register.status_code != 202:
            raise SystemExit(f"register: {register.status_code} {register.text[:200]}")
        login = await client.post("/api/v1/auth/login", json=credentials)
    if login.status_code != 200:
        raise SystemExit(f"login: {login.status_code} {login.text[:200]}")
    # By title (the browser suite's admin adds products with few units); the variant with the most units
    params: dict[str, str | int] = {"in_stock": "true", "page_size": 5, "sort": "title"}
    catalog = (await client.get("/api/v1/products", params=params)).json()
    slug = str(catalog["items"][0]["slug"])
    product = (await client.get(f"/api/v1/products/{slug}")).json()
    stocked = [v for v in product["variants"] if v["in_stock"]]
    variant = max(stocked, key=lambda v: int(v.get("available") or 0))
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


@dataclass
class Orders:
    placed: int = 0
    acknowledged: list[str] = field(default_factory=list)
    confirmed: int = 0


async def in_stock_variants(client: httpx.AsyncClient) -> list[str]:
    """Variant ids of the in-stock catalog, most available first, so a run does not empty one."""
    listing = (await client.get("/api/v1/products", params={"in_stock": "true", "page_size": 20})).json()
    variants: list[tuple[int, str]] = []
    for item in listing["items"]:
        product = (await client.get(f"/api/v1/products/{item['slug']}")).json()
        variants += [
            (int(v.get("available") or 0), str(v["id"])) for v in product["variants"] if v["in_stock"]
        ]
    return [variant for _, variant in sorted(variants, reverse=True)]


async def buy(
    client: httpx.AsyncClient,
    shopper: Shopper,
    tally: Tally,
    orders: Orders,
    every: float,
    until: float,
    stop: Path | None,
) -> None:
    """Check out and pay one order every `every` seconds; failures are tallied like any request."""
    bearer = {"Authorization": f"Bearer {shopper.token}"}
    card = {"card_number": "4242424242424242", "exp_month": 12, "exp_year": 2030, "cvc": "123"}
    address = shipping_address("Steady Load")
    # Not the shoppers' variant: their cart writes must not run out of stock because of these orders.
    variants = [variant for variant in await in_stock_variants(client) if variant != shopper.variant_id]
    while time.monotonic() < until and not (stop is not None and await asyncio.to_thread(stop.exists)):
        started = time.monotonic()
        try:
            line = {"variant_id": variants[orders.placed % len(variants)], "quantity": 1, "replace": True}
            added = await client.post(f"/api/v1/cart/{shopper.user_id}/add", json=line, headers=bearer)
            tally.record("buyer: cart add", None if added.status_code < 400 else f"HTTP {added.status_code}")
            order = await client.post(
                "/api/v1/orders",
                json={"shipping_address": address},
                headers={**bearer, "Idempotency-Key": uuid.uuid4().hex},
            )
            tally.record("buyer: checkout", None if order.status_code < 400 else f"HTTP {order.status_code}")
            if order.status_code in (200, 201):
                orders.placed += 1
                order_id = str(order.json()["id"])
                paid = await client.post(
                    "/api/v1/payments/process",
                    json={"order_id": order_id, "payment_method": card},
                    headers=bearer,
                )
                tally.record("buyer: pay", None if paid.status_code < 400 else f"HTTP {paid.status_code}")
                if paid.status_code in (200, 201) and paid.json().get("status") == "succeeded":
                    orders.acknowledged.append(order_id)
        except httpx.HTTPError as exc:
            tally.record("buyer", f"{type(exc).__name__}: {exc}")
        await asyncio.sleep(max(0.0, every - (time.monotonic() - started)))


async def confirm(client: httpx.AsyncClient, shopper: Shopper, orders: Orders, patience: float) -> None:
    """Count the acknowledged orders commerce shows paid, waiting up to `patience` seconds for the outbox."""
    bearer = {"Authorization": f"Bearer {shopper.token}"}
    pending = list(orders.acknowledged)
    deadline = time.monotonic() + patience
    while pending and time.monotonic() < deadline:
        still: list[str] = []
        for order_id in pending:
            try:
                details = await client.get(f"/api/v1/orders/{order_id}/details", headers=bearer)
                if details.status_code == 200 and details.json().get("status") == "paid":
                    orders.confirmed += 1
                    continue
            except httpx.HTTPError:
                pass
            still.append(order_id)
        pending = still
        if pending:
            await asyncio.sleep(2)


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
        orders = Orders()
        until = time.monotonic() + args.max_seconds
        shoppers = [shop(client, shopper, tally, until, stop) for _ in range(args.concurrency)]
        if args.pay_every > 0:
            shoppers.append(buy(client, shopper, tally, orders, args.pay_every, until, stop))
        await asyncio.gather(*shoppers)
        if args.pay_every > 0:
            await confirm(client, shopper, orders, args.confirm_seconds)
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
        "orders": {
            "placed": orders.placed,
            "paid_acknowledged": len(orders.acknowledged),
            "paid_confirmed": orders.confirmed,
            "lost": len(orders.acknowledged) - orders.confirmed,
        },
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
    parser.add_argument("--pay-every", type=float, default=0.0, help="seconds between paid orders (0: none)")
    parser.add_argument("--confirm-seconds", type=float, default=90.0, help="wait this long for paid orders")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    text = json.dumps(report, indent=2)
    if args.report:
        Path(args.report).write_text(text + "\n")
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
