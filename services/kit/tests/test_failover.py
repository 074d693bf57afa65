"""kit.failover against real sockets: a live instance, a refused port, and one that drops connections."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from kit.failover import FailoverTransport, parse_base_urls


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def _instance(
    name: str, seen: list[tuple[str, str, bytes]], *, drop: bool = False
) -> AsyncIterator[int]:
    """An HTTP/1.1 server answering `name` (it records method, path, body), or dropping every request."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            method, path, _ = lines[0].split(" ")
            sizes = [int(line.split(":")[1]) for line in lines if line.lower().startswith("content-length:")]
            length = sizes[0] if sizes else 0
            body = await reader.readexactly(length) if length else b""
            seen.append((name, f"{method} {path}", body))
            if not drop:
                answer = name.encode()
                head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(answer)
                writer.write(head + answer)
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield int(server.sockets[0].getsockname()[1])
    finally:
        server.close()
        await server.wait_closed()


def _client(ports: list[int]) -> httpx.AsyncClient:
    urls = parse_base_urls(",".join(f"http://127.0.0.1:{port}" for port in ports))
    return httpx.AsyncClient(base_url=urls[0], transport=FailoverTransport(urls), timeout=5)


async def test_requests_take_turns_among_the_instances() -> None:
    seen: list[tuple[str, str, bytes]] = []
    async with _instance("a", seen) as a, _instance("b", seen) as b, _client([a, b]) as client:
        answers = [(await client.get("/api/v1/products")).text for _ in range(4)]
    assert sorted(answers) == ["a", "a", "b", "b"]
    assert {path for _, path, _ in seen} == {"GET /api/v1/products"}


async def test_a_refused_write_goes_to_the_next_instance_with_its_body() -> None:
    seen: list[tuple[str, str, bytes]] = []
    async with _instance("live", seen) as live, _client([_closed_port(), live]) as client:
        for _ in range(3):  # whichever instance's turn it is
            response = await client.post("/internal/v1/orders/1/mark-paid", json={"amount": 100})
            assert response.text == "live"
    assert seen == [("live", "POST /internal/v1/orders/1/mark-paid", b'{"amount":100}')] * 3


async def test_a_dropped_read_is_retried_elsewhere_but_a_dropped_write_is_not() -> None:
    seen: list[tuple[str, str, bytes]] = []
    async with _instance("drops", seen, drop=True) as drops, _instance("live", seen) as live:
        async with _client([drops, live]) as client:
            assert (await client.get("/x")).text == "live"  # the dropping instance's turn first
            assert (await client.get("/x")).text == "live"  # the live one's turn
        async with _client([drops, live]) as client:
            with pytest.raises(httpx.RemoteProtocolError):
                await client.post("/x", json={})  # it may have been applied: not sent twice
    assert [name for name, path, _ in seen if path == "POST /x"] == ["drops"]


async def test_every_instance_refusing_raises_the_connect_error() -> None:
    async with _client([_closed_port(), _closed_port()]) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get("/health")


def test_base_urls_are_a_comma_separated_list() -> None:
    assert [str(url) for url in parse_base_urls(" http://127.0.0.1:8010/ , http://127.0.0.1:8011")] == [
        "http://127.0.0.1:8010",
        "http://127.0.0.1:8011",
    ]
    with pytest.raises(ValueError, match="at least one"):
        parse_base_urls(" , ")
    with pytest.raises(ValueError, match="not an http"):
        parse_base_urls("127.0.0.1:8010")
