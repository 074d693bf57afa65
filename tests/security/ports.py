"""TCP connect scan of every port of one address; fails when a port outside the allowed set accepts.

    .venv/bin/python tests/security/ports.py ADDRESS [--allow 22,80,443] [--concurrency 4096] [--timeout 1]
    .venv/bin/python tests/security/ports.py --local [--allow 22,80,443]

Run it from another host than the target (the controller against a test container's address), so that the
target's firewall is what is measured. Each port ends up open (the connection was accepted), closed (refused)
or filtered (no answer within --timeout; a firewall dropping it). A connection is closed as soon as it is
made; nothing is sent.

--local sends nothing: it lists this machine's listening TCP sockets that are not bound to loopback (from
/proc/net/tcp and tcp6), i.e. what a scan of this machine's own addresses would find before its firewall.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import resource
import socket
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

ALL_PORTS = range(1, 65536)
LISTEN = "0A"  # TCP_LISTEN in /proc/net/tcp


async def probe(family: socket.AddressFamily, address: str, port: int, connect_seconds: float) -> str:
    # A bare non-blocking socket: asyncio streams cost several times more per attempt, and a starved event
    # loop delays answers past the timeout (an open port then looks filtered).
    loop = asyncio.get_running_loop()
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)
        try:
            async with asyncio.timeout(connect_seconds):
                await loop.sock_connect(sock, (address, port))
        except TimeoutError:
            return "filtered"
        except OSError:
            return "closed"
    return "open"


async def scan(host: str, ports: Sequence[int], concurrency: int, connect_seconds: float) -> dict[int, str]:
    """State of every port, `concurrency` connection attempts at a time."""
    family, _, _, _, sockaddr = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)[0]
    address = str(sockaddr[0])
    results: dict[int, str] = {}
    pending = iter(ports)

    async def worker() -> None:
        for port in pending:  # one shared iterator: each port is taken by exactly one worker
            results[port] = await probe(family, address, port, connect_seconds)

    await asyncio.gather(*(worker() for _ in range(min(concurrency, len(ports)))))
    return results


async def survey(host: str, concurrency: int, connect_seconds: float) -> dict[int, str]:
    """Every port; the few without an answer are asked again, one batch with a longer timeout, so that a
    moment of load on either side does not pass an open port off as filtered. (A host that drops everything
    is not asked twice: tens of thousands of ports, each worth a timeout.)"""
    results = await scan(host, ALL_PORTS, concurrency, connect_seconds)
    silent = [port for port, state in results.items() if state == "filtered"]
    if 0 < len(silent) <= concurrency:
        results.update(await scan(host, silent, concurrency, connect_seconds * 3))
    return results


def raise_open_file_limit(wanted: int) -> int:
    """Allow `wanted` sockets at once where the hard limit permits; return the concurrency possible."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted + 64 if hard == resource.RLIM_INFINITY else min(wanted + 64, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return wanted if soft == resource.RLIM_INFINITY else min(wanted, soft - 64)


def listening_sockets() -> Iterator[tuple[str, int]]:
    """(address, port) of every listening TCP socket in this network namespace."""
    for table, width in ((Path("/proc/net/tcp"), 4), (Path("/proc/net/tcp6"), 16)):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] != LISTEN:
                continue
            raw_address, raw_port = fields[1].split(":")
            # The kernel prints the address as 32-bit words in host (little-endian) byte order.
            words = [bytes.fromhex(raw_address[i : i + 8])[::-1] for i in range(0, len(raw_address), 8)]
            packed = b"".join(words)
            address = ipaddress.ip_address(packed if width == 16 else packed[:4])
            yield str(address), int(raw_port, 16)


def local_exposure(allowed: set[int]) -> int:
    exposed = sorted(
        {
            (port, address)
            for address, port in listening_sockets()
            if not ipaddress.ip_address(address).is_loopback
        }
    )
    unexpected = [(port, address) for port, address in exposed if port not in allowed]
    for port, address in exposed:
        verdict = "allowed" if port in allowed else "NOT ALLOWED"
        shown = f"[{address}]" if ":" in address else address
        print(f"ports: listening on {shown}:{port:<5} {verdict}")
    print(
        f"ports: {len(exposed)} sockets listen beyond loopback; "
        f"{len(unexpected)} on ports outside {sorted(allowed)}"
    )
    return 1 if unexpected else 0


def parse_ports(text: str) -> set[int]:
    return {int(port) for port in text.split(",") if port.strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("address", nargs="?", help="the host to scan (an IP address or a name)")
    parser.add_argument("--allow", type=parse_ports, default={22, 80, 443}, help="default 22,80,443")
    parser.add_argument("--concurrency", type=int, default=4096, help="connection attempts at once")
    parser.add_argument("--timeout", type=float, default=1.0, help="seconds before a port counts as filtered")
    parser.add_argument("--local", action="store_true", help="list this machine's non-loopback listeners")
    args = parser.parse_args()
    if args.local:
        return local_exposure(args.allow)
    if args.address is None:
        parser.error("an address to scan, or --local")

    concurrency = raise_open_file_limit(args.concurrency)
    started = time.monotonic()
    results = asyncio.run(survey(args.address, concurrency, args.timeout))
    elapsed = time.monotonic() - started
    states = Counter(results.values())
    open_ports = sorted(port for port, state in results.items() if state == "open")
    unexpected = [port for port in open_ports if port not in args.allow]
    for port in open_ports:
        print(f"ports: {args.address}:{port:<5} open  {'allowed' if port in args.allow else 'NOT ALLOWED'}")
    filtered = sorted(port for port, state in results.items() if state == "filtered")
    if 0 < len(filtered) <= 20:
        # A few ports without an answer on an otherwise answering host: busy listeners, or a rule for them.
        print(f"ports: {args.address}: no answer within {args.timeout:g} s on {filtered}")
    summary = ", ".join(f"{states[state]} {state}" for state in ("open", "closed", "filtered"))
    print(
        f"ports: {args.address}: {len(results)} ports in {elapsed:.1f} s ({concurrency} at a time, "
        f"{args.timeout:g} s timeout): {summary}"
    )
    if unexpected:
        print(f"ports: FAILED: open beyond {sorted(args.allow)}: {unexpected}")
        return 1
    print(f"ports: ok: nothing open beyond {sorted(args.allow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
