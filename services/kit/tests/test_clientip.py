from __future__ import annotations

import ipaddress

import pytest

from kit.clientip import resolve_client_ip

PROXIES = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("203.0.113.5", None, "203.0.113.5"),  # direct client
        ("203.0.113.5", "1.2.3.4", "203.0.113.5"),  # untrusted peer: its header is ignored
        ("127.0.0.1", "198.51.100.1", "198.51.100.1"),  # nginx on loopback
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # client-prepended junk is skipped
        ("127.0.0.1", "198.51.100.1, 10.1.2.3", "198.51.100.1"),  # chain of trusted proxies
        ("127.0.0.1", "not-an-ip", "127.0.0.1"),  # garbage: fall back to the peer
        ("127.0.0.1", "10.1.2.3", "10.1.2.3"),  # only proxies: the farthest one is the client
        ("::1", "198.51.100.1", "::1"),  # ::1 is not in this list of proxies
        (None, None, "unknown"),
    ],
)
def test_resolve_client_ip(peer: str | None, forwarded: str | None, expected: str) -> None:
    assert resolve_client_ip(peer, forwarded, PROXIES) == expected
