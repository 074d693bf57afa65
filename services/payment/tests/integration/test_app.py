"""The app as a whole: health, metrics, the OpenAPI document, start-up checks."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr

from payment.config import PaymentSettings
from payment.main import create_app

from .conftest import Shop

PUBLIC_PATHS = {
    ("post", "/api/v1/payments/process"),
    ("post", "/api/v1/payments/{transaction_id}/refund"),
    ("get", "/api/v1/payments/{transaction_id}/status"),
    ("post", "/api/v1/payments/verify"),
    ("get", "/api/v1/payments"),
    ("get", "/api/v1/payments/admin/fraud-reviews"),
    ("post", "/api/v1/payments/admin/fraud-reviews/{payment_id}/decision"),
    ("get", "/health"),
    ("get", "/metrics"),
}


async def test_health_reports_database_and_redis(shop: Shop) -> None:
    response = await shop.client.get("/health")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["service"], body["mode"]) == ("healthy", "payment", "live")
    assert body["dependencies"] == {"database": "healthy", "redis": "healthy"}


async def test_metrics_count_payment_requests(shop: Shop) -> None:
    await shop.paid(shop.order())

    response = await shop.client.get("/metrics")

    assert response.status_code == 200
    assert 'route="/api/v1/payments/process"' in response.text
    assert 'payment_attempts_total{provider="offline",status="succeeded"} 1.0' in response.text


async def test_every_endpoint_is_documented_with_its_errors(shop: Shop) -> None:
    spec: dict[str, Any] = (await shop.client.get("/openapi.json")).json()

    documented = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert documented >= PUBLIC_PATHS
    for method, path in PUBLIC_PATHS - {("get", "/health"), ("get", "/metrics")}:
        responses = spec["paths"][path][method]["responses"]
        errors = [code for code in responses if code.startswith(("4", "5")) and code != "422"]
        assert errors, f"{method} {path} documents no error response"


def test_production_refuses_to_start_without_its_secrets(settings: PaymentSettings) -> None:
    bare = settings.model_copy(
        update={
            "environment": "production",
            "shop_demo_mode": True,
            "stripe_webhook_secret": SecretStr(""),
            "payment_fingerprint_secret": SecretStr(""),
        }
    )

    with pytest.raises(RuntimeError, match="STRIPE_WEBHOOK_SECRET, PAYMENT_FINGERPRINT_SECRET"):
        create_app(bare)


def test_stripe_mode_needs_the_secret_key(settings: PaymentSettings) -> None:
    explicit = settings.model_copy(update={"environment": "production", "payment_provider": "stripe"})

    with pytest.raises(RuntimeError, match="STRIPE_SECRET_KEY"):
        create_app(explicit)


def test_a_production_app_refuses_the_offline_provider_so_a_test_card_cannot_pay(
    settings: PaymentSettings,
) -> None:
    production = settings.model_copy(update={"environment": "production"})  # offline, not a demo shop

    with pytest.raises(RuntimeError, match="SHOP_DEMO_MODE"):
        create_app(production)
