"""Outbox messages to commerce, written in the same transaction as the payment change they announce."""

from __future__ import annotations

from payment.outbox.repository import OutboxRepository
from payment.payments.models import Payment
from payment.refunds.models import Refund


async def enqueue_paid(outbox: OutboxRepository, payment: Payment) -> None:
    await outbox.add(
        order_id=payment.order_id,
        payment_id=payment.id,
        kind="paid",
        payload={"payment_id": payment.id, "amount": payment.amount_captured, "currency": payment.currency},
    )


async def enqueue_refunded(outbox: OutboxRepository, payment: Payment, refund: Refund) -> None:
    await outbox.add(
        order_id=payment.order_id,
        payment_id=payment.id,
        kind="refunded",
        payload={
            "payment_id": payment.id,
            "refund_id": refund.id,
            "amount": refund.amount,
            "currency": refund.currency,
        },
    )
