"""Provider events: verified with Stripe's library, stored by id before acting, applied idempotently.

Events may arrive more than once and in any order. A replay is caught by the event id (the insert does
nothing, the handler does nothing). Reordering is harmless because payments only move forward in their
state machine (`payments.service.advance`) and refunds are recorded by their provider id.
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import stripe

from kit.errors import BadRequest
from payment.outbox.repository import OutboxRepository
from payment.payments.models import Payment
from payment.payments.repository import PaymentRepository
from payment.payments.service import advance, mark_succeeded
from payment.providers.base import RefundResult, refund_status
from payment.refunds.service import RefundService
from payment.webhooks.repository import WebhookEventRepository

logger = logging.getLogger("payment.webhooks")

REFUND_EVENTS = ("charge.refunded", "refund.created", "refund.updated", "charge.refund.updated")


class InvalidSignature(BadRequest):
    code = "invalid_signature"
    message = "The webhook signature is missing, wrong or too old."


class InvalidPayload(BadRequest):
    code = "invalid_payload"
    message = "The webhook body is not a valid event."


@dataclass(frozen=True, slots=True)
class WebhookOutcome:
    event_id: str
    type: str
    duplicate: bool
    outcome: str


def verify(payload: bytes, signature: str | None, secret: str, tolerance: int) -> dict[str, Any]:
    """Check the `Stripe-Signature` header with Stripe's own library; the event as plain JSON."""
    try:
        stripe.Webhook.construct_event(payload, signature, secret, tolerance)
    except stripe.SignatureVerificationError as exc:
        raise InvalidSignature() from exc
    except ValueError as exc:
        raise InvalidPayload() from exc
    event: dict[str, Any] = json.loads(payload)
    if not isinstance(event.get("id"), str) or not isinstance(event.get("data", {}).get("object"), dict):
        raise InvalidPayload()
    return event


class WebhookService:
    def __init__(
        self,
        *,
        events: WebhookEventRepository,
        payments: PaymentRepository,
        outbox: OutboxRepository,
        refunds: RefundService,
    ) -> None:
        self.events = events
        self.payments = payments
        self.outbox = outbox
        self.refunds = refunds

    async def handle(self, event: dict[str, Any]) -> WebhookOutcome:
        event_id, event_type = event["id"], str(event.get("type", ""))
        created = datetime.fromtimestamp(int(event.get("created", 0)), UTC)
        if not await self.events.record(event_id, event_type, created, event):
            return WebhookOutcome(event_id, event_type, duplicate=True, outcome="already processed")
        outcome = await self._act(event_type, event["data"]["object"])
        await self.events.set_outcome(event_id, outcome)
        logger.info("webhook %s %s: %s", event_type, event_id, outcome)
        return WebhookOutcome(event_id, event_type, duplicate=False, outcome=outcome)

    async def _act(self, event_type: str, obj: dict[str, Any]) -> str:
        if event_type.startswith("payment_intent."):
            intent_id = obj.get("id")
        elif event_type in REFUND_EVENTS:
            intent_id = obj.get("payment_intent")
        else:
            return "ignored: event type not handled"
        payment = await self._payment(intent_id, obj.get("metadata"))
        if payment is None:
            return "ignored: unknown payment"
        if event_type.startswith("payment_intent."):
            return await self._intent(event_type, payment, obj)
        if event_type == "charge.refunded":
            return await self._charge_refunded(payment, obj)
        return await self._refund(payment, obj, None)

    async def _payment(self, provider_payment_id: object, metadata: object) -> Payment | None:
        """The payment an event is about, locked. The order lock comes first: an event racing the request
        that is creating the payment waits for that request to commit, then finds the payment."""
        order_id = metadata.get("order_id") if isinstance(metadata, dict) else None
        if isinstance(order_id, str):
            with contextlib.suppress(ValueError):
                await self.payments.lock_order(uuid.UUID(order_id))
        if isinstance(provider_payment_id, str):
            payment = await self.payments.by_provider_id(provider_payment_id, for_update=True)
            if payment is not None:
                return payment
        payment_id = metadata.get("payment_id") if isinstance(metadata, dict) else None
        if isinstance(payment_id, str):
            payment = await self.payments.get(payment_id, for_update=True)
            if payment is not None and payment.provider_payment_id in (None, provider_payment_id):
                return payment
        return None

    async def _intent(self, event_type: str, payment: Payment, intent: dict[str, Any]) -> str:
        if payment.provider_payment_id is None and isinstance(intent.get("id"), str):
            payment.provider_payment_id = intent["id"]
        before = payment.status
        if event_type == "payment_intent.succeeded":
            await mark_succeeded(payment, int(intent.get("amount_received") or 0), self.outbox)
        elif event_type == "payment_intent.payment_failed":
            error = intent.get("last_payment_error") or {}
            if advance(payment, "failed"):
                payment.failure_code = error.get("decline_code") or error.get("code")
                payment.failure_message = error.get("message")
        elif event_type == "payment_intent.canceled":
            advance(payment, "canceled")
        else:
            return "ignored: nothing to do"
        await self.payments.save(payment)
        if payment.status == before:
            return f"stale: payment already {payment.status}"
        return f"payment {before} -> {payment.status}"

    async def _charge_refunded(self, payment: Payment, charge: dict[str, Any]) -> str:
        """Record the charge's refunds. API versions since 2022-11-15 leave `refunds` out of the charge:
        then the provider is asked (if it cannot answer, the 503 makes it send the event again)."""
        listed = charge.get("refunds")
        if isinstance(listed, dict):
            refunds = [r for r in listed.get("data") or [] if isinstance(r, dict)]
            outcomes = [await self._refund(payment, r, charge.get("amount_captured")) for r in refunds]
            return "; ".join(outcomes) or "no refunds listed"
        state = await self.refunds.provider.retrieve(str(charge.get("payment_intent")))
        outcomes = [
            await self.refunds.record_provider_refund(payment, refund, state.amount_captured)
            for refund in state.refunds
        ]
        await self.payments.save(payment)
        return "; ".join(outcomes) or "no refunds at the provider"

    async def _refund(self, payment: Payment, refund: dict[str, Any], amount_captured: object) -> str:
        if not isinstance(refund.get("id"), str):
            return "ignored: refund without id"
        result = RefundResult(
            provider_refund_id=refund["id"],
            status=refund_status(refund.get("status")),
            amount=int(refund.get("amount") or 0),
            failure_reason=refund.get("failure_reason"),
        )
        captured = int(amount_captured) if isinstance(amount_captured, int) else payment.amount
        outcome = await self.refunds.record_provider_refund(payment, result, captured)
        await self.payments.save(payment)
        return outcome
