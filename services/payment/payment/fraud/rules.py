"""Fraud rules: one function per rule, each returning the points it adds and why (or nothing).

The score is the capped sum of the points; thresholds turn it into allow / review / block. Every rule is
a pure function of the attempt (`Signals`) and what the database knows about its user, card, e-mail and
IP (`History`), so each is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from payment.providers.base import RadarOutcome

Decision = Literal["allow", "review", "block"]


@dataclass(frozen=True, slots=True)
class Signals:
    amount: int
    currency: str
    email: str | None = None
    ip_country: str | None = None
    card_country: str | None = None
    billing_country: str | None = None


@dataclass(frozen=True, slots=True)
class History:
    """Other payments (not this one) in the windows the rules look at."""

    user_attempts_1h: int = 0
    card_attempts_1h: int = 0
    card_users_24h: int = 0
    email_attempts_1h: int = 0
    email_users_24h: int = 0
    ip_attempts_1h: int = 0
    ip_users_24h: int = 0
    user_paid_count: int = 0
    user_paid_average: float = 0.0
    consecutive_declines: int = 0


@dataclass(frozen=True, slots=True)
class RuleHit:
    rule: str
    points: int
    reason: str


@dataclass(frozen=True, slots=True)
class Policy:
    review_threshold: int = 50
    block_threshold: int = 80
    disposable_domains: frozenset[str] = field(default_factory=frozenset)


Rule = Callable[[Signals, History, Policy], RuleHit | None]


def velocity_user(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    attempts = history.user_attempts_1h
    if attempts >= 10:
        return RuleHit("velocity_user", 30, f"{attempts} payment attempts by this user in the last hour")
    if attempts >= 5:
        return RuleHit("velocity_user", 15, f"{attempts} payment attempts by this user in the last hour")
    return None


def velocity_card(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    if history.card_users_24h >= 2:
        points = 35 if history.card_users_24h >= 3 else 20
        return RuleHit(
            "velocity_card", points, f"card used by {history.card_users_24h} other users in 24 hours"
        )
    if history.card_attempts_1h >= 5:
        return RuleHit("velocity_card", 15, f"card tried {history.card_attempts_1h} times in the last hour")
    return None


def velocity_email(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    if history.email_users_24h >= 2:
        return RuleHit(
            "velocity_email", 20, f"e-mail used by {history.email_users_24h} other users in 24 hours"
        )
    if history.email_attempts_1h >= 5:
        return RuleHit(
            "velocity_email", 15, f"e-mail used in {history.email_attempts_1h} attempts in the last hour"
        )
    return None


def velocity_ip(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    if history.ip_users_24h >= 4:
        return RuleHit(
            "velocity_ip", 20, f"IP address used by {history.ip_users_24h} other users in 24 hours"
        )
    if history.ip_attempts_1h >= 10:
        return RuleHit("velocity_ip", 15, f"{history.ip_attempts_1h} attempts from this IP in the last hour")
    return None


def amount_vs_history(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    if history.user_paid_count < 2 or history.user_paid_average <= 0:
        return None
    ratio = signals.amount / history.user_paid_average
    if ratio >= 5:
        return RuleHit("amount_vs_history", 25, f"amount is {ratio:.1f}x this user's average payment")
    if ratio >= 3:
        return RuleHit("amount_vs_history", 15, f"amount is {ratio:.1f}x this user's average payment")
    return None


def country_mismatch(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    card = signals.card_country
    if card and signals.ip_country and signals.ip_country != card:
        return RuleHit("country_mismatch", 20, f"IP address in {signals.ip_country}, card issued in {card}")
    if card and signals.billing_country and signals.billing_country != card:
        return RuleHit(
            "country_mismatch", 10, f"billing country {signals.billing_country}, card issued in {card}"
        )
    return None


def consecutive_declines(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    declines = history.consecutive_declines
    if declines >= 5:
        return RuleHit("consecutive_declines", 40, f"{declines} declined attempts in a row")
    if declines >= 3:
        return RuleHit("consecutive_declines", 25, f"{declines} declined attempts in a row")
    return None


def disposable_email(signals: Signals, history: History, policy: Policy) -> RuleHit | None:
    if not signals.email or "@" not in signals.email:
        return None
    domain = signals.email.rsplit("@", 1)[1].lower()
    parts = domain.split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    if candidates & policy.disposable_domains:
        return RuleHit("disposable_email", 25, f"disposable e-mail domain {domain}")
    return None


RULES: Sequence[Rule] = (
    velocity_user,
    velocity_card,
    velocity_email,
    velocity_ip,
    amount_vs_history,
    country_mismatch,
    consecutive_declines,
    disposable_email,
)


def radar(outcome: RadarOutcome | None) -> RuleHit | None:
    """Stripe Radar's verdict, folded in when the provider gives one."""
    if outcome is None:
        return None
    score = f" (Radar score {outcome.risk_score})" if outcome.risk_score is not None else ""
    if outcome.outcome_type == "blocked":
        return RuleHit(
            "radar", 80, f"Radar blocked the charge: {outcome.reason or outcome.risk_level}{score}"
        )
    if outcome.risk_level == "highest":
        return RuleHit("radar", 80, f"Radar: highest risk{score}")
    if outcome.risk_level == "elevated":
        return RuleHit("radar", 50, f"Radar: elevated risk{score}")
    return None


def total(hits: Sequence[RuleHit]) -> int:
    return max(0, min(100, sum(hit.points for hit in hits)))


def decide(score: int, policy: Policy) -> Decision:
    if score >= policy.block_threshold:
        return "block"
    if score >= policy.review_threshold:
        return "review"
    return "allow"


def evaluate(signals: Signals, history: History, policy: Policy) -> list[RuleHit]:
    return [hit for rule in RULES if (hit := rule(signals, history, policy)) is not None]
