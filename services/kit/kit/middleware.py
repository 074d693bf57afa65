"""ASGI middleware: request id, access log and Prometheus request metrics in one pass; the Origin check of
cookie-authenticated writes."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.auth import ACCESS_COOKIE
from kit.clientip import is_trusted_proxy
from kit.errors import ErrorBody, ErrorResponse
from kit.logging import request_id_var
from kit.metrics import Metrics
from kit.settings import Network

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
access_log = logging.getLogger("kit.access")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            path_template = getattr(route, "path", "unmatched")
            self.metrics.observe(scope["method"], path_template, status, elapsed)
            if path_template not in ("/health", "/metrics"):
                access_log.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )
            request_id_var.reset(token)


STATE_CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_origin(url: str) -> str | None:
    """`scheme://host[:port]` of a URL or origin, lower-cased, the scheme's default port dropped; None when
    it has none (`null`, a relative URL, garbage)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return (
        f"{parts.scheme}://{host}"
        if port in (None, _DEFAULT_PORTS[parts.scheme])
        else f"{parts.scheme}://{host}:{port}"
    )


def _cookie_authenticated(headers: Headers) -> bool:
    """kit.auth prefers a Bearer token; only without one does the access-token cookie authenticate."""
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return False
    return bool(cookie_parser(headers.get("cookie", "")).get(ACCESS_COOKIE))


class OriginCheckMiddleware:
    """Refuses (403 `origin_not_allowed`) a state-changing request authenticated by the access-token cookie
    unless its `Origin` (or, lacking one, its `Referer`) is the request's own origin or one of
    CORS_ALLOWED_ORIGINS.

    SameSite=Lax keeps the cookie off cross-site writes, but not off same-site ones from another origin (a
    sibling subdomain), and a write with no body (logout, cancel, fulfil) needs no CORS preflight. Bearer
    tokens are never sent by a browser on its own, so requests carrying one are not checked. The request's
    own origin is its Host (nginx passes the browser's) and scheme, the scheme taken from X-Forwarded-Proto
    when the peer is a trusted proxy (nginx terminates TLS).
    """

    def __init__(
        self, app: ASGIApp, *, trusted_proxies: Sequence[Network], allowed_origins: Sequence[str]
    ) -> None:
        self.app = app
        self.trusted_proxies = trusted_proxies
        self.allowed_origins = frozenset(
            origin for origin in (normalize_origin(o) for o in allowed_origins) if origin is not None
        )

    def _own_origin(self, scope: Scope, headers: Headers) -> str | None:
        scheme = scope.get("scheme", "http")
        client = scope.get("client")
        if is_trusted_proxy(client[0] if client else None, self.trusted_proxies):
            scheme = headers.get("x-forwarded-proto", scheme).split(",")[0].strip().lower()
        host = headers.get("host")
        return normalize_origin(f"{scheme}://{host}") if host else None

    def _allowed(self, scope: Scope, headers: Headers) -> bool:
        claimed = headers.get("origin") or headers.get("referer")
        source = normalize_origin(claimed) if claimed else None
        if source is None:
            return False
        return source in self.allowed_origins or source == self._own_origin(scope, headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in STATE_CHANGING_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if not _cookie_authenticated(headers) or self._allowed(scope, headers):
            await self.app(scope, receive, send)
            return
        body = ErrorResponse(
            error=ErrorBody(
                code="origin_not_allowed",
                message="This request must come from the shop's own pages.",
            )
        )
        await JSONResponse(body.model_dump(), status_code=403)(scope, receive, send)
