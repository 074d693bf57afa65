from __future__ import annotations

from collections.abc import Callable

import httpx
from fastapi import FastAPI

from core.config import CoreSettings

from .conftest import serve


async def test_health_reports_both_dependencies_up(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["service"] == "core"
    assert body["version"]
    assert body["timestamp"]
    assert body["dependencies"] == {"database": "healthy", "redis": "healthy"}


async def test_health_is_503_when_redis_is_down(make_settings: Callable[..., CoreSettings]) -> None:
    async with serve(make_settings(redis_url="redis://127.0.0.1:1/0")) as broken, broken.client() as http:
        response = await http.get("/health")

    assert response.status_code == 503
    assert response.json()["dependencies"] == {"database": "healthy", "redis": "unhealthy"}
    assert response.json()["status"] == "unhealthy"


async def test_health_is_503_when_the_database_is_down(make_settings: Callable[..., CoreSettings]) -> None:
    async with serve(make_settings(postgres_port=1)) as broken, broken.client() as http:
        response = await http.get("/health")

    assert response.status_code == 503
    assert response.json()["dependencies"] == {"database": "unhealthy", "redis": "healthy"}


async def test_responses_carry_a_request_id_and_keep_a_valid_incoming_one(client: httpx.AsyncClient) -> None:
    generated = await client.get("/health")
    kept = await client.get("/health", headers={"X-Request-ID": "trace-42"})
    replaced = await client.get("/health", headers={"X-Request-ID": "bad id with spaces"})

    assert len(generated.headers["x-request-id"]) == 32
    assert kept.headers["x-request-id"] == "trace-42"
    assert replaced.headers["x-request-id"] != "bad id with spaces"


async def test_metrics_are_served_to_loopback_in_prometheus_format(client: httpx.AsyncClient) -> None:
    await client.get("/health")
    await client.get("/api/v1/users/me")

    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert (
        'http_requests_total{method="GET",route="/api/v1/users/me",service="core",status="401"}'
        in response.text
    )


async def test_metrics_are_refused_to_the_public(app: FastAPI) -> None:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="https://core.test") as outsider:
        direct = await outsider.get("/metrics")
    # A public client behind nginx: the peer is the trusted proxy, the real client is forwarded.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://core.test"
    ) as proxy:
        forwarded = await proxy.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})

    assert direct.status_code == 403
    assert forwarded.status_code == 403
    assert direct.json()["error"]["code"] == "forbidden"


async def test_unknown_paths_and_methods_get_the_json_error_shape(client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/v1/nothing-here")
    wrong_method = await client.delete("/api/v1/auth/login")

    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "not_found", "message": "Not Found", "details": None}}
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"]["code"] == "method_not_allowed"


async def test_openapi_documents_every_endpoint_with_schemas_and_errors(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    docs = await client.get("/docs")

    expected = {
        ("post", "/api/v1/auth/register"),
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/auth/refresh"),
        ("post", "/api/v1/auth/logout"),
        ("post", "/api/v1/auth/change-password"),
        ("post", "/api/v1/auth/send-otp"),
        ("post", "/api/v1/auth/verify-otp"),
        ("post", "/api/v1/auth/resend-otp"),
        ("get", "/api/v1/users/me"),
        ("patch", "/api/v1/users/me"),
        ("get", "/api/v1/users/{user_id}"),
        ("get", "/api/v1/admin/users"),
        ("patch", "/api/v1/admin/users/{user_id}/activate"),
        ("patch", "/api/v1/admin/users/{user_id}/deactivate"),
        ("get", "/health"),
        ("get", "/metrics"),
    }
    documented = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert expected <= documented
    assert docs.status_code == 200
    for method, path in expected - {("get", "/health"), ("get", "/metrics")}:
        operation = spec["paths"][path][method]
        errors = {code for code in operation["responses"] if code.startswith(("4", "5"))}
        assert errors, f"{method} {path} documents no error response"
        for code in errors:
            schema = operation["responses"][code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (method, path, code)
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert spec["paths"]["/api/v1/auth/login"]["post"]["requestBody"]["content"]["application/json"]["schema"]
