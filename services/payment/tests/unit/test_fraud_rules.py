"""Every fraud rule on its own, the cap, the thresholds and Radar's verdict."""

from __future__ import annotations

import pytest

from payment.fraud import rules
from payment.fraud.rules import History, Policy, RuleHit, Signals
from payment.providers.base import RadarOutcome

POLICY = Policy(review_threshold=50, block_threshold=80, disposable_domains=frozenset({"mailinator.com"}))
PLAIN = Signals(amount=10000, currency="INR")


def points(hit: RuleHit | None) -> int:
    return hit.points if hit else 0


@pytest.mark.parametrize(("attempts", "expected"), [(0, 0), (4, 0), (5, 15), (9, 15), (10, 30)])
def test_velocity_user(attempts: int, expected: int) -> None:
    hit = rules.velocity_user(PLAIN, History(user_attempts_1h=attempts), POLICY)

    assert points(hit) == expected
    if hit:
        assert hit.reason == f"{attempts} payment attempts by this user in the last hour"


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        (History(), 0),
        (History(card_users_24h=1), 0),
        (History(card_users_24h=2), 20),
        (History(card_users_24h=3), 35),
        (History(card_attempts_1h=4), 0),
        (History(card_attempts_1h=5), 15),
    ],
)
def test_velocity_card(history: History, expected: int) -> None:
    assert points(rules.velocity_card(PLAIN, history, POLICY)) == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [(History(), 0), (History(email_users_24h=2), 20), (History(email_attempts_1h=5), 15)],
)
def test_velocity_email(history: History, expected: int) -> None:
    assert points(rules.velocity_email(PLAIN, history, POLICY)) == expected


@pytest.mark.parametrize(
    ("history", "expected"),
    [(History(ip_users_24h=3), 0), (History(ip_users_24h=4), 20), (History(ip_attempts_1h=10), 15)],
)
def test_velocity_ip(history: History, expected: int) -> None:
    assert points(rules.velocity_ip(PLAIN, history, POLICY)) == expected


@pytest.mark.parametrize(
    ("amount", "paid_count", "average", "expected"),
    [
        (50000, 1, 1000.0, 0),  # too little history to judge
        (2999, 2, 1000.0, 0),
        (3000, 2, 1000.0, 15),
        (5000, 2, 1000.0, 25),
        (5000, 0, 0.0, 0),
    ],
)
def test_amount_vs_history(amount: int, paid_count: int, average: float, expected: int) -> None:
    history = History(user_paid_count=paid_count, user_paid_average=average)

    hit = rules.amount_vs_history(Signals(amount=amount, currency="INR"), history, POLICY)

    assert points(hit) == expected


@pytest.mark.parametrize(
    ("ip", "card", "billing", "expected"),
    [
        ("IN", "IN", None, 0),
        ("GB", "IN", None, 20),
        (None, "IN", "US", 10),
        (None, "IN", "IN", 0),
        ("GB", None, "US", 0),  # unknown card country: nothing to compare
    ],
)
def test_country_mismatch(ip: str | None, card: str | None, billing: str | None, expected: int) -> None:
    signals = Signals(amount=1, currency="INR", ip_country=ip, card_country=card, billing_country=billing)

    assert points(rules.country_mismatch(signals, History(), POLICY)) == expected


@pytest.mark.parametrize(("declines", "expected"), [(2, 0), (3, 25), (4, 25), (5, 40)])
def test_consecutive_declines(declines: int, expected: int) -> None:
    assert (
        points(rules.consecutive_declines(PLAIN, History(consecutive_declines=declines), POLICY)) == expected
    )


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        (None, 0),
        ("asha@example.com", 0),
        ("asha@mailinator.com", 25),
        ("asha@MAILINATOR.com", 25),
        ("asha@eu.mailinator.com", 25),
        ("asha@notmailinator.com", 0),
    ],
)
def test_disposable_email(email: str | None, expected: int) -> None:
    signals = Signals(amount=1, currency="INR", email=email)

    assert points(rules.disposable_email(signals, History(), POLICY)) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        (None, 0),
        (RadarOutcome("normal", 20), 0),
        (RadarOutcome("elevated", 70), 50),
        (RadarOutcome("highest", 95), 80),
        (RadarOutcome("normal", 10, outcome_type="blocked"), 80),
    ],
)
def test_radar_outcome_is_folded_in(outcome: RadarOutcome | None, expected: int) -> None:
    assert points(rules.radar(outcome)) == expected


def test_no_signal_no_points() -> None:
    assert rules.evaluate(PLAIN, History(), POLICY) == []


def test_the_score_is_capped_at_100() -> None:
    history = History(user_attempts_1h=10, card_users_24h=3, consecutive_declines=5, email_users_24h=2)

    hits = rules.evaluate(Signals(amount=1, currency="INR", email="x@mailinator.com"), history, POLICY)

    assert sum(h.points for h in hits) > 100
    assert rules.total(hits) == 100


@pytest.mark.parametrize(
    ("score", "decision"),
    [(0, "allow"), (49, "allow"), (50, "review"), (79, "review"), (80, "block"), (100, "block")],
)
def test_thresholds(score: int, decision: str) -> None:
    assert rules.decide(score, POLICY) == decision


def test_thresholds_are_configurable() -> None:
    strict = Policy(review_threshold=10, block_threshold=20)

    assert [rules.decide(s, strict) for s in (9, 10, 20)] == ["allow", "review", "block"]
