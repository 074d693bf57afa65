"""The pure rules of discount codes: rounding, capping, normalising, refusals and their messages."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from commerce.discounts.rules import (
    MINIMUM_CHARGE,
    CodeTerms,
    DiscountAlreadyUsed,
    DiscountBelowMinimum,
    DiscountCurrency,
    DiscountExpired,
    DiscountInactive,
    DiscountNotStarted,
    DiscountUnknown,
    DiscountUsedUp,
    discount_for,
    format_money,
    normalise_code,
    refusal,
)
from commerce.discounts.schemas import DiscountCreate

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
TERMS = CodeTerms(
    id=uuid.uuid4(),
    code="DIWALI10",
    kind="percentage",
    value=10,
    currency="INR",
    min_order_amount=0,
    starts_at=None,
    ends_at=None,
    usage_limit=None,
    per_customer_limit=None,
    used_count=0,
    active=True,
)


@pytest.mark.parametrize(
    ("kind", "value", "subtotal", "expected"),
    [
        ("percentage", 10, 149997, 14999),  # 14999.7 rounds down
        ("percentage", 15, 99, 0),  # below the minimum charge nothing comes off
        ("percentage", 33, 100001, 33000),  # 33000.33 rounds down
        ("percentage", 100, 50000, 50000 - MINIMUM_CHARGE),  # capped: ₹1.00 stays to charge
        ("fixed", 10000, 50000, 10000),
        ("fixed", 60000, 50000, 50000 - MINIMUM_CHARGE),  # never more than the subtotal
        ("fixed", 500, 0, 0),
    ],
)
def test_discount_for_rounds_down_and_caps(kind: str, value: int, subtotal: int, expected: int) -> None:
    assert discount_for(kind, value, subtotal) == expected


def test_normalise_code_and_money() -> None:
    assert normalise_code("  diwali10 ") == "DIWALI10"
    assert format_money(123456789, "INR") == "₹1,234,567.89"
    assert format_money(5, "INR") == "₹0.05"
    assert format_money(1200, "USD") == "12.00 USD"


def _refusal(terms: CodeTerms | None, *, subtotal: int = 50000, used: int = 0) -> object:
    return refusal(terms, subtotal=subtotal, currency="INR", used_by_customer=used, now=NOW)


@pytest.mark.parametrize(
    ("terms", "used", "subtotal", "expected"),
    [
        (None, 0, 50000, DiscountUnknown),
        (replace(TERMS, active=False), 0, 50000, DiscountInactive),
        (replace(TERMS, starts_at=NOW + timedelta(seconds=1)), 0, 50000, DiscountNotStarted),
        (replace(TERMS, ends_at=NOW), 0, 50000, DiscountExpired),  # the end is exclusive
        (replace(TERMS, usage_limit=3, used_count=3), 0, 50000, DiscountUsedUp),
        (replace(TERMS, per_customer_limit=2), 2, 50000, DiscountAlreadyUsed),
        (replace(TERMS, currency="USD"), 0, 50000, DiscountCurrency),
        (replace(TERMS, min_order_amount=50001), 0, 50000, DiscountBelowMinimum),
        # What the shopper cannot change by buying more comes first.
        (replace(TERMS, active=False, min_order_amount=99999), 0, 1, DiscountInactive),
    ],
)
def test_refusals(terms: CodeTerms | None, used: int, subtotal: int, expected: type) -> None:
    assert isinstance(_refusal(terms, subtotal=subtotal, used=used), expected)


def test_a_code_applies_within_its_terms() -> None:
    terms = replace(
        TERMS,
        starts_at=NOW,
        ends_at=NOW + timedelta(days=1),
        usage_limit=3,
        used_count=2,
        per_customer_limit=2,
        min_order_amount=50000,
    )
    assert _refusal(terms, subtotal=50000, used=1) is None


def test_refusal_messages_tell_the_shopper_what_to_do() -> None:
    below = refusal(
        replace(TERMS, min_order_amount=99900), subtotal=45050, currency="INR", used_by_customer=0, now=NOW
    )
    assert below is not None
    assert below.detail_message == "Spend ₹548.50 more to use DIWALI10 (orders from ₹999.00)."
    assert below.details == {"min_order_amount": 99900, "amount_to_minimum": 54850}
    used = refusal(
        replace(TERMS, per_customer_limit=1), subtotal=1, currency="INR", used_by_customer=1, now=NOW
    )
    assert used is not None
    assert (
        used.detail_message == "You have already used the code DIWALI10 (it can be used once per customer)."
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"code": "x", "kind": "fixed", "value": 1}, "3 to 32 letters"),
        ({"code": "HALF", "kind": "percentage", "value": 101}, "1 to 100 percent"),
        (
            {
                "code": "LATE",
                "kind": "fixed",
                "value": 1,
                "starts_at": "2026-12-02T00:00:00Z",
                "ends_at": "2026-12-01T00:00:00Z",
            },
            "end date must be after the start date",
        ),
    ],
)
def test_create_validation_messages(body: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        DiscountCreate.model_validate(body)


def test_create_normalises_the_code() -> None:
    assert (
        DiscountCreate.model_validate({"code": " spring-25 ", "kind": "fixed", "value": 1}).code
        == "SPRING-25"
    )
