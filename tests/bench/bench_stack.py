"""Whole-stack benchmark: the deployed shop through nginx, next to this machine's raw references.

    .venv/bin/python tests/bench/bench_stack.py [--base-url http://localhost] [--seconds 10] [--shoppers 50]

Runs against the stack `make deploy` put on this machine (run it as root: it reads the deploy's JWT key,
core's log and /proc, and runs pgbench as the postgres user). Every measured shop request goes through
nginx at --base-url. In one run it measures
- catalog reads/s (list, search, facets, product pages) by --shoppers anonymous readers,
- login/s: real logins (argon2id and all) by --login-clients clients, each from fresh addresses,
- a stock race: --shoppers shoppers with the same variant in their carts check out at once while only
  --race-stock units exist; oversell = max(0, sold - stock) must be 0,
- orders/s: the shoppers loop cart add -> checkout on one well-stocked variant (one hot stock row),
- this machine's references, measured in the same run with the same client: nginx serving a file of
  /_next/static/, a hello-world FastAPI app under uvicorn with the services' worker count (direct, no
  nginx), pgbench running a one-row conditional UPDATE (the stock reservation) on a scratch database,
  and argon2id verifications with core's parameters in this process,
- the resident memory of the stack's processes (PostgreSQL, Redis, nginx, the three services, the
  storefront) at idle and its peak while the shop phases run.
It prints a table, writes JSON and a PNG chart (SVG rendered by headless Chromium), and exits 1 only
when the race oversold.

Shoppers are real accounts: registered through nginx, each from its own loopback address (all of 127.0.0.0/8
reaches lo, so nginx and core see one client address per shopper and their per-address limits apply to each
shopper as they would in production), e-mail verified with the code the demo's mail catcher wrote (core's
EMAIL_BACKEND=catcher, files in MAIL_CATCHER_DIR, readable by root and aarya-ops). Administration (a
benchmark product with limited stock, cancelling the benchmark's orders, deactivating its accounts) uses an
admin access token minted with the deploy's signing key, because the shop has no default administrator and
creating one would leave a password behind. Afterwards the benchmark's orders are cancelled (their stock
freed), its product is a hidden draft (reused by the next run) and its accounts are deactivated (their
sessions ended).

The load generator is a small HTTP/1.1 client on uvloop and httptools (both already there for uvicorn):
httpx tops out near 200 requests/s at 50 concurrent connections on these cores, far below nginx.
It still shares the machine's cores with the stack, so each phase reports where the CPU went: the
servers, the load generator, and anything else running on the machine meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email
import email.policy
import gzip
import html
import ipaddress
import json
import math
import os
import platform
import pwd
import random
import re
import resource
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode, urlsplit

import httptools
import httpx
import uvloop
from argon2 import PasswordHasher

from core.config import CoreSettings
from kit.auth import TokenIssuer
from kit.testing.data import shipping_address
from kit.testing.servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parents[2]
STACK = ("postgres", "redis", "nginx", "core", "commerce", "payment", "storefront")
MIB = 1024 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
REQUEST_TIMEOUT = 30.0  # seconds

# core's limits (docs/api.md): 10 logins per minute per address (and 10 wrong passwords per account and
# address, which these never are); the logins still spread over the accounts, at most 19 each.
LOGINS_PER_ADDRESS = 9
LOGINS_PER_ACCOUNT = 19

BENCH_SLUG = "aarya-bench-stock"
BENCH_ADMIN_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://aarya.local/bench/admin")
RACE_SKU, BULK_SKU = "AARYA-BENCH-RACE", "AARYA-BENCH-BULK"
BULK_STOCK = 1_000_000
ADDRESS = shipping_address("Bench Shopper")
ORDER_BODY = json.dumps({"shipping_address": ADDRESS, "note": "benchmark"}).encode()
CODE_IN_MAIL = re.compile(r"Your code is (\d{6})")

HELLO_APP = """\
from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
async def hello() -> dict[str, str]:
    return {"hello": "world"}
"""

# One stock row reserved by every client, as checkout reserves a variant (commerce's StockRepository).
PGBENCH_SCHEMA = """
CREATE TABLE inventory (variant_id integer PRIMARY KEY, on_hand integer NOT NULL, reserved integer NOT NULL);
INSERT INTO inventory VALUES (1, 2000000000, 0);
"""
PGBENCH_SCRIPT = """\
BEGIN;
UPDATE inventory SET reserved = reserved + 1 WHERE variant_id = 1 AND on_hand - reserved >= 1;
COMMIT;
"""


# --- a lean HTTP/1.1 client ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    """Where requests go: the address connected to, and the Host (and TLS name) the server expects."""

    address: str
    port: int
    host: str
    tls: ssl.SSLContext | None

    @classmethod
    def of(cls, base_url: str) -> Target:
        url = urlsplit(base_url)
        secure = url.scheme == "https"
        port = url.port or (443 if secure else 80)
        host = url.hostname or "localhost"
        # IPv4, so that a loopback source address can reach it ("localhost" may resolve to ::1 first).
        address = socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)[0][4][0]
        context = None
        if secure:  # the deploy's certificate is self-signed
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return cls(str(address), port, url.netloc, context)

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.address}:{self.port}"

    @property
    def loopback(self) -> bool:
        return ipaddress.ip_address(self.address).is_loopback


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    headers: dict[bytes, bytes]
    body: bytes

    def json(self) -> Any:
        gzipped = self.headers.get(b"content-encoding") == b"gzip"
        return json.loads(gzip.decompress(self.body) if gzipped else self.body)


class _ReplyReader(asyncio.Protocol):
    """Parses the replies on one keep-alive connection (httptools: chunked, gzip'd, pipelining-safe)."""

    def __init__(self) -> None:
        self.parser = httptools.HttpResponseParser(self)
        self.transport: asyncio.Transport | None = None
        self.waiter: asyncio.Future[Reply] | None = None
        self.headers: dict[bytes, bytes] = {}
        self.body: list[bytes] = []
        self.open = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # a stream transport, TLS or not
        self.open = True

    def connection_lost(self, exc: Exception | None) -> None:
        self.open = False
        self._fail(ConnectionResetError("the server closed the connection"))

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(ConnectionError(f"unparsable reply: {exc}"))
            self.close()

    def _fail(self, error: Exception) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(error)

    def close(self) -> None:
        self.open = False
        if self.transport is not None:
            self.transport.close()

    # httptools callbacks
    def on_message_begin(self) -> None:
        self.headers, self.body = {}, []

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers[name.lower()] = value

    def on_body(self, body: bytes) -> None:
        self.body.append(body)

    def on_message_complete(self) -> None:
        reply = Reply(self.parser.get_status_code(), self.headers, b"".join(self.body))
        if not self.parser.should_keep_alive():
            self.close()
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(reply)


class Connection:
    """One client's keep-alive connection, optionally from its own source address (nginx's $remote_addr)."""

    def __init__(self, target: Target, source: str | None = None) -> None:
        self.target = target
        self.source = source
        self.reader: _ReplyReader | None = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        if self.reader is None or not self.reader.open:
            await self._connect()
        reader = self.reader
        assert reader is not None
        assert reader.transport is not None
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.target.host}",
            "User-Agent: aarya-bench",
            "Accept: application/json, */*",
            "Accept-Encoding: gzip",
        ]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body is not None:
            head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        elif method in {"POST", "PUT", "PATCH", "DELETE"}:
            head.append("Content-Length: 0")
        reader.waiter = asyncio.get_running_loop().create_future()
        reader.transport.write(("\r\n".join(head) + "\r\n\r\n").encode() + (body or b""))
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                return await reader.waiter
        except BaseException:
            reader.close()  # a reply may still arrive: never reuse a connection in an unknown state
            raise

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        _, self.reader = await loop.create_connection(
            _ReplyReader,
            self.target.address,
            self.target.port,
            ssl=self.target.tls,
            server_hostname=self.target.host.split(":")[0] if self.target.tls else None,
            local_addr=(self.source, 0) if self.source else None,
        )

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()


