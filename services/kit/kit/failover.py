"""Calls to a service that runs as several instances (a deploy restarts them one at a time).

The caller is configured with the instances' base URLs, comma-separated (`http://127.0.0.1:8010,http://127.0.0.1:8011`).
Requests take turns among them; a request an instance refuses (connection refused: it never reached the
service) goes to the next one, whatever its method. A read whose connection broke before the answer (a restart
closing an idle keep-alive connection) is retried too; a write is not, since it may have been applied.
"""

from __future__ import annotations

import itertools

import httpx

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def parse_base_urls(value: str) -> list[httpx.URL]:
    """The base URLs of a comma-separated setting; at least one, each with a scheme and a host."""
    urls = [httpx.URL(part.strip().rstrip("/")) for part in value.split(",") if part.strip()]
    if not urls:
        raise ValueError("at least one base URL is required")
    for url in urls:
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"not an http(s) base URL: {url}")
    return urls


class FailoverTransport(httpx.AsyncBaseTransport):
    """Sends each request to one of several instances in turn, and to the next when one cannot take it.

    Requests are made against the first base URL (the client's `base_url`); the transport rewrites the scheme,
    host and port to the instance whose turn it is.
    """

    def __init__(self, base_urls: list[httpx.URL], inner: httpx.AsyncBaseTransport | None = None) -> None:
        if not base_urls:
            raise ValueError("at least one base URL is required")
        self._base_urls = base_urls
        self._inner = inner or httpx.AsyncHTTPTransport()
        self._turns = itertools.count()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        count = len(self._base_urls)
        first = next(self._turns) % count
        for attempt in range(count):
            base = self._base_urls[(first + attempt) % count]
            request.url = request.url.copy_with(scheme=base.scheme, host=base.host, port=base.port)
            request.headers["Host"] = request.url.netloc.decode("ascii")
            try:
                return await self._inner.handle_async_request(request)
            except httpx.ConnectError:
                if attempt == count - 1:
                    raise
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                if request.method not in _READS or attempt == count - 1:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        await self._inner.aclose()
