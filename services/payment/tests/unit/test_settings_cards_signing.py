"""Settings parsing, the test-card table and Stripe-compatible signatures (no servers)."""

from __future__ import annotations

import ipaddress
import json
import time
from typing import Any

import pytest
import stripe
from pydantic import SecretStr, ValidationError

from payment.config import PaymentSettings
from payment.providers.cards import TEST_CARDS, TEST_PAYMENT_METHODS, card_brand, fingerprint, luhn_valid
from payment.providers.signing import sign


def settings(**values: Any) -> PaymentSettings:
    return PaymentSettings(_env_file=None, **values)


STRIPE_KEYS = {"stripe_secret_key": SecretStr("sk_live_1"), "stripe_webhook_secret": SecretStr("whsec_1")}


def test_the_provider_is_never_chosen_by_a_missing_key() -> None:
    assert settings().provider_name == "offline"  # development: unset means offline
    # A Stripe key alone no longer picks Stripe (nor does its absence pick offline anywhere it matters).
    assert settings(stripe_secret_key=SecretStr("sk_test_1")).provider_name == "offline"
    assert settings(payment_provider="stripe", **STRIPE_KEYS).provider_name == "stripe"
    with pytest.raises(ValidationError):
        settings(payment_provider="auto")


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_staging_and_production_refuse_an_unset_provider(environment: str) -> None:
    with pytest.raises(ValidationError, match="PAYMENT_PROVIDER must be set"):
        settings(environment=environment, **STRIPE_KEYS)


def test_production_without_a_stripe_key_refuses_to_start_instead_of_falling_back_to_offline() -> None:
    """The old silent fallback: no key in production meant the offline provider, and 4242 paid orders."""
    with pytest.raises(ValidationError, match="PAYMENT_PROVIDER must be set"):
        settings(environment="production")


@pytest.mark.parametrize("environment", ["staging", "production"])
def test_the_offline_provider_is_refused_unless_the_shop_is_a_declared_demo(environment: str) -> None:
    with pytest.raises(ValidationError, match="SHOP_DEMO_MODE"):
        settings(environment=environment, payment_provider="offline")

    demo = settings(environment=environment, payment_provider="offline", shop_demo_mode=True)

    assert (demo.provider_name, demo.shop_demo_mode) == ("offline", True)


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        ("stripe_secret_key", "STRIPE_SECRET_KEY"),
        ("stripe_webhook_secret", "STRIPE_WEBHOOK_SECRET"),
    ],
)
@pytest.mark.parametrize("environment", ["staging", "production"])
def test_stripe_needs_both_of_its_secrets(environment: str, missing: str, named: str) -> None:
    values: dict[str, Any] = {**STRIPE_KEYS, missing: SecretStr("")}
    with pytest.raises(ValidationError, match=named):
        settings(environment=environment, payment_provider="stripe", **values)
    # Even a demo shop that chose Stripe needs them.
    with pytest.raises(ValidationError, match=named):
        settings(environment=environment, payment_provider="stripe", shop_demo_mode=True, **values)


def test_production_with_stripe_and_its_secrets_starts() -> None:
    live = settings(environment="production", payment_provider="stripe", **STRIPE_KEYS)

    assert (live.provider_name, live.shop_demo_mode) == ("stripe", False)


def test_the_refusal_holds_for_settings_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AARYA_ENV_FILE", raising=False)
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.setenv("PAYMENT_PROVIDER", "offline")
    with pytest.raises(ValidationError, match="SHOP_DEMO_MODE"):
        PaymentSettings.from_environment()

    monkeypatch.setenv("SHOP_DEMO_MODE", "true")

    assert PaymentSettings.from_environment().provider_name == "offline"


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAYMENT_PROVIDER", "stripe")
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_env")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_env")
    monkeypatch.setenv("IP_COUNTRY_NETWORKS", "10.0.0.0/8=in, 2001:db8::/32=GB")
    monkeypatch.setenv("FRAUD_DISPOSABLE_DOMAINS", "Trash.example, junk.example")

    loaded = PaymentSettings(_env_file=None)

    assert (loaded.provider_name, loaded.webhook_secret) == ("stripe", "whsec_env")
    assert loaded.ip_country_networks == {
        ipaddress.ip_network("10.0.0.0/8"): "IN",
        ipaddress.ip_network("2001:db8::/32"): "GB",
    }
    assert loaded.fraud_disposable_domains == ["trash.example", "junk.example"]
    assert (loaded.postgres_db, loaded.postgres_user, loaded.service_name) == (
        "aarya_payment",
        "aarya_payment",
        "payment",
    )


def test_thresholds_must_be_in_order() -> None:
    with pytest.raises(ValidationError):
        settings(fraud_review_threshold=90, fraud_block_threshold=80)


@pytest.mark.parametrize("number", [*TEST_CARDS, *TEST_PAYMENT_METHODS.values()])
def test_every_test_card_is_a_valid_number(number: str) -> None:
    assert luhn_valid(number)


@pytest.mark.parametrize("number", ["4242424242424241", "1234", "42424242424242424242", "4242x42424242424"])
def test_invalid_numbers(number: str) -> None:
    assert not luhn_valid(number)


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        ("4242424242424242", "visa"),
        ("5555555555554444", "mastercard"),
        ("2223003122003222", "mastercard"),
        ("378282246310005", "amex"),
        ("6011111111111117", "discover"),
        ("3056930009020004", "unknown"),
    ],
)
def test_card_brand(number: str, brand: str) -> None:
    assert card_brand(number) == brand


def test_fingerprints_match_equal_cards_and_hide_the_number() -> None:
    one, two = fingerprint(b"k", "4242424242424242"), fingerprint(b"k", "4242424242424242")

    assert one == two
    assert fingerprint(b"other", "4242424242424242") != one
    assert "4242" not in one


def test_signatures_verify_with_stripes_own_library() -> None:
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "ping", "data": {"object": {}}}).encode()

    event = stripe.Webhook.construct_event(payload, sign(payload, "whsec_x"), "whsec_x")

    assert event.id == "evt_1"


def test_stripes_library_rejects_a_stale_or_foreign_signature() -> None:
    payload = b'{"id": "evt_1", "object": "event"}'

    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, sign(payload, "whsec_x", int(time.time()) - 301), "whsec_x")
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, sign(payload, "whsec_y"), "whsec_x")
