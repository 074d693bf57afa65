"""Outbox messages to commerce, written in the same transaction as the payment change they announce."""

from __future__ import annotations

from typing import Any

from kit.contracts import MarkPaid, MarkRefunded, RefundRelease
from payment.outbox.repository import OutboxRepository
from payment.payments.models import Payment
from payment.refunds.models import Refund


def paid_payload(payment: Payment) -> dict[str, Any]:
    body = MarkPaid(payment_id=payment.id, amount=payment.amount_captured, currency=payment.currency)
    return body.model_dump(mode="json")


async def enqueue_paid(outbox: OutboxRepository, payment: Payment) -> None:
    await outbox.add(
        order_id=payment.order_id, payment_id=payment.id, kind="paid", payload=paid_payload(payment)
    )


async def enqueue_refunded(outbox: OutboxRepository, payment: Payment, refund: Refund) -> None:
    body = MarkRefunded(
        payment_id=payment.id,
        refund_id=refund.id,
        amount=refund.amount,
        currency=refund.currency,
        hold_id=refund.idempotency_key,  # ends commerce's hold when this refund held the order
    )
    await outbox.add(
        order_id=payment.order_id,
        payment_id=payment.id,
        kind="refunded",
        payload=body.model_dump(mode="json"),
    )


async def enqueue_released(outbox: OutboxRepository, payment: Payment, refund: Refund) -> None:
    """The provider failed the refund after all: commerce lets the order go back to where it was."""
    await outbox.add(
        order_id=payment.order_id,
        payment_id=payment.id,
        kind="released",
        payload=RefundRelease(hold_id=refund.idempotency_key).model_dump(mode="json"),
    )
