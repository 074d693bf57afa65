"""Stripe's test cards and test payment methods, and what each does (the offline provider's behaviour).

https://docs.stripe.com/testing lists them; the Stripe emulator of the tests uses the same table.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

Outcome = Literal["succeeded", "declined", "requires_action"]


@dataclass(frozen=True, slots=True)
class TestCard:
    outcome: Outcome
    country: str = "US"
    decline_code: str | None = None
    risk_level: str = "normal"
    risk_score: int = 20


TEST_CARDS: dict[str, TestCard] = {
    "4242424242424242": TestCard("succeeded"),
    "4000056655665556": TestCard("succeeded"),
    "5555555555554444": TestCard("succeeded"),
    "378282246310005": TestCard("succeeded"),
    "4000003560000008": TestCard("succeeded", country="IN"),
    "4000008260000000": TestCard("succeeded", country="GB"),
    "4000000760000002": TestCard("succeeded", country="BR"),
    "4000000000009235": TestCard("succeeded", risk_level="elevated", risk_score=70),
    "4000000000000002": TestCard("declined", decline_code="generic_decline"),
    "4000000000009995": TestCard("declined", decline_code="insufficient_funds"),
    "4000000000000069": TestCard("declined", decline_code="expired_card"),
    "4000000000000127": TestCard("declined", decline_code="incorrect_cvc"),
    "4000000000004954": TestCard("declined", decline_code="fraudulent", risk_level="highest", risk_score=95),
    "4100000000000019": TestCard("declined", decline_code="fraudulent", risk_level="highest", risk_score=99),
    "4000002500003155": TestCard("requires_action"),
    "4000000000003220": TestCard("requires_action"),
    "4000002760003184": TestCard("requires_action"),
}

TEST_PAYMENT_METHODS: dict[str, str] = {
    "pm_card_visa": "4242424242424242",
    "pm_card_visa_debit": "4000056655665556",
    "pm_card_mastercard": "5555555555554444",
    "pm_card_amex": "378282246310005",
    "pm_card_in": "4000003560000008",
    "pm_card_gb": "4000008260000000",
    "pm_card_br": "4000000760000002",
    "pm_card_riskLevelElevated": "4000000000009235",
    "pm_card_chargeDeclined": "4000000000000002",
    "pm_card_chargeDeclinedInsufficientFunds": "4000000000009995",
    "pm_card_chargeDeclinedExpiredCard": "4000000000000069",
    "pm_card_chargeDeclinedIncorrectCvc": "4000000000000127",
    "pm_card_riskLevelHighest": "4000000000004954",
    "pm_card_radarBlock": "4100000000000019",
    "pm_card_threeDSecure2Required": "4000000000003220",
    "pm_card_authenticationRequired": "4000002760003184",
    "pm_card_authenticationRequiredOnSetup": "4000002500003155",
}

# What an unknown (real) card does in test mode: Stripe refuses live cards with this decline code.
LIVE_CARD_IN_TEST_MODE = TestCard("declined", decline_code="test_mode_live_card")

DECLINE_MESSAGES = {
    "generic_decline": "Your card was declined.",
    "insufficient_funds": "Your card has insufficient funds.",
    "expired_card": "Your card has expired.",
    "incorrect_cvc": "Your card's security code is incorrect.",
    "fraudulent": "Your card was declined.",
    "test_mode_live_card": "Your card was declined. Your request was in test mode, but used a real card.",
}


def luhn_valid(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def card_brand(number: str) -> str:
    if number.startswith(("34", "37")):
        return "amex"
    if number.startswith("4"):
        return "visa"
    if number[:2] in {"51", "52", "53", "54", "55"} or "2221" <= number[:4] <= "2720":
        return "mastercard"
    if number.startswith(("6011", "65")):
        return "discover"
    return "unknown"


def fingerprint(secret: bytes, value: str) -> str:
    """An HMAC of the card number: equal cards match, the number cannot be recovered from it."""
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:32]


def behaviour(number: str) -> TestCard:
    return TEST_CARDS.get(number, LIVE_CARD_IN_TEST_MODE)
