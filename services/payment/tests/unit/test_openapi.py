from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from kit.testing.openapi import error_documentation_problems
from payment.config import PaymentSettings
from payment.main import create_app


def test_every_error_is_documented_with_the_error_body() -> None:
    settings = PaymentSettings(
        _env_file=None,
        environment="test",
        jwt_public_key_file=Path("/nonexistent/jwt-public.pem"),
        internal_api_token=SecretStr("unused"),
        stripe_webhook_secret=SecretStr("unused"),
        payment_fingerprint_secret=SecretStr("unused"),
        log_level="WARNING",
    )
    # /verify and /{transaction_id}/status documented FastAPI's default 422 body until the fuzz run's review.
    assert error_documentation_problems(create_app(settings).openapi()) == []
