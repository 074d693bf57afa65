"""The Origin check: a cookie-authenticated write must come from the service's own origin (or an allowed one);
Bearer-authenticated requests, reads and requests without the cookie are not checked."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from kit.middleware import normalize_origin
from kit.settings import ServiceSettings
from kit.testing.apps import api_client

from .conftest import bare_service

URL = "/api/v1/things/mine"


@pytest.fixture
def token(mint_token: Callable[..., str]) -> str:
    return mint_token(uuid.uuid4())


async def statuses(
    settings: ServiceSettings, requests: dict[str, dict[str, str]], *, peer: str = "127.0.0.1"
) -> dict[str, tuple[int, str | None]]:
    """Each named request (its headers) as a POST to `URL` from `peer` to http://shop.test."""
    answers = {}
    async with (
        bare_service(settings) as app,
        api_client(app, base_url="http://shop.test", client_ip=peer) as http,
    ):
        for name, headers in requests.items():
            response = await http.post(URL, headers=headers)
            code = response.json()["error"]["code"] if response.status_code >= 400 else None
            answers[name] = (response.status_code, code)
    return answers


async def test_cookie_authenticated_writes_must_come_from_the_own_origin(
    bare_settings: Callable[..., ServiceSettings], token: str
) -> None:
    cookie = {"Cookie": f"access_token={token}"}
    refused = (403, "origin_not_allowed")

    answers = await statuses(
        bare_settings(),
        {
            "foreign origin": {**cookie, "Origin": "https://evil.example"},
            "sibling subdomain": {**cookie, "Origin": "http://evil.shop.test"},
            "other port": {**cookie, "Origin": "http://shop.test:8080"},
            "origin null": {**cookie, "Origin": "null"},
            "neither origin nor referer": cookie,
            "foreign referer": {**cookie, "Referer": "https://evil.example/shop.test/cart"},
            "same origin": {**cookie, "Origin": "http://shop.test"},
            "same origin, default port": {**cookie, "Origin": "http://SHOP.test:80"},
            "same-origin referer": {**cookie, "Referer": "http://shop.test/cart?x=1"},
            "bearer, no origin": {**cookie, "Authorization": f"Bearer {token}"},
            "bearer, foreign origin": {"Authorization": f"Bearer {token}", "Origin": "https://evil.example"},
            "no cookie, foreign origin": {"Origin": "https://evil.example"},
        },
    )

    assert answers == {
        "foreign origin": refused,
        "sibling subdomain": refused,
        "other port": refused,
        "origin null": refused,
        "neither origin nor referer": refused,
        "foreign referer": refused,
        "same origin": (200, None),
        "same origin, default port": (200, None),
        "same-origin referer": (200, None),
        "bearer, no origin": (200, None),
        "bearer, foreign origin": (200, None),
        "no cookie, foreign origin": (401, "unauthorized"),
    }


async def test_reads_are_not_checked(bare_settings: Callable[..., ServiceSettings], token: str) -> None:
    async with bare_service(bare_settings()) as app, api_client(app, base_url="http://shop.test") as http:
        response = await http.get(
            URL, headers={"Cookie": f"access_token={token}", "Origin": "https://evil.example"}
        )

    assert response.status_code == 200


async def test_the_scheme_comes_from_a_trusted_proxy_only(
    bare_settings: Callable[..., ServiceSettings], token: str
) -> None:
    """nginx terminates TLS and says so in X-Forwarded-Proto; a direct client saying it is not believed."""
    request = {"Cookie": f"access_token={token}", "Origin": "https://shop.test", "X-Forwarded-Proto": "https"}

    behind_nginx = await statuses(bare_settings(), {"https": request}, peer="127.0.0.1")
    direct = await statuses(bare_settings(), {"https": request}, peer="198.51.100.7")

    assert behind_nginx == {"https": (200, None)}
    assert direct == {"https": (403, "origin_not_allowed")}


async def test_an_allowed_origin_may_write(bare_settings: Callable[..., ServiceSettings], token: str) -> None:
    settings = bare_settings(cors_allowed_origins="http://localhost:3000")
    cookie = {"Cookie": f"access_token={token}"}

    answers = await statuses(
        settings,
        {
            "allowed": {**cookie, "Origin": "http://localhost:3000"},
            "not allowed": {**cookie, "Origin": "http://localhost:3001"},
        },
    )

    assert answers == {"allowed": (200, None), "not allowed": (403, "origin_not_allowed")}


def test_origins_are_compared_normalized() -> None:
    assert normalize_origin("HTTPS://Shop.Example:443/path?q") == "https://shop.example"
    assert normalize_origin("http://shop.example:8080") == "http://shop.example:8080"
    assert normalize_origin("http://[::1]:80") == "http://[::1]"
    for garbage in ("null", "", "/relative", "javascript:alert(1)", "http://", "http://x:99999"):
        assert normalize_origin(garbage) is None, garbage
