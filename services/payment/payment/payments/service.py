"""Paying an order: exactly one charge per order attempt, fraud-scored first, announced through the outbox."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kit.auth import CurrentUser, ensure_self_or_admin
from kit.errors import Conflict, Forbidden, NotFound
from payment.commerce import CommerceClient
from payment.fraud.service import FraudService
from payment.outbox.repository import OutboxRepository
from payment.outbox.service import enqueue_paid
from payment.payments.models import (
    CAPTURED_STATUSES,
    STATUS_RANK,
    Payment,
    idempotency_key,
    payment_id_for,
)
from payment.payments.repository import PaymentRepository
from payment.providers.base import ChargeRequest, ChargeResult, PaymentMethod, PaymentProvider

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
                return self._owned(same_request, user), False
        card = await self.provider.describe(attempt.method)
        latest = await self.payments.latest_for_order(attempt.order_id)
        if latest is not None and _still_answers(latest, card.fingerprint):
            return self._owned(latest, user), False
        order = await self.commerce.get_order(attempt.order_id)
        if order.user_id != user.id:
            raise NotYourOrder()
        if order.status != "pending" or (
            order.expires_at is not None and order.expires_at <= datetime.now(UTC)
        ):
            raise OrderNotPayable(details={"status": order.status})
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
                status="processing",
                amount=order.total_amount,
                currency=order.currency,
                card_brand=card.brand,
                card_last4=card.last4,
                card_fingerprint=card.fingerprint or None,
                card_country=card.country,
                email=attempt.email.lower() if attempt.email else None,
                client_ip=client.ip,
                ip_country=client.ip_country,
                billing_country=attempt.billing_country,
            )
        )
        assessment = await self.fraud.assess(payment)
        if assessment.decision == "block":
            payment.status = "blocked"
            payment.failure_code = "fraud_blocked"
            payment.failure_message = "The payment was declined by our risk checks."
            _log(payment, assessment.decision, assessment.score)
            return await self.payments.save(payment), True
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

    @staticmethod
    def _owned(payment: Payment, user: CurrentUser) -> Payment:
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
        ensure_self_or_admin(user, payment.user_id)
        return payment

    async def for_order(self, user: CurrentUser, order_id: uuid.UUID) -> list[Payment]:
        payments = await self.payments.for_order(order_id)
        for payment in payments:
            ensure_self_or_admin(user, payment.user_id)
        return payments
