"""Paying an order: exactly one charge per order attempt, fraud-scored first, announced through the outbox."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kit.auth import CurrentUser
from kit.errors import Conflict, Forbidden, NotFound
from payment.commerce import CommerceClient, Order, OrderNotFound
from payment.fraud.models import FraudAssessment
from payment.fraud.service import FraudService
from payment.outbox.repository import OutboxRepository
from payment.outbox.service import enqueue_paid
from payment.payments.models import (
    AWAITING_SHOPPER_STATUSES,
    CAPTURED_STATUSES,
    STATUS_RANK,
    Payment,
    idempotency_key,
    payment_id_for,
)
from payment.payments.repository import PaymentRepository
from payment.providers.base import (
    CardDetails,
    ChargeRequest,
    ChargeResult,
    IntentRequest,
    PaymentMethod,
    PaymentProvider,
    ProviderPaymentState,
)

logger = logging.getLogger("payment.payments")


class PaymentNotFound(NotFound):
    code = "payment_not_found"
    message = "No such payment."


class NotYourOrder(Forbidden):
    code = "not_your_order"
    message = "You may only pay for your own orders."


class OrderNotPayable(Conflict):
    code = "order_not_payable"
    message = "This order cannot be paid (it is not pending, or it has expired)."


@dataclass(frozen=True, slots=True)
class ClientContext:
    ip: str | None
    ip_country: str | None


@dataclass(frozen=True, slots=True)
class PaymentAttempt:
    order_id: uuid.UUID
    method: PaymentMethod
    email: str | None
    billing_country: str | None
    request_key: str | None


@dataclass(frozen=True, slots=True)
class ElementAttempt:
    """An order paid through Stripe's Payment Element: the card is entered and confirmed in the browser."""

    order_id: uuid.UUID
    email: str | None
    billing_country: str | None
    request_key: str


async def ensure_payer(
    user: CurrentUser,
    payment: Payment,
    *,
    payments: PaymentRepository,
    commerce: CommerceClient,
    refusal: Forbidden | None = None,
) -> None:
    """The payment's owner, or an admin; otherwise `refusal` (a plain 403 by default).

    The owner is the order's: a guest's order moves to the account of the verified owner of its contact
    e-mail when they sign in (commerce claims it), so for a verified customer who is not the recorded payer
    commerce is asked who owns the order now, and the order's payments follow it to that account.
    """
    if user.is_admin or payment.user_id == user.id:
        return
    if user.role == "customer" and user.email_verified:
        try:
            order = await commerce.get_order(payment.order_id)
        except OrderNotFound:
            order = None
        if order is not None and order.user_id == user.id:
            await payments.reassign_order(payment.order_id, user.id)
            payment.user_id = user.id
            return
    raise refusal or Forbidden("You may only access your own resources.")


def advance(payment: Payment, status: str) -> bool:
    """Move a payment forward in its state machine; a move backwards is a stale event and is ignored."""
    if STATUS_RANK[status] <= STATUS_RANK[payment.status]:
        return False
    payment.status = status
    return True


def settle_refund_status(payment: Payment) -> None:
    """The status that the captured and refunded amounts imply, once captured."""
    if payment.status not in CAPTURED_STATUSES:
        return
    if payment.amount_refunded == 0:
        payment.status = "succeeded"
    elif payment.amount_refunded >= payment.amount_captured:
        payment.status = "refunded"
    else:
        payment.status = "partially_refunded"


async def mark_succeeded(payment: Payment, amount_captured: int, outbox: OutboxRepository) -> bool:
    """The provider captured the money: record it and tell commerce (once)."""
    if not advance(payment, "succeeded"):
        return False
    payment.amount_captured = amount_captured or payment.amount
    payment.failure_code = payment.failure_message = None
    await enqueue_paid(outbox, payment)
    return True


def _log(payment: Payment, decision: str, score: int) -> None:
    logger.info(
        "payment %s attempt %s of order %s: %s",
        payment.id,
        payment.attempt,
        payment.order_id,
        payment.status,
        extra={
            "payment_id": payment.id,
            "order_id": str(payment.order_id),
            "status": payment.status,
            "failure_code": payment.failure_code,
            "fraud_decision": decision,
            "fraud_score": score,
        },
    )


def _still_answers(latest: Payment, fingerprint: str) -> bool:
    """Whether a new call for the order gets the latest attempt back instead of making another.

    A captured or in-flight payment always answers (no second charge). One waiting for 3-D Secure
    answers a retry with the same card; with another card the shopper starts a new attempt. Should the
    abandoned one be authenticated after all, commerce refuses it (`already_paid`) and it is refunded.
    """
    if latest.status in (*CAPTURED_STATUSES, "processing"):
        return True
    return latest.status == "requires_action" and latest.card_fingerprint == (fingerprint or None)


