"""The real client IP: X-Forwarded-For is believed only when the peer is a configured proxy."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.requests import Request

from kit.settings import Network


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address, proxies: Sequence[Network]) -> bool:
    return any(address in network for network in proxies)


def is_trusted_proxy(peer: str | None, proxies: Sequence[Network]) -> bool:
    """Whether the direct peer is one of TRUSTED_PROXIES, whose forwarded headers may be believed."""
    address = _parse(peer or "")
    return address is not None and _trusted(address, proxies)


def resolve_client_ip(peer: str | None, forwarded_for: str | None, proxies: Sequence[Network]) -> str:
    """Walk X-Forwarded-For from the right, skipping trusted proxies; the first other hop is the client.

    A client can prepend anything it likes to the header, so only hops appended by trusted proxies count.
    """
    peer_address = _parse(peer or "")
    if peer_address is None:
        return peer or "unknown"
    if not forwarded_for or not _trusted(peer_address, proxies):
        return str(peer_address)
    client = peer_address
    for hop in reversed(forwarded_for.split(",")):
        address = _parse(hop)
        if address is None:
            break
        client = address
        if not _trusted(address, proxies):
            break
    return str(client)


def client_ip(request: Request) -> str:
    cached: str | None = getattr(request.state, "client_ip", None)
    if cached is not None:
        return cached
    proxies = request.app.state.settings.trusted_proxies
    peer = request.client.host if request.client else None
    resolved = resolve_client_ip(peer, request.headers.get("x-forwarded-for"), proxies)
    request.state.client_ip = resolved
    return resolved
