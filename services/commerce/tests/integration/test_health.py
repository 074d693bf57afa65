from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from pydantic import SecretStr

from commerce import __version__
from commerce.config import CommerceSettings
from commerce.main import create_app

from .conftest import serve


async def test_health_reports_both_dependencies_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["service"], body["mode"]) == ("healthy", "commerce", "live")
    assert body["dependencies"] == {"database": "healthy", "redis": "healthy"}
    assert body["version"] == __version__


async def test_health_is_503_when_redis_is_down(make_settings: Callable[..., CommerceSettings]) -> None:
    settings = make_settings(redis_url=SecretStr("redis://127.0.0.1:1/0"))
    async with serve(settings) as broken, broken.client() as http:
        response = await http.get("/health")

    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["dependencies"] == {"database": "healthy", "redis": "unhealthy"}


async def test_health_is_503_when_the_database_is_down(
    make_settings: Callable[..., CommerceSettings],
) -> None:
    async with serve(make_settings(postgres_port=1)) as broken, broken.client() as http:
        response = await http.get("/health")

    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["dependencies"] == {"database": "unhealthy", "redis": "healthy"}


async def test_health_reports_a_demo_shop_and_the_release_it_runs(
    make_settings: Callable[..., CommerceSettings], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AARYA_RELEASE", "20261203T140000-abc1234")
    async with serve(make_settings(shop_demo_mode=True)) as demo, demo.client() as http:
        body = (await http.get("/health")).json()

    assert (body["status"], body["mode"], body["version"]) == ("healthy", "demo", "20261203T140000-abc1234")


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/products")

    response = await client.get("/metrics")

    assert response.status_code == 200
    assert 'route="/api/v1/products"' in response.text
    assert 'service="commerce"' in response.text


async def test_unknown_paths_get_the_json_error_shape(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_service_refuses_to_start_without_the_token_public_key(
    make_settings: Callable[..., CommerceSettings],
) -> None:
    with pytest.raises(RuntimeError, match="JWT_PUBLIC_KEY_FILE"):
        create_app(make_settings(jwt_public_key_file=None))