class PaymentService:
    def __init__(
        self,
        *,
        payments: PaymentRepository,
        outbox: OutboxRepository,
        fraud: FraudService,
        provider: PaymentProvider,
        commerce: CommerceClient,
    ) -> None:
        self.payments = payments
        self.outbox = outbox
        self.fraud = fraud
        self.provider = provider
        self.commerce = commerce

    async def process(
        self, user: CurrentUser, attempt: PaymentAttempt, client: ClientContext
    ) -> tuple[Payment, bool]:
        """Pay an order; returns the payment and whether this call made it (False: a retry got it back).

        Every call for one order runs under the order's advisory lock, so concurrent retries see the first
        call's payment instead of charging again; the provider call itself carries the attempt's
        idempotency key, so even a retry after a lost response cannot charge twice.
        """
        await self.payments.lock_order(attempt.order_id)
        if attempt.request_key is not None:
            same_request = await self.payments.by_request_key(attempt.order_id, attempt.request_key)
            if same_request is not None:
                return await self._owned(same_request, user), False
        card = await self.provider.describe(attempt.method)
        latest = await self.payments.latest_for_order(attempt.order_id)
        if latest is not None and _still_answers(latest, card.fingerprint):
            return await self._owned(latest, user), False
        order = await self._payable_order(attempt.order_id, user)
        payment, assessment = await self._open_attempt(
            order, user, latest, client, attempt, status="processing", card=card
        )
        if assessment.decision == "block":
            return await self._blocked(payment, assessment), True
        result = await self.provider.charge(
            ChargeRequest(
                payment_id=payment.id,
                order_id=str(order.id),
                amount=payment.amount,
                currency=payment.currency,
                idempotency_key=payment.idempotency_key,
                method=attempt.method,
                email=payment.email,
            )
        )
        await self._apply(payment, result)
        await self.fraud.fold_radar(assessment, result.radar, charged=result.status == "succeeded")
        _log(payment, assessment.decision, assessment.score)
        return await self.payments.save(payment), True

    async def _open_attempt(
        self,
        order: Order,
        user: CurrentUser,
        latest: Payment | None,
        client: ClientContext,
        attempt: PaymentAttempt | ElementAttempt,
        *,
        status: str,
        card: CardDetails | None = None,
    ) -> tuple[Payment, FraudAssessment]:
        """Record the order's next attempt (its idempotency key derived from the order and the number) and
        score it with the fraud rules before anything reaches the provider."""
        number = latest.attempt + 1 if latest else 1
        key = idempotency_key(order.id, number)
        payment = await self.payments.add(
            Payment(
                id=payment_id_for(key),
                order_id=order.id,
                user_id=user.id,
                attempt=number,
                idempotency_key=key,
                request_key=attempt.request_key,
                provider=self.provider.name,
                status=status,
                amount=order.total_amount,
                currency=order.currency,
                card_brand=card.brand if card else None,
                card_last4=card.last4 if card else None,
                card_fingerprint=(card.fingerprint or None) if card else None,
                card_country=card.country if card else None,
                email=attempt.email.lower() if attempt.email else None,
                client_ip=client.ip,
                ip_country=client.ip_country,
                billing_country=attempt.billing_country,
            )
        )
        return payment, await self.fraud.assess(payment)

    async def _blocked(self, payment: Payment, assessment: FraudAssessment) -> Payment:
        """Stop an attempt the fraud rules block: nothing reaches the provider."""
        payment.status = "blocked"
        payment.failure_code = "fraud_blocked"
        payment.failure_message = "The payment was declined by our risk checks."
        _log(payment, assessment.decision, assessment.score)
        return await self.payments.save(payment)

    async def _payable_order(self, order_id: uuid.UUID, user: CurrentUser) -> Order:
        """The order from commerce, if it is the caller's and can still be paid (pending, not expired)."""
        order = await self.commerce.get_order(order_id)
        if order.user_id != user.id:
            raise NotYourOrder()
        if order.status != "pending" or (
            order.expires_at is not None and order.expires_at <= datetime.now(UTC)
        ):
            raise OrderNotPayable(details={"status": order.status})
        return order

    async def open_for_element(
        self, user: CurrentUser, attempt: ElementAttempt, client: ClientContext
    ) -> tuple[Payment, bool]:
        """The order's PaymentIntent for the Payment Element, opened once; returns the payment and whether
        this call opened it (False: the order's open, in-flight or captured payment, or this request's).

        Nothing is charged here: the browser confirms the intent with the shopper's card, then `refresh`
        (or the provider's webhook) records the outcome. The fraud rules score the attempt before the
        intent exists (card rules stay silent: the card is not known yet) and Radar judges the charge.
        """
        await self.payments.lock_order(attempt.order_id)
        same_request = await self.payments.by_request_key(attempt.order_id, attempt.request_key)
        if same_request is not None:
            return await self._owned(same_request, user), False
        latest = await self.payments.latest_for_order(attempt.order_id)
        open_statuses = (*CAPTURED_STATUSES, *AWAITING_SHOPPER_STATUSES, "processing")
        if latest is not None and latest.status in open_statuses:
            return await self._owned(latest, user), False
        order = await self._payable_order(attempt.order_id, user)
        payment, assessment = await self._open_attempt(
            order, user, latest, client, attempt, status="requires_payment_method"
        )
        if assessment.decision == "block":
            return await self._blocked(payment, assessment), True
        result = await self.provider.open_intent(
            IntentRequest(
                payment_id=payment.id,
                order_id=str(order.id),
                amount=payment.amount,
                currency=payment.currency,
                idempotency_key=payment.idempotency_key,
                email=payment.email,
            )
        )
        payment.provider_payment_id = result.provider_payment_id
        payment.client_secret = result.client_secret
        _log(payment, assessment.decision, assessment.score)
        return await self.payments.save(payment), True

    async def refresh(self, user: CurrentUser, payment_id: str) -> Payment:
        """Ask the provider where the payment stands and record it (after the browser confirmed it, or came
        back from a redirect), through the same forward-only moves as the webhooks."""
        payment = await self.get(user, payment_id)
        if payment.provider_payment_id is None or payment.status not in (
            *AWAITING_SHOPPER_STATUSES,
            "processing",
            "failed",
        ):
            return payment
        await self.payments.lock_order(payment.order_id)
        await self.payments.get(payment.id, for_update=True)  # the same object, reloaded under its row lock
        state = await self.provider.retrieve(payment.provider_payment_id)
        await self._apply_state(payment, state)
        return await self.payments.save(payment)

    async def _apply_state(self, payment: Payment, state: ProviderPaymentState) -> None:
        if state.card is not None and payment.card_last4 is None:
            payment.card_brand, payment.card_last4 = state.card.brand, state.card.last4
            payment.card_fingerprint = state.card.fingerprint or None
            payment.card_country = state.card.country
        if state.radar is not None:
            payment.radar_risk_level = state.radar.risk_level
            payment.radar_risk_score = state.radar.risk_score
        if state.status == "succeeded":
            await mark_succeeded(payment, state.amount_captured, self.outbox)
            return
        if state.status == "failed":
            if advance(payment, "failed") or payment.status == "failed":
                payment.failure_code, payment.failure_message = state.failure_code, state.failure_message
            return
        if STATUS_RANK[state.status] == STATUS_RANK[payment.status] == 0:
            payment.status = state.status  # waiting, in flight or authenticating: no order among them
            return
        advance(payment, state.status)

    async def _owned(self, payment: Payment, user: CurrentUser) -> Payment:
        """The payment when the caller owns it (an admin paying someone's order does not)."""
        if payment.user_id != user.id:
            await ensure_payer(
                user, payment, payments=self.payments, commerce=self.commerce, refusal=NotYourOrder()
            )
            if payment.user_id != user.id:
                raise NotYourOrder()
        return payment

    async def _apply(self, payment: Payment, result: ChargeResult) -> None:
        payment.provider_payment_id = result.provider_payment_id
        payment.client_secret = result.client_secret
        if result.radar is not None:
            payment.radar_risk_level = result.radar.risk_level
            payment.radar_risk_score = result.radar.risk_score
        if result.status == "succeeded":
            await mark_succeeded(payment, result.amount_captured, self.outbox)
            return
        if result.status == "failed" and result.radar is not None and result.radar.outcome_type == "blocked":
            payment.status = "blocked"
            payment.failure_code = result.radar.reason or "highest_risk_level"
        else:
            payment.status = result.status
            payment.failure_code = result.failure_code
        payment.failure_message = result.failure_message

    async def get(self, user: CurrentUser, payment_id: str) -> Payment:
        payment = await self.payments.get(payment_id)
        if payment is None:
            raise PaymentNotFound()
        await ensure_payer(user, payment, payments=self.payments, commerce=self.commerce)
        return payment

    async def for_order(self, user: CurrentUser, order_id: uuid.UUID) -> list[Payment]:
        payments = await self.payments.for_order(order_id)
        for payment in payments:
            await ensure_payer(user, payment, payments=self.payments, commerce=self.commerce)
        return payments
