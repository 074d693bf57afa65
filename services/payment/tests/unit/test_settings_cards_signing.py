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


def test_auto_provider_follows_the_stripe_key() -> None:
    assert settings().provider_name == "offline"
    assert settings(stripe_secret_key=SecretStr("sk_test_1")).provider_name == "stripe"
    assert (
        settings(stripe_secret_key=SecretStr("sk_test_1"), payment_provider="offline").provider_name
        == "offline"
    )


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
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
