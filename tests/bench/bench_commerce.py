"""Commerce benchmark: catalog reads/s and orders/s with p50/p99 latency, against uvicorn.

    .venv/bin/python tests/bench/bench_commerce.py [--seconds 10] [--concurrency 32] [--workers 2]

Starts its own PostgreSQL and Redis (kit.testing.servers, in a temporary directory), migrates, seeds
the demo catalog, runs `uvicorn --workers 2 commerce.main:app` on loopback and drives it with httpx
for a bounded time per phase, then stops everything and removes the data.

Why 2 workers: ops runs one uvicorn worker per core and the hosts have 2 cores. Each worker is one
asyncio event loop, which already keeps a core busy with many concurrent requests (the work is
I/O-bound: PostgreSQL and Redis); more workers than cores only add context switches and database
connections, fewer leave a core idle. Note that here PostgreSQL, Redis and this load generator share
the same 2 cores, so the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from commerce.cli import SERVICE_ROOT, seed
from commerce.config import CommerceSettings
from kit.auth import TokenIssuer, generate_keys
from kit.migrations import upgrade
from kit.testing.data import shipping_address
from kit.testing.servers import PostgresServer, RedisServer, free_port, running, wait_for_port

DATABASE = "aarya_commerce_bench"
ADDRESS = shipping_address("Bench Shopper")


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    service_cpu: float = 0.0  # CPU seconds the uvicorn processes spent during the phase

    def record(self, started: float, outcome: httpx.Response | httpx.HTTPError, ok: bool) -> None:
        if ok:
            self.latencies.append(time.perf_counter() - started)
            return
        label = str(outcome.status_code) if isinstance(outcome, httpx.Response) else type(outcome).__name__
        self.errors[label] = self.errors.get(label, 0) + 1

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return (
            ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000 if ordered else float("nan")
        )

    def line(self, unit: str) -> str:
        rate = len(self.latencies) / self.elapsed if self.elapsed else 0.0
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        cpu = (
            f"service CPU {self.service_cpu * 1000 / len(self.latencies):5.1f} ms each   "
            if self.service_cpu and self.latencies
            else ""
        )
        return (
            f"{self.name:<17} {rate:7.1f} {unit}/s   p50 {self.percentile(0.50):7.1f} ms   "
            f"p99 {self.percentile(0.99):7.1f} ms   {cpu}"
            f"({len(self.latencies)} ok in {self.elapsed:.1f} s; errors: {errors})"
        )


def service_cpu_seconds(pid: int) -> float:
    """User + system CPU of the uvicorn master and its workers (Linux /proc): a figure that, unlike
    throughput, does not depend on what else the machine is running."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
    total = 0
    for each in pids:
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


async def drive(seconds: float, concurrency: int, step: Callable[[], Awaitable[None]]) -> float:
    """Run `step` in `concurrency` loops until `seconds` have passed; returns the elapsed time."""
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()

    async def loop() -> None:
        while time.perf_counter() < deadline:
            await step()

    await asyncio.gather(*(loop() for _ in range(concurrency)))
    return time.perf_counter() - started


async def timed(phase: Phase, request: Awaitable[httpx.Response], expected: int) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await request
    except httpx.HTTPError as exc:
        phase.record(started, exc, ok=False)
        return None
    phase.record(started, response, ok=response.status_code == expected)
    return response


async def catalog_phase(client: httpx.AsyncClient, service: int, seconds: float, concurrency: int) -> Phase:
    listing = (await client.get("/api/v1/products", params={"page_size": 100})).json()["items"]
    slugs = [p["slug"] for p in listing]
    queries: list[dict[str, str | int]] = [
        {},
        {"page": 2},
        {"category": "kurtas"},
        {"category": "t-shirts", "size": "M", "colour": "blue"},
        {"q": "silk saree"},
        {"q": "jaket"},
        {"sort": "price_asc", "in_stock": "true"},
        {"min_price": 100000, "max_price": 300000},
    ]
    phase = Phase("catalog reads")

    async def step() -> None:
        pick = random.random()
        if pick < 0.5:
            request = client.get("/api/v1/products", params=random.choice(queries))
        elif pick < 0.9:
            request = client.get(f"/api/v1/products/{random.choice(slugs)}")
        else:
            request = client.get("/api/v1/products/facets")
        await timed(phase, request, 200)

    await drive(2, concurrency, step)  # warm-up: pools, caches
    phase.latencies.clear()
    phase.errors.clear()
    cpu_before = service_cpu_seconds(service)
    phase.elapsed = await drive(seconds, concurrency, step)
    phase.service_cpu = service_cpu_seconds(service) - cpu_before
    return phase


