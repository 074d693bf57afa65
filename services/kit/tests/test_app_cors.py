"""CORS_ALLOWED_ORIGINS: a storefront on another origin may call a service; nothing else gets CORS."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import APIRouter
from pydantic import ValidationError

from kit.app import create_service_app
from kit.settings import ServiceSettings

STOREFRONT = "http://localhost:3000"


def _client(**settings: Any) -> httpx.AsyncClient:
    router = APIRouter()

    @router.post("/api/v1/things")
    async def create_thing() -> dict[str, str]:
        return {"made": "yes"}

    app = create_service_app(
        ServiceSettings(_env_file=None, log_level="WARNING", **settings),
        title="t",
        version="1",
        description="d",
        routers=[router],
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service.test")


def _preflight(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,idempotency-key",
    }


async def test_an_allowed_origin_gets_credentialed_cors_headers() -> None:
    async with _client(cors_allowed_origins=f"{STOREFRONT}, https://shop.example/") as client:
        preflight = await client.options("/api/v1/things", headers=_preflight(STOREFRONT))
        call = await client.post("/api/v1/things", headers={"Origin": "https://shop.example"})

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == STOREFRONT
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
    assert call.headers["access-control-allow-origin"] == "https://shop.example"
    assert call.headers["access-control-allow-credentials"] == "true"


async def test_another_origin_gets_no_cors_headers() -> None:
    async with _client(cors_allowed_origins=STOREFRONT) as client:
        preflight = await client.options("/api/v1/things", headers=_preflight("https://evil.example"))
        call = await client.post("/api/v1/things", headers={"Origin": "https://evil.example"})

    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in call.headers


async def test_no_origins_configured_means_no_cors_at_all() -> None:
    async with _client() as client:
        preflight = await client.options("/api/v1/things", headers=_preflight(STOREFRONT))
        call = await client.post("/api/v1/things", headers={"Origin": STOREFRONT})

    assert preflight.status_code == 405  # no CORS layer: OPTIONS is just an unknown method here
    assert not any(name.startswith("access-control-") for name in preflight.headers)
    assert not any(name.startswith("access-control-") for name in call.headers)


def test_a_wildcard_origin_is_refused() -> None:
    with pytest.raises(ValidationError, match="CORS_ALLOWED_ORIGINS"):
        ServiceSettings(_env_file=None, cors_allowed_origins="*")


def test_shop_demo_mode_defaults_to_a_live_shop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AARYA_ENV_FILE", raising=False)
    monkeypatch.delenv("SHOP_DEMO_MODE", raising=False)
    assert ServiceSettings.from_environment().shop_demo_mode is False
    monkeypatch.setenv("SHOP_DEMO_MODE", "true")
    assert ServiceSettings.from_environment().shop_demo_mode is True
