"""What the payment domain needs from a provider; Stripe and the offline provider both implement it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from kit.errors import AppError, Conflict, Unprocessable

ChargeStatus = Literal[
    "succeeded", "requires_action", "requires_payment_method", "processing", "failed", "canceled"
]
RefundStatus = Literal["pending", "succeeded", "failed", "canceled"]


@dataclass(frozen=True, slots=True)
class CardInput:
    """A raw card (offline provider only); never stored, never logged."""

    number: str
    exp_month: int
    exp_year: int
    cvc: str

    def __repr__(self) -> str:
        return f"CardInput(last4={self.number[-4:]!r})"


@dataclass(frozen=True, slots=True)
class PaymentMethod:
    card: CardInput | None = None
    payment_method_id: str | None = None


@dataclass(frozen=True, slots=True)
class CardDetails:
    brand: str
    last4: str
    fingerprint: str
    country: str | None


@dataclass(frozen=True, slots=True)
class RadarOutcome:
    """Stripe Radar's verdict on a charge (`charge.outcome`)."""

    risk_level: str | None
    risk_score: int | None
    outcome_type: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ChargeRequest:
    payment_id: str
    order_id: str
    amount: int
    currency: str
    idempotency_key: str
    method: PaymentMethod
    email: str | None = None


@dataclass(frozen=True, slots=True)
class IntentRequest:
    """An intent the shopper's browser confirms (Stripe's Payment Element): nothing is charged yet."""

    payment_id: str
    order_id: str
    amount: int
    currency: str
    idempotency_key: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ChargeResult:
    provider_payment_id: str | None
    status: ChargeStatus
    amount_captured: int = 0
    client_secret: str | None = None
    failure_code: str | None = None
    failure_message: str | None = None
    radar: RadarOutcome | None = None


@dataclass(frozen=True, slots=True)
class RefundResult:
    provider_refund_id: str
    status: RefundStatus
    amount: int
    failure_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ProviderPaymentState:
    """The provider's view of one payment, for reconciliation."""

    provider_payment_id: str
    status: ChargeStatus
    amount_captured: int
    refunds: list[RefundResult] = field(default_factory=list)
    card: CardDetails | None = None
    failure_code: str | None = None
    failure_message: str | None = None
    radar: RadarOutcome | None = None


REFUND_STATUSES: dict[str | None, RefundStatus] = {
    "pending": "pending",
    "succeeded": "succeeded",
    "failed": "failed",
    "canceled": "canceled",
}
CHARGE_STATUSES: dict[str, ChargeStatus] = {
    "succeeded": "succeeded",
    "requires_action": "requires_action",
    "processing": "processing",
    "canceled": "canceled",
}


def refund_status(status: str | None) -> RefundStatus:
    """A provider's refund status; anything unknown (`requires_action`) is still pending."""
    return REFUND_STATUSES.get(status, "pending")


def charge_status(status: str, *, declined: bool = True) -> ChargeStatus:
    """A PaymentIntent's status. `requires_payment_method` after a declined attempt (and anything unknown)
    means the attempt failed; before any attempt, the intent is waiting for the shopper's card."""
    if status == "requires_payment_method" and not declined:
        return "requires_payment_method"
    return CHARGE_STATUSES.get(status, "failed")


class ProviderUnavailable(AppError):
    status_code = 503
    code = "provider_unavailable"
    message = "The payment provider could not be reached; try again shortly."


class ProviderRejected(AppError):
    status_code = 502
    code = "provider_error"
    message = "The payment provider refused the request."


class PaymentElementUnavailable(Conflict):
    code = "payment_element_unavailable"
    message = "This shop does not take cards through Stripe's Payment Element; pay through /process."


class UnsupportedPaymentMethod(Unprocessable):
    code = "unsupported_payment_method"
    message = "This payment method is not accepted by the active provider."


class PaymentProvider(Protocol):
    @property
    def name(self) -> Literal["stripe", "offline"]: ...

    async def describe(self, method: PaymentMethod) -> CardDetails:
        """Brand, last 4, fingerprint and country of the card, before any charge (for fraud rules)."""
        ...

    async def charge(self, request: ChargeRequest) -> ChargeResult: ...

    async def open_intent(self, request: IntentRequest) -> ChargeResult:
        """An intent for the browser to confirm, with its client secret (Stripe only)."""
        ...

    async def refund(
        self, provider_payment_id: str, *, amount: int, idempotency_key: str, reason: str, payment_id: str
    ) -> RefundResult: ...

    async def retrieve(self, provider_payment_id: str) -> ProviderPaymentState: ...

    async def aclose(self) -> None: ...