async def order_phase(
    client: httpx.AsyncClient, service: int, issuer: TokenIssuer, seconds: float, concurrency: int
) -> tuple[Phase, Phase]:
    variants: list[str] = []
    for page in (1, 2):
        listing = (await client.get("/api/v1/products", params={"page_size": 100, "page": page})).json()[
            "items"
        ]
        for summary in listing:
            product = (await client.get(f"/api/v1/products/{summary['slug']}")).json()
            variants += [v["id"] for v in product["variants"] if v["available"] >= 10]
    carts, orders = Phase("  their cart adds"), Phase("orders (checkout)")

    async def step() -> None:
        user_id = uuid.uuid4()
        token = issuer.issue(user_id=user_id, role="customer", session_id=uuid.uuid4().hex).token
        headers = {"Authorization": f"Bearer {token}"}
        added = await timed(
            carts,
            client.post(
                f"/api/v1/cart/{user_id}/add",
                json={"variant_id": random.choice(variants), "quantity": 1},
                headers=headers,
            ),
            200,
        )
        if added is None or added.status_code != 200:
            return
        await timed(
            orders,
            client.post(
                "/api/v1/orders",
                json={"shipping_address": ADDRESS},
                headers={**headers, "Idempotency-Key": uuid.uuid4().hex},
            ),
            201,
        )

    cpu_before = service_cpu_seconds(service)
    elapsed = await drive(seconds, concurrency, step)
    carts.elapsed = orders.elapsed = elapsed
    # Per completed order: its cart add and its checkout together.
    orders.service_cpu = service_cpu_seconds(service) - cpu_before
    return carts, orders


async def run_load(base_url: str, service: int, keys: Path, seconds: float, concurrency: int) -> list[str]:
    issuer = TokenIssuer(
        private_key=(keys / "jwt-private.pem").read_text(),
        algorithm="EdDSA",
        issuer="aarya-core",
        audience="aarya",
        ttl_seconds=3600,
    )
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30) as client:
        reads = await catalog_phase(client, service, seconds, concurrency)
        carts, orders = await order_phase(client, service, issuer, seconds, concurrency)
    return [reads.line("req"), orders.line("orders"), carts.line("req")]


def start_service(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "commerce.main:app",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--log-level", "warning",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env)  # noqa: S603  (our own interpreter and arguments)


def wait_healthy(base_url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError("commerce did not become healthy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each measured phase")
    parser.add_argument("--concurrency", type=int, default=32, help="concurrent virtual shoppers")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (ops: one per core)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    with (
        tempfile.TemporaryDirectory(prefix="aarya-bench-") as scratch,
        running(PostgresServer()) as postgres,
        running(RedisServer()) as redis,
    ):
        keys = Path(scratch) / "keys"
        generate_keys(keys)
        env = {
            **os.environ,
            "ENVIRONMENT": "production",
            "LOG_LEVEL": "WARNING",
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": str(postgres.port),
            "POSTGRES_DB": DATABASE,
            "POSTGRES_USER": postgres.user,
            "POSTGRES_PASSWORD": postgres.password,
            "REDIS_URL": redis.url,
            "JWT_PUBLIC_KEY_FILE": str(keys / "jwt-public.pem"),
        }
        postgres.create_database(DATABASE)
        settings = CommerceSettings(
            _env_file=None,
            postgres_port=postgres.port,
            postgres_db=DATABASE,
            postgres_user=postgres.user,
            postgres_password=postgres.password,
            redis_url=redis.url,
        )
        upgrade(SERVICE_ROOT, settings.database_url)
        seeded = asyncio.run(seed(settings))
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        service = start_service(env, port, args.workers)
        try:
            wait_for_port(port)
            wait_healthy(base_url)
            lines = asyncio.run(run_load(base_url, service.pid, keys, args.seconds, args.concurrency))
        finally:
            service.terminate()
            service.wait(timeout=30)

    print(  # noqa: T201
        f"commerce benchmark: uvicorn --workers {args.workers}, {os.cpu_count()} CPUs (shared with "
        f"PostgreSQL, Redis and the load generator), {args.concurrency} concurrent clients, "
        f"{args.seconds:.0f} s per phase, {seeded.created} seeded products ({seeded.variants} variants); "
        f"load average before {load_before:.1f}, after {os.getloadavg()[0]:.1f}"
    )
    for line in lines:
        print(line)  # noqa: T201


if __name__ == "__main__":
    main()