def source_addresses(spread: bool) -> Iterator[str | None]:
    """Loopback addresses from a /16 picked for this run (the per-address limits of earlier runs, kept
    for up to an hour, do not touch it); None for every client when the target is not on loopback."""
    if not spread:
        while True:
            yield None
    second = random.randint(16, 254)
    for third in range(256):
        for fourth in range(1, 255):
            yield f"127.{second}.{third}.{fourth}"
    raise RuntimeError("out of loopback addresses")


# --- phases and their figures -------------------------------------------------------------------------


def busy_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine so far (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


@dataclass
class Phase:
    name: str
    unit: str = "req"
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0
    reported_rate: float | None = None  # when the tool measures its own rate (pgbench)
    cpu: dict[str, float] = field(default_factory=dict)  # cores: machine = server + load generator + other
    work: str = "server"  # the CPU bucket doing the work measured
    note: str = ""

    def ok(self, started: float) -> None:
        self.latencies.append(time.perf_counter() - started)

    def fail(self, label: str) -> None:
        self.errors[label] = self.errors.get(label, 0) + 1

    def reset(self) -> None:
        self.latencies.clear()
        self.errors.clear()

    @property
    def rate(self) -> float:
        if self.reported_rate is not None:
            return self.reported_rate
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile_ms(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": f"{self.unit}/s",
            "rate": round(self.rate, 2),
            "p50_ms": round(self.percentile_ms(0.50), 2),
            "p99_ms": round(self.percentile_ms(0.99), 2),
            "ok": len(self.latencies),
            "errors": dict(sorted(self.errors.items())),
            "seconds": round(self.elapsed, 2),
            "cpu_cores": {name: round(cores, 2) for name, cores in self.cpu.items()},
            # CPU per operation of whatever does the work (the servers; for argon2, this process)
            "cpu_ms_each": round(self.cpu.get(self.work, 0.0) / self.rate * 1000, 2) if self.rate else None,
            "cpu_ms_each_of": self.work,
            "note": self.note,
        }


async def timed(phase: Phase, request: Awaitable[Reply], expected: int) -> Reply | None:
    started = time.perf_counter()
    try:
        reply = await request
    except (OSError, TimeoutError) as exc:
        phase.fail(type(exc).__name__)
        return None
    if reply.status == expected:
        phase.ok(started)
    else:
        phase.fail(str(reply.status))
    return reply


def own_cpu_seconds() -> float:
    """This process and its children that have ended (pgbench, runuser)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def cpu_seconds(pids: Iterable[int]) -> float:
    """CPU of the processes and of their children that ended (PostgreSQL's backends end in the
    postmaster's count), so a difference of two readings is what the processes used in between."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / CLOCK_TICKS


def process_tree(pid: int) -> list[int]:
    tree = [pid]
    with contextlib.suppress(OSError):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            tree += process_tree(int(child))
    return tree


@contextlib.contextmanager
def accounted(phase: Phase, servers: Callable[[], list[int]] | None = None) -> Iterator[None]:
    """Elapsed time, and where the machine's CPU went meanwhile, in cores: the servers (the stack's
    processes unless `servers` says otherwise), the load generator, and anything else on the machine."""
    servers = servers or stack_pids
    wall, machine, own, server = (
        time.perf_counter(),
        busy_jiffies(),
        own_cpu_seconds(),
        cpu_seconds(servers()),
    )
    yield
    phase.elapsed = elapsed = time.perf_counter() - wall
    machine_after = busy_jiffies()
    busy = (machine_after[0] - machine[0]) / max(1, machine_after[1] - machine[1]) * (os.cpu_count() or 1)
    server_cores = (cpu_seconds(servers()) - server) / elapsed
    own_cores = (own_cpu_seconds() - own) / elapsed
    phase.cpu = {
        "machine": busy,
        "server": server_cores,
        "load_generator": own_cores,
        "other": max(0.0, busy - server_cores - own_cores),
    }


async def drive(
    phase: Phase,
    seconds: float,
    clients: int,
    step: Callable[[int], Awaitable[None]],
    warmup: float = 0.0,
    servers: Callable[[], list[int]] | None = None,
) -> Phase:
    """Run `step(client)` in a loop for each client for `seconds` (after `warmup` seconds not counted)."""

    async def until(deadline: float, client: int) -> None:
        while time.perf_counter() < deadline:
            await step(client)

    if warmup:
        deadline = time.perf_counter() + warmup
        await asyncio.gather(*(until(deadline, client) for client in range(clients)))
        phase.reset()
    with accounted(phase, servers):
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(until(deadline, client) for client in range(clients)))
    return phase


# --- memory of the stack --------------------------------------------------------------------------------


def _user(uid: int, names: dict[int, str] = {}) -> str:  # noqa: B006  (a deliberate cache)
    if uid not in names:
        try:
            names[uid] = pwd.getpwuid(uid).pw_name
        except KeyError:
            names[uid] = str(uid)
    return names[uid]


def _component(name: str, user: str, parents: set[int], masters: dict[str, set[int]]) -> str | None:
    """Which part of the deployed stack a process is, if any: PostgreSQL by its cluster's postmaster
    (a test's throwaway cluster also runs as postgres, from another directory), nginx by its master,
    Redis by its system user, the shop's programs by their aarya-* users."""
    if name == "postgres" and parents & masters["postgres"]:
        return "postgres"
    if name == "nginx" and parents & masters["nginx"]:
        return "nginx"
    if name == "redis-server" and user == "redis":
        return "redis"
    component = user.removeprefix("aarya-")
    return component if user.startswith("aarya-") and component in STACK else None


def postmasters() -> set[int]:
    """The deployed clusters' postmasters (Debian's layout: /var/lib/postgresql/<version>/<name>)."""
    pids = set()
    for pid_file in Path("/var/lib/postgresql").glob("*/*/postmaster.pid"):
        with contextlib.suppress(OSError, ValueError):
            pids.add(int(pid_file.read_text().split("\n", 1)[0]))
    return pids


def nginx_master() -> set[int]:
    with contextlib.suppress(OSError, ValueError):
        return {int(Path("/run/nginx.pid").read_text())}
    return set()


def host_processes() -> Iterator[Path]:
    """/proc entries of the processes in this PID namespace (not those of containers, such as a
    Molecule scenario's PostgreSQL, which the host's /proc shows as well)."""
    own = os.readlink("/proc/self/ns/pid")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if os.readlink(entry / "ns" / "pid") == own:
                    yield entry


def stack_processes() -> Iterator[tuple[Path, str, dict[str, str]]]:
    """(/proc entry, component, status fields) of each process of the stack."""
    masters = {"postgres": postmasters(), "nginx": nginx_master()}
    for entry in host_processes():
        try:
            lines = (entry / "status").read_text().splitlines()
        except OSError:  # ended meanwhile
            continue
        status = dict(line.split(":", 1) for line in lines if ":" in line)
        itself_or_parent = {int(entry.name), int(status["PPid"])}
        user = _user(int(status["Uid"].split()[1]))
        component = _component(status["Name"].strip(), user, itself_or_parent, masters)
        if component is not None and "VmRSS" in status:  # kernel threads have no memory of their own
            yield entry, component, status


def stack_pids() -> list[int]:
    return [int(entry.name) for entry, _, _ in stack_processes()]


def stack_memory() -> dict[str, dict[str, int]]:
    """Per component: resident (RSS, shared pages counted in each process) and proportional (PSS,
    shared pages split between their processes, so PSS adds up) memory in bytes, and process count."""
    usage = {name: {"rss": 0, "pss": 0, "processes": 0} for name in STACK}
    for entry, component, status in stack_processes():
        try:
            rollup = (entry / "smaps_rollup").read_text()
        except OSError:
            continue
        pss = next((line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")), "0")
        usage[component]["rss"] += int(status["VmRSS"].split()[0]) * 1024
        usage[component]["pss"] += int(pss) * 1024
        usage[component]["processes"] += 1
    return usage


class MemoryPeak(threading.Thread):
    """Samples the stack's memory every `interval` seconds while `sampling` is set; keeps the peaks."""

    def __init__(self, interval: float = 1.0) -> None:
        super().__init__(name="memory-peak", daemon=True)
        self.interval = interval
        self.sampling = threading.Event()
        self.stopped = threading.Event()
        self.peak_total: dict[str, dict[str, int]] = {}
        self.peak_each: dict[str, dict[str, int]] = {}
        self.samples = 0

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            if not self.sampling.is_set():
                continue
            sample = stack_memory()
            self.samples += 1
            if total(sample, "rss") > total(self.peak_total, "rss"):
                self.peak_total = sample
            for name, usage in sample.items():
                peak = self.peak_each.setdefault(name, {"rss": 0, "pss": 0})
                peak["rss"], peak["pss"] = max(peak["rss"], usage["rss"]), max(peak["pss"], usage["pss"])

    @contextlib.contextmanager
    def during(self) -> Iterator[None]:
        self.sampling.set()
        try:
            yield
        finally:
            self.sampling.clear()


def total(usage: dict[str, dict[str, int]], kind: str) -> int:
    return sum(each[kind] for each in usage.values())


# --- the shop: accounts, admin, the benchmark product -------------------------------------------------


@dataclass
class Shopper:
    index: int
    source: str | None
    email: str
    password: str
    user_id: str = ""
    access_token: str = ""
    refresh_token: str = ""
    signed_in_at: float = 0.0
    verified: bool = False
    connection: Connection | None = None

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    def signed_in(self, body: dict[str, Any]) -> None:
        self.user_id = body["user"]["id"]
        self.access_token, self.refresh_token = body["access_token"], body["refresh_token"]
        self.signed_in_at = time.monotonic()


def setup_client(target: Target, source: str | None = None, token: str | None = None) -> httpx.AsyncClient:
    """httpx for the unmeasured calls, from `source` (httpx's local_address) like the shopper's own."""
    headers = {"Host": target.host, "User-Agent": "aarya-bench"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.AsyncClient(
        base_url=target.base,
        headers=headers,
        transport=httpx.AsyncHTTPTransport(local_address=source, verify=target.tls or True, retries=0),
        timeout=60,
        trust_env=False,
    )


def checked(response: httpx.Response, *expected: int) -> Any:
    if response.status_code not in expected:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path} answered {response.status_code}: "
            f"{response.text[:300]}"
        )
    return response.json() if response.content else None


def admin_token(private_key: Path) -> str:
    issuer = TokenIssuer(
        private_key=private_key.read_text(),
        algorithm="EdDSA",
        issuer="aarya-core",
        audience="aarya",
        ttl_seconds=3600,
    )
    return issuer.issue(user_id=BENCH_ADMIN_ID, role="admin", session_id=f"bench-{uuid.uuid4().hex}").token


def emailed_codes(mail_dir: Path, since: float) -> dict[str, str]:
    """The newest code per address in the mail catcher's files written after `since` (a time.time())."""
    codes: dict[str, str] = {}
    with contextlib.suppress(OSError):
        caught = sorted(f for f in mail_dir.rglob("*.eml") if f.stat().st_mtime >= since)
        for path in caught:  # named by the time they were written: the newest wins
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            body = message.get_body(("plain",))
            if body is not None and (match := CODE_IN_MAIL.search(body.get_content())):
                codes[str(message["To"]).lower()] = match.group(1)
    return codes


async def enrol(target: Target, shoppers: list[Shopper], mail_dir: Path) -> str:
    """Register every shopper through nginx, sign in, verify their e-mail with the code the catcher kept."""
    started = time.time() - 1
    slots = asyncio.Semaphore(8)  # registration hashes a password: core takes a few at a time

    async def register(shopper: Shopper) -> None:
        async with slots, setup_client(target, shopper.source) as client:
            body = {
                "email": shopper.email,
                "password": shopper.password,
                "full_name": f"Bench Shopper {shopper.index}",
            }
            checked(await client.post("/api/v1/auth/register", json=body), 202)
            credentials = {"email": shopper.email, "password": shopper.password}
            shopper.signed_in(checked(await client.post("/api/v1/auth/login", json=credentials), 200))

    await asyncio.gather(*(register(shopper) for shopper in shoppers))
    deadline = time.monotonic() + 15
    codes = emailed_codes(mail_dir, started)
    while len(codes) < len(shoppers) and time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        codes = emailed_codes(mail_dir, started)

    async def verify(shopper: Shopper) -> None:
        code = codes.get(shopper.email)
        if code is None:
            return
        async with slots, setup_client(target, shopper.source) as client:
            body = {"email": shopper.email, "purpose": "verify_email", "code": code}
            shopper.verified = checked(await client.post("/api/v1/auth/verify-otp", json=body), 200)[
                "verified"
            ]

    await asyncio.gather(*(verify(shopper) for shopper in shoppers))
    verified = sum(shopper.verified for shopper in shoppers)
    how = f"registered through nginx, {verified} of {len(shoppers)} e-mails verified with the caught code"
    if verified < len(shoppers):
        how += f" (no code in {mail_dir}: is EMAIL_BACKEND catcher, and may this user read it?)"
    return how


async def refresh_stale(target: Target, shoppers: list[Shopper], older_than: float = 600) -> None:
    """Access tokens last 15 minutes: rotate the older ones before a phase that needs them."""

    async def refresh(shopper: Shopper) -> None:
        async with setup_client(target, shopper.source) as client:
            body = {"refresh_token": shopper.refresh_token}
            shopper.signed_in(checked(await client.post("/api/v1/auth/refresh", json=body), 200))

    stale = [s for s in shoppers if time.monotonic() - s.signed_in_at > older_than]
    await asyncio.gather(*(refresh(shopper) for shopper in stale))


def fresh_connections(target: Target, shoppers: list[Shopper]) -> None:
    for shopper in shoppers:
        if shopper.connection is not None:
            shopper.connection.close()
        shopper.connection = Connection(target, shopper.source)


@dataclass(frozen=True)
class BenchProduct:
    product_id: str
    race_variant: str
    bulk_variant: str

    def stock_path(self, variant_id: str) -> str:
        return f"/api/v1/products/{self.product_id}/variants/{variant_id}/stock"


async def bench_product(admin: httpx.AsyncClient) -> BenchProduct:
    """The benchmark's own product (created once, a hidden draft between runs), published for the run."""
    response = await admin.get(f"/api/v1/products/{BENCH_SLUG}")
    if response.status_code == 404:
        variant = {"size": "M", "colour": "Grey", "colour_hex": "#808080", "price_amount": 100}
        body = {
            "title": "Benchmark stock (not for sale)",
            "slug": BENCH_SLUG,
            "description": "Used by tests/bench/bench_stack.py; a draft outside benchmark runs.",
            "category": "benchmark",
            "brand": "Aarya Bench",
            "status": "active",
            "variants": [{**variant, "sku": RACE_SKU}, {**variant, "sku": BULK_SKU, "size": "L"}],
        }
        product = checked(await admin.post("/api/v1/products", json=body), 201)
    else:
        product = checked(response, 200)
        if product["status"] != "active":
            path = f"/api/v1/products/{product['id']}"
            product = checked(await admin.patch(path, json={"status": "active"}), 200)
    variants = {variant["sku"]: variant["id"] for variant in product["variants"]}
    return BenchProduct(product["id"], variants[RACE_SKU], variants[BULK_SKU])


async def set_available(admin: httpx.AsyncClient, path: str, units: int, reason: str) -> dict[str, Any]:
    stock: dict[str, Any] = checked(await admin.get(path), 200)
    delta = units - stock["available"]
    if delta:
        stock = checked(await admin.post(path, json={"delta": delta, "reason": reason}), 200)
    return stock


# --- shop phases --------------------------------------------------------------------------------------


async def catalog_phase(shoppers: list[Shopper], slugs: list[str], seconds: float, warmup: float) -> Phase:
    """Anonymous browsing: half listings and searches, 40 % product pages, 10 % the filters' facets."""
    listings: list[dict[str, str | int]] = [
        {},
        {"page": 2},
        {"category": "kurtas"},
        {"category": "t-shirts", "size": "M", "colour": "blue"},
        {"q": "silk saree"},
        {"q": "jaket"},
        {"sort": "price_asc", "in_stock": "true"},
        {"min_price": 100000, "max_price": 300000},
    ]
    paths = [f"/api/v1/products?{urlencode(query)}".rstrip("?") for query in listings]
    phase = Phase("catalog reads")

    async def step(client: int) -> None:
        pick = random.random()
        if pick < 0.5:
            path = random.choice(paths)
        elif pick < 0.9:
            path = f"/api/v1/products/{random.choice(slugs)}"
        else:
            path = "/api/v1/products/facets"
        connection = shoppers[client].connection
        assert connection is not None
        await timed(phase, connection.request("GET", path), 200)

    return await drive(phase, seconds, len(shoppers), step, warmup)


async def login_phase(
    target: Target, shoppers: list[Shopper], sources: Iterator[str | None], clients: int, seconds: float
) -> Phase:
    """Real logins by `clients` clients. Each client moves to a fresh source address before core's
    per-address limit, and the logins go round the shoppers' accounts below core's per-account limit."""
    phase = Phase("login", unit="logins")
    budget = {shopper.email: LOGINS_PER_ACCOUNT for shopper in shoppers}
    turn = iter(range(sys.maxsize))
    exhausted = False

    def next_account() -> Shopper | None:
        for _ in shoppers:
            shopper = shoppers[next(turn) % len(shoppers)]
            if budget[shopper.email] > 0:
                budget[shopper.email] -= 1
                return shopper
        return None

    async def client(deadline: float) -> None:
        nonlocal exhausted
        connection, used = None, 0
        while time.perf_counter() < deadline:
            account = next_account()
            if account is None:
                exhausted = True
                break
            if connection is None or used == LOGINS_PER_ADDRESS:
                if connection is not None:
                    connection.close()
                connection, used = Connection(target, next(sources)), 0
            used += 1
            body = json.dumps({"email": account.email, "password": account.password}).encode()
            await timed(phase, connection.request("POST", "/api/v1/auth/login", body=body), 200)
        if connection is not None:
            connection.close()

    with accounted(phase):
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(client(deadline) for _ in range(clients)))
    if exhausted:
        phase.note = f"stopped early: {LOGINS_PER_ACCOUNT} logins per account used up"
    return phase


async def race_phase(
    admin: httpx.AsyncClient, product: BenchProduct, shoppers: list[Shopper], stock: int
) -> tuple[dict[str, Any], Phase, list[str]]:
    """Every shopper has the variant in the cart; all check out at the same moment; count what sold."""
    path = product.stock_path(product.race_variant)
    before = await set_available(admin, path, stock, "benchmark: stock race")
    add = json.dumps({"variant_id": product.race_variant, "quantity": 1, "replace": True}).encode()
    connections = [shopper.connection for shopper in shoppers if shopper.connection is not None]
    added = await asyncio.gather(
        *(
            connection.request("POST", f"/api/v1/cart/{s.user_id}/add", body=add, headers=s.auth)
            for connection, s in zip(connections, shoppers, strict=True)
        )
    )
    if bad := [reply.status for reply in added if reply.status != 200]:
        raise RuntimeError(f"cart adds before the race failed: {bad}")

    phase = Phase("race checkout", unit="answers")
    start = asyncio.Event()
    outcomes: list[str] = []
    accepted: list[str] = []

    async def buy(shopper: Shopper) -> None:
        assert shopper.connection is not None
        await start.wait()
        headers = {**shopper.auth, "Idempotency-Key": uuid.uuid4().hex}
        started = time.perf_counter()
        try:
            reply = await shopper.connection.request(
                "POST", "/api/v1/orders", body=ORDER_BODY, headers=headers
            )
        except (OSError, TimeoutError) as exc:
            outcomes.append(type(exc).__name__)
            return
        if reply.status == 201:
            phase.ok(started)
            accepted.append(reply.json()["id"])
            outcomes.append("accepted")
            return
        code = reply.json().get("error", {}).get("code", "?") if reply.body else "?"
        outcomes.append(f"{reply.status} {code}")
        if reply.status == 409 and code == "out_of_stock":
            phase.ok(started)  # the answer a late shopper should get

    buyers = [asyncio.create_task(buy(shopper)) for shopper in shoppers]
    await asyncio.sleep(0.1)  # every buyer is waiting at the start line
    with accounted(phase):
        start.set()
        await asyncio.gather(*buyers)
    after = checked(await admin.get(path), 200)
    refused = {outcome: outcomes.count(outcome) for outcome in set(outcomes) if outcome != "accepted"}
    phase.errors = {k: v for k, v in refused.items() if k != "409 out_of_stock"}
    reserved = after["reserved"] - before["reserved"]
    result = {
        "shoppers": len(shoppers),
        "initial_stock": stock,
        "orders_accepted": len(accepted),
        "refused": refused,
        "stock_left": after["available"],
        "reserved_by_race": reserved,
        # sold as the shoppers saw it (201s) and as the stock row holds it, whichever is worse
        "oversell": max(0, len(accepted) - stock, reserved - stock),
        "consistent": reserved == len(accepted) and after["available"] == stock - len(accepted),
    }
    return result, phase, accepted


async def order_phase(
    product: BenchProduct, shoppers: list[Shopper], seconds: float
) -> tuple[Phase, Phase, list[str]]:
    """Each shopper loops: cart add (replace, one unit) -> checkout, on one well-stocked variant."""
    add = json.dumps({"variant_id": product.bulk_variant, "quantity": 1, "replace": True}).encode()
    carts, orders = Phase("cart add", unit="req"), Phase("orders", unit="orders")
    placed: list[str] = []

    async def step(client: int) -> None:
        shopper = shoppers[client]
        assert shopper.connection is not None
        connection = shopper.connection
        path = f"/api/v1/cart/{shopper.user_id}/add"
        added = await timed(carts, connection.request("POST", path, body=add, headers=shopper.auth), 200)
        if added is None or added.status != 200:
            await asyncio.sleep(0.05)
            return
        headers = {**shopper.auth, "Idempotency-Key": uuid.uuid4().hex}
        reply = await timed(
            orders, connection.request("POST", "/api/v1/orders", body=ORDER_BODY, headers=headers), 201
        )
        if reply is not None and reply.status == 201:
            placed.append(reply.json()["id"])
        elif reply is None or reply.status >= 500:
            await asyncio.sleep(0.05)

    await drive(orders, seconds, len(shoppers), step)
    carts.elapsed, carts.cpu = orders.elapsed, orders.cpu
    orders.note = "CPU per order includes its cart add"
    return orders, carts, placed


# --- references -----------------------------------------------------------------------------------------


def static_file(root: Path, size: int) -> Path:
    """The file of nginx's /_next/static/ closest in size to `size` (nginx compresses both alike)."""
    files = [path for path in root.rglob("*") if path.is_file() and path.suffix in {".js", ".css"}]
    if not files:
        raise RuntimeError(f"no .js or .css under {root}: is the storefront deployed?")
    return min(files, key=lambda path: abs(path.stat().st_size - size))


async def http_reference(
    name: str,
    target: Target,
    path: str,
    clients: int,
    seconds: float,
    warmup: float,
    servers: Callable[[], list[int]] | None = None,
) -> Phase:
    connections = [Connection(target) for _ in range(clients)]
    phase = Phase(name)

    async def step(client: int) -> None:
        await timed(phase, connections[client].request("GET", path), 200)

    try:
        return await drive(phase, seconds, clients, step, warmup, servers)
    finally:
        for connection in connections:
            connection.close()


def service_workers() -> int:
    """The --workers of the deployed commerce uvicorn (the hello server gets the same)."""
    for entry, component, _ in stack_processes():
        with contextlib.suppress(OSError):
            argv = (entry / "cmdline").read_bytes().decode().split("\0")
            if component == "commerce" and "--workers" in argv:
                return int(argv[argv.index("--workers") + 1])
    return os.cpu_count() or 1


@contextlib.contextmanager
def hello_server(workers: int) -> Iterator[tuple[int, int]]:
    """A hello-world FastAPI app under uvicorn like the services' (httptools, uvloop), from a scratch
    directory; yields its port and the pid of uvicorn's master."""
    with tempfile.TemporaryDirectory(prefix="aarya-bench-hello-") as app_dir:
        Path(app_dir, "hello_app.py").write_text(HELLO_APP)
        port = free_port()
        command = [
            sys.executable, "-m", "uvicorn", "hello_app:app", "--app-dir", app_dir,
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--no-proxy-headers", "--no-server-header", "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        server = subprocess.Popen(command)  # noqa: S603  (our interpreter, our arguments)
        try:
            wait_for_port(port)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"http://127.0.0.1:{port}/hello", timeout=2).status_code == 200:
                        break
                time.sleep(0.1)
            yield port, server.pid
        finally:
            server.terminate()
            server.wait(timeout=30)


def as_postgres(*command: str) -> list[str]:
    return (
        ["runuser", "-u", "postgres", "--", *command]
        if os.geteuid() == 0
        else ["sudo", "-n", "-u", "postgres", *command]
    )


def run(command: list[str], cwd: str | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout


def pgbench_reference(clients: int, seconds: float) -> Phase:
    """pgbench on a scratch database: `clients` connections each reserving one unit of one stock row."""
    database = f"aarya_bench_scratch_{os.getpid()}"
    phase = Phase("pgbench", unit="tx")
    threads = min(clients, os.cpu_count() or 1)
    run(as_postgres("createdb", database))
    try:
        run(as_postgres("psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", PGBENCH_SCHEMA))
        with tempfile.TemporaryDirectory(prefix="aarya-bench-pgbench-") as scratch:
            script = Path(scratch, "reserve.sql")
            script.write_text(PGBENCH_SCRIPT)
            shutil.chown(scratch, "postgres")
            pgbench = [
                "pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(threads),
                "-T", str(round(seconds)), "-f", str(script), "-l", "--log-prefix", f"{scratch}/tx", database,
            ]  # fmt: skip
            with accounted(phase):
                output = run(as_postgres(*pgbench), cwd=scratch)
            for log in Path(scratch).glob("tx.*"):
                for line in log.read_text().splitlines():
                    phase.latencies.append(int(line.split()[2]) / 1e6)  # client, tx, latency in µs, …
        if match := re.search(r"tps = ([\d.]+) \(without initial connection time\)", output):
            phase.reported_rate = float(match.group(1))
        failed = re.search(r"number of failed transactions: (\d+)", output)
        if failed and int(failed.group(1)):
            phase.errors["failed"] = int(failed.group(1))
    finally:
        run(as_postgres("dropdb", "--if-exists", database))
    phase.note = f"{clients} clients, {threads} threads, -M prepared, database {database} (dropped)"
    return phase


def argon2_reference(seconds: float, threads: int) -> Phase:
    """argon2id verifications with core's parameters, `threads` at a time in this process (the hashing
    every login does, without HTTP, sessions or the database)."""
    defaults = CoreSettings.model_fields
    env = deployed_env(Path("/etc/aarya/core.env"))
    hasher = PasswordHasher(
        time_cost=int(env.get("ARGON2_TIME_COST", defaults["argon2_time_cost"].default)),
        memory_cost=int(env.get("ARGON2_MEMORY_COST_KIB", defaults["argon2_memory_cost_kib"].default)),
        parallelism=int(env.get("ARGON2_PARALLELISM", defaults["argon2_parallelism"].default)),
    )
    password = secrets.token_urlsafe(12) + "a1"
    hashed = hasher.hash(password)
    phase = Phase("argon2id verify", unit="verify", work="load_generator")
    phase.note = (
        f"t={hasher.time_cost}, m={hasher.memory_cost} KiB, p={hasher.parallelism}, {threads} threads"
    )

    def verify_until(deadline: float) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            hasher.verify(hashed, password)
            phase.ok(started)

    with accounted(phase, servers=list):  # the hashing is this process's own work
        deadline = time.perf_counter() + seconds
        workers = [threading.Thread(target=verify_until, args=(deadline,)) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    return phase


def deployed_env(path: Path) -> dict[str, str]:
    with contextlib.suppress(OSError):
        lines = path.read_text().splitlines()
        return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {}


# --- clean-up -------------------------------------------------------------------------------------------


async def clean_up(
    admin_commerce: httpx.AsyncClient,
    admin_core: httpx.AsyncClient,
    product: BenchProduct | None,
    orders: list[str],
    shoppers: list[Shopper],
) -> list[str]:
    """Cancel the benchmark's orders (their stock returns), hide its product, deactivate its accounts."""
    problems: list[str] = []
    slots = asyncio.Semaphore(16)

    async def call(client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> None:
        async with slots:
            try:
                response = await client.request(method, path, **kwargs)
            except httpx.HTTPError as exc:
                problems.append(f"{method} {path}: {exc!r}")
                return
            if response.status_code >= 300:
                problems.append(f"{method} {path}: {response.status_code} {response.text[:120]}")

    await asyncio.gather(*(call(admin_commerce, "POST", f"/api/v1/orders/{o}/cancel") for o in orders))
    if product is not None:
        await call(
            admin_commerce, "PATCH", f"/api/v1/products/{product.product_id}", json={"status": "draft"}
        )
    await asyncio.gather(
        *(
            call(admin_core, "PATCH", f"/api/v1/admin/users/{s.user_id}/deactivate")
            for s in shoppers
            if s.user_id
        )
    )
    for shopper in shoppers:
        if shopper.connection is not None:
            shopper.connection.close()
    return problems


# --- report: table, JSON, chart -------------------------------------------------------------------------


def ratio(figure: float, reference: float) -> float:
    return figure / reference if reference else float("nan")


def report_rows(result: dict[str, Any]) -> list[tuple[str, str, str, str, str, str, str]]:
    """(figure, value, p50, p99, errors, reference, ratio) lines of the printed table."""
    phases, refs = result["phases"], result["references"]
    rows: list[tuple[str, str, str, str, str, str, str]] = []

    def line(figure: str, phase: dict[str, Any], reference: str = "", versus: float | None = None) -> None:
        errors = sum(phase["errors"].values())
        rows.append(
            (
                figure,
                f"{phase['rate']:,.1f} {phase['unit']}",
                f"{phase['p50_ms']:.1f}",
                f"{phase['p99_ms']:.1f}",
                str(errors),
                reference,
                f"{versus:.3f}" if versus is not None else "",
            )
        )

    def more(reference: str, versus: float) -> None:
        rows.append(("", "", "", "", "", reference, f"{versus:.3f}"))

    catalog = phases["catalog"]
    line(
        "catalog reads (list/search/detail/facets)",
        catalog,
        "nginx static file",
        ratio(catalog["rate"], refs["nginx_static"]["rate"]),
    )
    more("hello uvicorn", ratio(catalog["rate"], refs["hello_uvicorn"]["rate"]))
    orders = phases["orders"]
    line(
        "orders (checkout), hot variant",
        orders,
        "pgbench 1-row UPDATE",
        ratio(orders["rate"], refs["pgbench"]["rate"]),
    )
    line("  their cart adds", phases["cart_add"])
    race = result["race"]
    rows.append(
        (
            f"race: {race['shoppers']} shoppers at once, stock {race['initial_stock']}",
            f"{phases['race']['ok']} answers",
            f"{phases['race']['p50_ms']:.1f}",
            f"{phases['race']['p99_ms']:.1f}",
            str(sum(phases["race"]["errors"].values())),
            "",
            "",
        )
    )
    rows.append(
        (
            "  accepted / stock left / oversold",
            f"{race['orders_accepted']} / {race['stock_left']} / {race['oversell']}",
            "", "", "", "oversold must be 0", "",
        )
    )  # fmt: skip
    login = phases["login"]
    line("login", login, "argon2id verify", ratio(login["rate"], refs["argon2"]["rate"]))
    more("hello uvicorn", ratio(login["rate"], refs["hello_uvicorn"]["rate"]))
    line(f"ref: nginx static {refs['nginx_static']['file_bytes'] / 1024:.1f} KB", refs["nginx_static"])
    line(f"ref: hello uvicorn, {result['service_workers']} workers, direct", refs["hello_uvicorn"])
    line(f"ref: pgbench, {result['shoppers']} clients", refs["pgbench"])
    line("ref: argon2id verify, in-process", refs["argon2"])
    memory = result["memory"]
    for label, key in (("stack memory idle", "idle"), ("stack memory peak under load", "peak")):
        rows.append(
            (
                label,
                f"{memory[key]['rss_mib']:,.0f} MiB RSS",
                "", "", "", f"PSS {memory[key]['pss_mib']:,.0f} MiB", "",
            )
        )  # fmt: skip
    return rows


def print_table(result: dict[str, Any]) -> None:
    header = ("figure", "value", "p50 ms", "p99 ms", "errors", "reference", "ratio")
    rows = [header, *report_rows(result)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    right = {1, 2, 3, 4, 6}

    def show(row: tuple[str, ...]) -> str:
        cells = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    print(result["title"])  # noqa: T201
    print(show(header))  # noqa: T201
    print("  ".join("-" * w for w in widths))  # noqa: T201
    for row in rows[1:]:
        print(show(row))  # noqa: T201
    print()  # noqa: T201
    print("memory by component, MiB (RSS idle -> peak; PSS idle -> peak):")  # noqa: T201
    for name, usage in result["memory"]["components"].items():
        print(  # noqa: T201
            f"  {name:<11} {usage['idle_rss_mib']:7.0f} -> {usage['peak_rss_mib']:7.0f}    "
            f"{usage['idle_pss_mib']:7.0f} -> {usage['peak_pss_mib']:7.0f}   ({usage['processes']} processes)"
        )
    print(f"CPU per phase, cores of {result['cpus']}: busy = server + load generator + other")  # noqa: T201
    for name, phase in [*result["phases"].items(), *result["references"].items()]:
        cpu = phase["cpu_cores"]
        note = f"; {phase['note']}" if phase.get("note") else ""
        print(  # noqa: T201
            f"  {name:<14} {cpu['machine']:.2f} = {cpu['server']:.2f} + {cpu['load_generator']:.2f} + "
            f"{cpu['other']:.2f}   {phase['cpu_ms_each_of'].replace('_', ' ')} CPU "
            f"{phase['cpu_ms_each'] or 0:.2f} ms each{note}"
        )
    for note in result["notes"]:
        print(f"note: {note}")  # noqa: T201


def chart_html(result: dict[str, Any]) -> tuple[str, int]:
    """Two panels of horizontal bars as SVG: throughput (log scale, shop next to its references) and
    memory per component at idle and at peak."""
    phases, refs = result["phases"], result["references"]
    ratios = result["ratios"]
    bars = [
        (
            "catalog reads/s",
            phases["catalog"],
            "shop",
            f"{ratios['catalog_vs_nginx_static']:.2f}x static, "
            f"{ratios['catalog_vs_hello_uvicorn']:.2f}x hello uvicorn",
        ),
        ("nginx static file", refs["nginx_static"], "ref", ""),
        ("hello uvicorn", refs["hello_uvicorn"], "ref", ""),
        ("orders/s (checkout)", phases["orders"], "shop", f"{ratios['orders_vs_pgbench']:.3f}x pgbench"),
        ("pgbench 1-row UPDATE", refs["pgbench"], "ref", ""),
        ("logins/s", phases["login"], "shop", f"{ratios['login_vs_argon2']:.2f}x argon2id"),
        ("argon2id verify", refs["argon2"], "ref", ""),
    ]
    width, label_w, bar_w, row_h = 1080, 200, 500, 34
    top = max(phase["rate"] for _, phase, _, _ in bars)
    decades = max(1, len(str(int(top))))
    scale = 10.0**decades

    def x_of(value: float) -> float:
        return label_w + bar_w * max(0.0, math.log10(max(value, 1.0))) / math.log10(scale)

    parts = [f'<text x="0" y="20" class="h">Throughput (log scale), {html.escape(result["load"])}</text>']
    for decade in range(decades + 1):
        x = x_of(10.0**decade)
        parts.append(f'<line x1="{x:.0f}" y1="34" x2="{x:.0f}" y2="{40 + row_h * len(bars)}" class="grid"/>')
        parts.append(f'<text x="{x:.0f}" y="{54 + row_h * len(bars)}" class="tick">{10**decade:,}</text>')
    for index, (label, phase, kind, versus) in enumerate(bars):
        y = 40 + index * row_h
        end = x_of(phase["rate"])
        text = f"{phase['rate']:,.1f}/s  p50 {phase['p50_ms']:.1f} ms  p99 {phase['p99_ms']:.1f} ms"
        text += f"  <tspan class='r'>= {versus}</tspan>" if versus else ""
        parts += [
            f'<text x="0" y="{y + 20}" class="{kind}l">{html.escape(label)}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{end - label_w:.1f}" height="{row_h - 10}" '
            f'class="{kind}"/>',
            f'<text x="{end + 6:.1f}" y="{y + 20}" class="v">{text}</text>',
        ]
    race = result["race"]
    y0 = 80 + row_h * len(bars)
    parts.append(
        f'<text x="0" y="{y0}" class="h">Stock race: {race["shoppers"]} shoppers, '
        f"stock {race['initial_stock']}: "
        f"{race['orders_accepted']} accepted, {race['stock_left']} left, oversell {race['oversell']}</text>"
    )
    components = result["memory"]["components"]
    peak = max([usage["peak_rss_mib"] for usage in components.values()] + [1.0])
    y1 = y0 + 40
    parts.append(
        f'<text x="0" y="{y1}" class="h">Memory, MiB RSS (dark: idle, light: peak under load): '
        f"idle {result['memory']['idle']['rss_mib']:,.0f}, peak {result['memory']['peak']['rss_mib']:,.0f}"
        "</text>"
    )
    for index, (name, usage) in enumerate(components.items()):
        y = y1 + 14 + index * row_h
        idle_w = bar_w * usage["idle_rss_mib"] / peak
        peak_w = bar_w * usage["peak_rss_mib"] / peak
        parts += [
            f'<text x="0" y="{y + 20}" class="refl">{html.escape(name)}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{peak_w:.1f}" height="{row_h - 10}" class="peak"/>',
            f'<rect x="{label_w}" y="{y + 4}" width="{idle_w:.1f}" height="{row_h - 10}" class="idle"/>',
            f'<text x="{label_w + peak_w + 6:.1f}" y="{y + 20}" class="v">'
            f"{usage['idle_rss_mib']:,.0f} idle, {usage['peak_rss_mib']:,.0f} peak</text>",
        ]
    other = result["other_cpu_max"]
    y2 = y1 + 40 + row_h * len(components)
    parts.append(
        f'<text x="0" y="{y2}" class="v">Other processes on the machine used up to {other["cores"]:.2f} '
        f"of {result['cpus']} cores during a phase ({html.escape(other['phase'])}); "
        "hello uvicorn is measured without nginx.</text>"
    )
    height = y2 + 10
    style = """
      body { margin: 0; background: #fff; font: 14px system-ui, sans-serif; }
      .h { font-weight: 600; font-size: 15px; } .tick { font-size: 11px; fill: #666; text-anchor: middle; }
      .grid { stroke: #ddd; } .v { font-size: 12px; fill: #222; }
      .shop { fill: #b5485d; } .ref { fill: #8a9bb0; } .shopl { font-weight: 600; } .refl { fill: #333; }
      .idle { fill: #5b7f95; } .peak { fill: #c9d6df; } .r { font-weight: 600; fill: #b5485d; }
    """
    title = html.escape(result["title"])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{style}</style></head><body>"
        f"<div style='padding:12px 16px 0'><b>{title}</b></div>"
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
        f"style='padding:8px 16px'>{''.join(parts)}</svg></body></html>"
    ), height + 60


def write_chart(result: dict[str, Any], png: Path, chromium: str) -> str:
    page, height = chart_html(result)
    with tempfile.TemporaryDirectory(prefix="aarya-bench-chart-") as scratch:
        source = Path(scratch, "chart.html")
        source.write_text(page)
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={scratch}/profile", f"--window-size=1120,{height}",
            f"--screenshot={png}", source.as_uri(),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    if done.returncode or not png.exists():
        return f"chart not written ({chromium} exited {done.returncode}: {done.stderr.strip()[-200:]})"
    return f"chart: {png}"


def memory_summary(idle: dict[str, dict[str, int]], sampler: MemoryPeak) -> dict[str, Any]:
    peak_total = sampler.peak_total or idle
    return {
        "idle": {"rss_mib": total(idle, "rss") / MIB, "pss_mib": total(idle, "pss") / MIB},
        "peak": {"rss_mib": total(peak_total, "rss") / MIB, "pss_mib": total(peak_total, "pss") / MIB},
        "samples": sampler.samples,
        "components": {
            name: {
                "processes": idle[name]["processes"],
                "idle_rss_mib": idle[name]["rss"] / MIB,
                "peak_rss_mib": sampler.peak_each.get(name, idle[name])["rss"] / MIB,
                "idle_pss_mib": idle[name]["pss"] / MIB,
                "peak_pss_mib": sampler.peak_each.get(name, idle[name])["pss"] / MIB,
            }
            for name in STACK
        },
    }


# --- the run ----------------------------------------------------------------------------------------------


async def run_bench(args: argparse.Namespace) -> dict[str, Any]:
    target = Target.of(args.base_url)
    sources = source_addresses(target.loopback)
    workers = service_workers()
    started = datetime.now(UTC)
    run_id = started.strftime("%Y%m%d%H%M%S")
    shoppers = [
        Shopper(
            index=i,
            source=next(sources),
            email=f"bench-{run_id}-{i:03d}@example.com",
            password=secrets.token_urlsafe(12) + "a1",
        )
        for i in range(args.shoppers)
    ]
    token = admin_token(args.jwt_private_key)
    load_before = os.getloadavg()
    sampler = MemoryPeak()
    sampler.start()
    idle = stack_memory()
    if not any(usage["processes"] for usage in idle.values()):
        raise RuntimeError("none of the stack's processes found in /proc: is the shop deployed here?")
    phases: dict[str, Phase] = {}
    refs: dict[str, Phase] = {}
    placed: list[str] = []
    product: BenchProduct | None = None
    notes: list[str] = []
    async with setup_client(target, token=token) as admin:
        try:
            notes.append(f"shoppers: {await enrol(target, shoppers, args.mail_dir)}")
            fresh_connections(target, shoppers)
            listing = checked(await admin.get("/api/v1/products", params={"page_size": 100}), 200)["items"]
            slugs = [item["slug"] for item in listing if item["slug"] != BENCH_SLUG]
            samples = [
                len((await admin.get(path)).content)
                for path in ("/api/v1/products", f"/api/v1/products/{slugs[0]}", "/api/v1/products/facets")
            ]
            typical_size = int(0.5 * samples[0] + 0.4 * samples[1] + 0.1 * samples[2])

            print(f"catalog reads for {args.seconds:.0f} s ...", file=sys.stderr)  # noqa: T201
            with sampler.during():
                phases["catalog"] = await catalog_phase(shoppers, slugs, args.seconds, args.warmup)
            static = static_file(args.static_root, typical_size)
            static_path = f"/_next/static/{static.relative_to(args.static_root)}"
            print(f"references: nginx static {static_path}, hello uvicorn ...", file=sys.stderr)  # noqa: T201
            refs["nginx_static"] = await http_reference(
                "nginx static", target, static_path, args.shoppers, args.seconds, args.warmup
            )
            static_bytes = static.stat().st_size
            refs["nginx_static"].note = f"{static_path} ({static_bytes} bytes, gzip'd like the API)"
            with hello_server(workers) as (port, pid):
                hello_target = Target("127.0.0.1", port, f"127.0.0.1:{port}", None)
                refs["hello_uvicorn"] = await http_reference(
                    "hello uvicorn",
                    hello_target,
                    "/hello",
                    args.shoppers,
                    args.seconds,
                    args.warmup,
                    servers=lambda: process_tree(pid),
                )
            refs["hello_uvicorn"].note = f"FastAPI, uvicorn --workers {workers}, 127.0.0.1 without nginx"

            print(f"logins for {args.seconds:.0f} s, argon2 reference ...", file=sys.stderr)  # noqa: T201
            with sampler.during():
                phases["login"] = await login_phase(
                    target, shoppers, sources, args.login_clients, args.seconds
                )
            refs["argon2"] = await asyncio.to_thread(argon2_reference, args.seconds, os.cpu_count() or 1)

            print("stock race, then orders ...", file=sys.stderr)  # noqa: T201
            product = await bench_product(admin)
            await set_available(
                admin, product.stock_path(product.bulk_variant), BULK_STOCK, "benchmark: orders"
            )
            await refresh_stale(target, shoppers)
            fresh_connections(target, shoppers)  # nginx may have closed the ones idle since the catalog
            with sampler.during():
                race, phases["race"], accepted = await race_phase(admin, product, shoppers, args.race_stock)
            placed += accepted
            cleared = await asyncio.gather(
                *(admin.delete(f"/api/v1/cart/{shopper.user_id}/clear") for shopper in shoppers)
            )
            for response in cleared:  # the race's losers still hold the raced variant
                checked(response, 200, 204)
            with sampler.during():
                phases["orders"], phases["cart_add"], bulk_orders = await order_phase(
                    product, shoppers, args.seconds
                )
            placed += bulk_orders
            print("pgbench reference ...", file=sys.stderr)  # noqa: T201
            refs["pgbench"] = await asyncio.to_thread(pgbench_reference, args.shoppers, args.seconds)
        finally:
            print(f"cleaning up ({len(placed)} orders to cancel) ...", file=sys.stderr)  # noqa: T201
            sampler.stopped.set()
            async with setup_client(target, token=token) as admin_core:
                problems = await clean_up(admin, admin_core, product, placed, shoppers)
            if product is not None:
                bulk = checked(await admin.get(product.stock_path(product.bulk_variant)), 200)
                notes.append(f"after clean-up the benchmark's bulk variant holds {bulk['reserved']} reserved")
    notes += [f"clean-up problem: {problem}" for problem in problems[:10]]
    busiest = max([*phases.values(), *refs.values()], key=lambda phase: phase.cpu.get("other", 0.0))
    if busiest.cpu.get("other", 0.0) > 0.2:
        notes.append(
            f"other processes on this machine used up to {busiest.cpu['other']:.2f} of {os.cpu_count()} "
            f"cores during a phase ({busiest.name}): the rates are lower than on a quiet machine"
        )
    notes.append(
        f"cleaned up: {len(placed)} orders cancelled, product {BENCH_SLUG} back to draft, "
        f"{len(shoppers)} accounts bench-{run_id}-*@example.com deactivated"
    )
    load = (
        f"{args.shoppers} concurrent clients, {args.seconds:.0f} s per phase, {os.cpu_count()} CPUs "
        "shared by the stack and the load generator"
    )
    return {
        "title": (
            f"Aarya Clothing stack benchmark, {started:%Y-%m-%d %H:%M} UTC, {platform.node()}, "
            f"{os.cpu_count()} CPUs, via {args.base_url}"
        ),
        "date": started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "base_url": args.base_url,
        "seconds": args.seconds,
        "shoppers": args.shoppers,
        "service_workers": workers,
        "load": load,
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "phases": {name: phase.summary() for name, phase in phases.items()},
        "references": {name: phase.summary() for name, phase in refs.items()}
        | {"nginx_static": refs["nginx_static"].summary() | {"file_bytes": static_bytes}},
        "ratios": {
            "catalog_vs_nginx_static": ratio(phases["catalog"].rate, refs["nginx_static"].rate),
            "catalog_vs_hello_uvicorn": ratio(phases["catalog"].rate, refs["hello_uvicorn"].rate),
            "orders_vs_pgbench": ratio(phases["orders"].rate, refs["pgbench"].rate),
            "login_vs_argon2": ratio(phases["login"].rate, refs["argon2"].rate),
            "login_vs_hello_uvicorn": ratio(phases["login"].rate, refs["hello_uvicorn"].rate),
        },
        "race": race,
        "other_cpu_max": {"cores": round(busiest.cpu.get("other", 0.0), 2), "phase": busiest.name},
        "memory": memory_summary(idle, sampler),
        "notes": notes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base-url", default="http://localhost", help="nginx in front of the shop")
    parser.add_argument("--seconds", type=float, default=10.0, help="duration of each measured phase")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before read phases")
    parser.add_argument("--shoppers", type=int, default=50, help="concurrent shoppers (and clients)")
    parser.add_argument(
        "--login-clients", type=int, default=10, help="concurrent logins (core hashes 4 per worker at once)"
    )
    parser.add_argument("--race-stock", type=int, default=10, help="units of the raced variant")
    parser.add_argument("--json", type=Path, default=ROOT / "tests/artifacts/bench/stack.json")
    parser.add_argument("--png", type=Path, default=ROOT / "tests/artifacts/bench/stack.png")
    parser.add_argument(
        "--jwt-private-key",
        type=Path,
        default=ROOT / "inventory/local/.secrets/jwt-private.pem",
        help="the deploy's access-token signing key (mints the admin token)",
    )
    parser.add_argument("--mail-dir", type=Path, default=Path("/var/lib/aarya/mail"))
    parser.add_argument("--static-root", type=Path, default=Path("/opt/aarya/storefront/current/static"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()

    result = asyncio.Runner(loop_factory=uvloop.new_event_loop).run(run_bench(args))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.png.parent.mkdir(parents=True, exist_ok=True)
    args.png.unlink(missing_ok=True)
    result["notes"].append(write_chart(result, args.png.resolve(), args.chromium))
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    result["notes"].append(f"json: {args.json}")
    print_table(result)
    if result["race"]["oversell"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
