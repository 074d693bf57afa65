"""Settings of the payment service (environment variables; see .env.example)."""

from __future__ import annotations

import ipaddress
import logging
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from kit.settings import Network, ServiceSettings

logger = logging.getLogger("payment.config")

# Used only when ENVIRONMENT is development or test and the variable is unset, so `make dev` works
# without Stripe; staging and production refuse to start without real values.
DEVELOPMENT_WEBHOOK_SECRET = "whsec_development_only"  # noqa: S105
DEVELOPMENT_FINGERPRINT_SECRET = "fingerprint-development-only"  # noqa: S105


def _parse_country_networks(value: object) -> object:
    """`10.0.0.0/8=IN,2001:db8::/32=GB` -> {network: "IN", ...}."""
    if not isinstance(value, str):
        return value
    table: dict[str, str] = {}
    for item in value.split(","):
        if item.strip():
            network, _, country = item.partition("=")
            table[network.strip()] = country.strip()
    return table


class PaymentSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", frozen=True)

    service_name: str = "payment"
    postgres_db: str = "aarya_payment"
    postgres_user: str = "aarya_payment"

    # The provider, chosen explicitly (never by a missing key): `stripe`, or `offline` (Stripe's test cards
    # without Stripe: development, tests and declared demo shops). Unset only in development and test
    # (then offline); staging and production refuse to start without it (`_provider_is_safe`).
    payment_provider: Literal["stripe", "offline"] | None = None
    stripe_secret_key: SecretStr = SecretStr("")
    stripe_webhook_secret: SecretStr = SecretStr("")
    stripe_api_base: str | None = None
    stripe_timeout_seconds: float = 30.0
    stripe_max_network_retries: int = 2
    webhook_tolerance_seconds: int = 300
    # The offline provider posts its signed events to this service's own /verify endpoint ("self"), or
    # only keeps them in memory ("none": the tests deliver them by hand, in any order, any number of times).
    offline_webhook_delivery: Literal["self", "none"] = "self"

    # HMAC key of card fingerprints (the full card number is never stored or logged).
    payment_fingerprint_secret: SecretStr = SecretStr("")

    # This service's token for commerce's `/internal/v1` (commerce knows it as `payment=` in its
    # INTERNAL_CALLER_TOKENS).
    internal_api_token: SecretStr = SecretStr("")
    # commerce's instances, comma-separated (kit.failover): http://127.0.0.1:8010,http://127.0.0.1:8011
    commerce_internal_url: str = "http://127.0.0.1:8010"
    commerce_timeout_seconds: float = 5.0

    # Refunds by the order's owner: full refunds only, while commerce still shows the order as `paid`
    # (not yet fulfilled) and within this many minutes of the payment. Admins refund any time, any amount.
    owner_refund_window_minutes: int = 60

    # Fraud: score 0-100; allow below review, review below block, block at or above block.
    fraud_review_threshold: int = 50
    fraud_block_threshold: int = 80
    fraud_disposable_domains: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: [
            "mailinator.com",
            "guerrillamail.com",
            "10minutemail.com",
            "tempmail.com",
            "temp-mail.org",
            "yopmail.com",
            "trashmail.com",
            "sharklasers.com",
            "getnada.com",
            "dispostable.com",
        ]
    )
    # Header nginx sets from its GeoIP module; believed only when the peer is in TRUSTED_PROXIES.
    client_country_header: str = "X-Client-Country"
    # Fallback when the header is absent: `CIDR=CC,CIDR=CC`.
    ip_country_networks: Annotated[dict[Network, str], NoDecode] = Field(default_factory=dict)

    # Outbox to commerce: a worker in the app delivers due messages with exponential backoff.
    outbox_worker_enabled: bool = True
    outbox_poll_seconds: float = 2.0
    outbox_batch_size: int = 50
    outbox_backoff_base_seconds: float = 2.0
    outbox_backoff_max_seconds: float = 600.0
    outbox_max_attempts: int = 50

    @field_validator("fraud_disposable_domains", mode="before")
    @classmethod
    def _parse_domains(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip().lower() for item in value.split(",") if item.strip()]
        return value

    @field_validator("ip_country_networks", mode="before")
    @classmethod
    def _parse_networks_table(cls, value: object) -> object:
        table = _parse_country_networks(value)
        if isinstance(table, dict):
            return {ipaddress.ip_network(str(k), strict=False): str(v).upper() for k, v in table.items()}
        return table

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> PaymentSettings:
        if not 0 < self.fraud_review_threshold <= self.fraud_block_threshold <= 100:
            raise ValueError("need 0 < FRAUD_REVIEW_THRESHOLD <= FRAUD_BLOCK_THRESHOLD <= 100")
        return self

    @model_validator(mode="after")
    def _provider_is_safe(self) -> PaymentSettings:
        refusal = self.provider_refusal()
        if refusal:
            raise ValueError(refusal)
        return self

    def provider_refusal(self) -> str | None:
        """Why this provider may not run here: staging and production name it, and take money only for
        real unless the shop is a declared demo; None when it may."""
        if self.environment not in ("staging", "production"):
            return None
        if self.payment_provider is None:
            return (
                f"PAYMENT_PROVIDER must be set in {self.environment}: `stripe`, or `offline` for a demo shop"
            )
        if self.payment_provider == "offline" and not self.shop_demo_mode:
            return (
                f"PAYMENT_PROVIDER=offline accepts test cards as payment: refused in {self.environment} "
                "unless SHOP_DEMO_MODE=true (a demo shop)"
            )
        missing = [
            name
            for name, value in (
                ("STRIPE_SECRET_KEY", self.stripe_secret_key),
                ("STRIPE_WEBHOOK_SECRET", self.stripe_webhook_secret),
            )
            if not value.get_secret_value()
        ]
        if self.payment_provider == "stripe" and missing:
            return f"PAYMENT_PROVIDER=stripe needs {' and '.join(missing)} in {self.environment}"
        return None

    @property
    def provider_name(self) -> Literal["stripe", "offline"]:
        return self.payment_provider or "offline"

    @property
    def webhook_secret(self) -> str:
        return self.stripe_webhook_secret.get_secret_value() or DEVELOPMENT_WEBHOOK_SECRET

    @property
    def fingerprint_secret(self) -> bytes:
        value = self.payment_fingerprint_secret.get_secret_value() or DEVELOPMENT_FINGERPRINT_SECRET
        return value.encode()

    def require_secrets(self) -> None:
        """Fail at start-up when a secret is missing; development and test fall back to fixed values."""
        refusal = self.provider_refusal()  # again: settings built with model_copy skip the validators
        if refusal:
            raise RuntimeError(refusal)
        missing = [
            name
            for name, value in (
                ("STRIPE_WEBHOOK_SECRET", self.stripe_webhook_secret.get_secret_value()),
                ("PAYMENT_FINGERPRINT_SECRET", self.payment_fingerprint_secret.get_secret_value()),
                ("INTERNAL_API_TOKEN", self.internal_api_token.get_secret_value()),
            )
            if not value
        ]
        if self.provider_name == "stripe" and not self.stripe_secret_key.get_secret_value():
            missing.append("STRIPE_SECRET_KEY")
        if not missing:
            return
        if self.environment in ("staging", "production"):
            raise RuntimeError(f"payment cannot start without: {', '.join(missing)}")
        logger.warning(
            "not set (%s): %s; webhook and fingerprint secrets use fixed development values",
            self.environment,
            ", ".join(missing),
        )
