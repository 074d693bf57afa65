"""Refunds: never more than captured, each provider call under its own idempotency key.

Policy (who may refund):
- admins: any captured payment, any amount up to what is left, at any time;
- the payment's owner: a full refund of their own payment only, within OWNER_REFUND_WINDOW_MINUTES of
  paying and only while commerce still shows the order as `paid` (not yet fulfilled): a cancellation
  before shipping. Anything else goes through support (an admin).

Commerce owns the order's state: before the provider is called, commerce is asked synchronously to hold
the order for the refund (kit.contracts.RefundHold, under the order's row lock). It refuses an owner's
refund of an order that has shipped, and a full refund moves the order to `refund_pending`, which
fulfilment refuses, so a refund and a fulfilment sent at once never both succeed. If commerce cannot be
reached the refund fails (503) before any money moves. The refund's outcome ends the hold through the
outbox (mark-refunded, or refund-release when the provider fails it later); a refund the provider
refuses at once releases it right away.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import CurrentUser
from kit.contracts import RefundHold, RefundRelease
from kit.errors import Conflict, Forbidden
from payment.commerce import CommerceClient, CommerceReply, CommerceUnavailable
from payment.config import PaymentSettings
from payment.outbox.repository import OutboxRepository
from payment.outbox.service import enqueue_refunded, enqueue_released, paid_payload
from payment.payments.models import CAPTURED_STATUSES, Payment
from payment.payments.repository import PaymentRepository
from payment.payments.service import PaymentNotFound, ensure_payer, mark_succeeded, settle_refund_status
from payment.providers.base import PaymentProvider, ProviderRejected, RefundResult
from payment.refunds.models import COUNTED_STATUSES, SILENT_REASONS, Refund
from payment.refunds.repository import RefundRepository


class PaymentNotCaptured(Conflict):
    code = "payment_not_captured"
    message = "Only a captured payment can be refunded."


class RefundExceedsCaptured(Conflict):
    code = "refund_exceeds_captured"
    message = "The refund would exceed what is left of the captured amount."


class OwnerRefundNotAllowed(Forbidden):
    code = "owner_refund_not_allowed"
    message = "Owners may only refund a whole payment, soon after paying and before the order ships."


class RefundInProgress(Conflict):
    code = "refund_in_progress"
    message = "A refund of the whole order is already in progress."


class OrderRefusesRefund(Conflict):
    code = "order_refuses_refund"
    message = "The order service refused this refund (see details)."


logger = logging.getLogger("payment.refunds")


@dataclass(frozen=True, slots=True)
class RefundAsk:
    amount: int | None
    reason: str
    note: str | None
    request_key: str | None


class RefundService:
    def __init__(
        self,
        *,
        payments: PaymentRepository,
        refunds: RefundRepository,
        outbox: OutboxRepository,
        provider: PaymentProvider,
        commerce: CommerceClient,
        settings: PaymentSettings,
    ) -> None:
        self.payments = payments
        self.refunds = refunds
        self.outbox = outbox
        self.provider = provider
        self.commerce = commerce
        self.settings = settings

    @classmethod
    def for_session(
        cls,
        session: AsyncSession,
        provider: PaymentProvider,
        commerce: CommerceClient,
        settings: PaymentSettings,
    ) -> RefundService:
        return cls(
            payments=PaymentRepository(session),
            refunds=RefundRepository(session),
            outbox=OutboxRepository(session),
            provider=provider,
            commerce=commerce,
            settings=settings,
        )

    async def refund(self, user: CurrentUser, payment_id: str, ask: RefundAsk) -> tuple[Refund, bool]:
        """Refund (part of) a payment; returns the refund and whether this call made it."""
        payment = await self.payments.get(payment_id, for_update=True)
        if payment is None:
            raise PaymentNotFound()
        await ensure_payer(user, payment, payments=self.payments, commerce=self.commerce)
        if ask.request_key is not None:
            existing = await self.refunds.by_request_key(payment.id, ask.request_key)
            if existing is not None:
                return existing, False
        if payment.status not in CAPTURED_STATUSES:
            raise PaymentNotCaptured(details={"status": payment.status})
        amount = ask.amount if ask.amount is not None else payment.refundable
        if amount <= 0 or amount > payment.refundable:
            raise RefundExceedsCaptured(details={"refundable": payment.refundable})
        if not user.is_admin:
            await self._check_owner_policy(payment, amount)
        initiated_by = f"{'admin' if user.is_admin else 'owner'}:{user.id}"
        refund = await self._refund(
            payment,
            amount,
            reason=ask.reason,
            note=ask.note,
            initiated_by=initiated_by,
            request_key=ask.request_key,
        )
        return refund, True

    async def _check_owner_policy(self, payment: Payment, amount: int) -> None:
        window = timedelta(minutes=self.settings.owner_refund_window_minutes)
        if amount != payment.amount_captured or payment.amount_refunded:
            raise OwnerRefundNotAllowed("Owners may only refund the whole payment.")
        if datetime.now(UTC) - payment.created_at > window:
            raise OwnerRefundNotAllowed("The window for refunding your own payment has closed.")
        # Whether the order is still `paid` (not shipped) is commerce's to say, under the order's lock,
        # when it holds the order for this refund (`_hold`): a read here could be stale by then.

    async def refund_automatically(self, payment_id: str, *, reason: str) -> Refund | None:
        """Give back everything left on a payment that commerce refused or an admin rejected as fraud.

        Its idempotency key is fixed per payment and reason, so running it again never refunds twice. When
        commerce never took the payment (it refused it), commerce is not told about the refund either.
        """
        payment = await self.payments.get(payment_id, for_update=True)
        if payment is None:
            raise PaymentNotFound()
        key = f"payment:{payment.id}:auto:{reason}"
        existing = await self.refunds.by_idempotency_key(key)
        if existing is not None:
            return existing
        if payment.status not in CAPTURED_STATUSES or payment.refundable <= 0:
            return None
        return await self._refund(
            payment,
            payment.refundable,
            reason=reason,
            note=None,
            initiated_by="system",
            request_key=None,
            key=key,
            tell_commerce=reason not in SILENT_REASONS,
        )

    async def _refund(
        self,
        payment: Payment,
        amount: int,
        *,
        reason: str,
        note: str | None,
        initiated_by: str,
        request_key: str | None,
        key: str | None = None,
        tell_commerce: bool = True,
    ) -> Refund:
        if payment.provider_payment_id is None:
            raise PaymentNotCaptured()
        number = await self.refunds.count_for_payment(payment.id) + 1
        refund = await self.refunds.add(
            Refund(
                payment_id=payment.id,
                amount=amount,
                currency=payment.currency,
                status="pending",
                reason=reason,
                note=note,
                initiated_by=initiated_by,
                idempotency_key=key or f"payment:{payment.id}:refund:{number}",
                request_key=request_key,
            )
        )
        if tell_commerce:
            await self._hold(payment, refund, by_owner=initiated_by.startswith("owner:"))
        try:
            result = await self.provider.refund(
                payment.provider_payment_id,
                amount=amount,
                idempotency_key=refund.idempotency_key,
                reason=reason,
                payment_id=payment.id,
            )
        except ProviderRejected:
            # No money moved: the order may ship again. (When the provider could not be reached, the
            # outcome is unknown and the hold stays: retrying the refund, same idempotency key, settles it.)
            if tell_commerce:
                await self._release_now(payment, refund)
            raise
        refund.provider_refund_id = result.provider_refund_id
        await self._settle(payment, refund, result, tell_commerce=tell_commerce)
        return refund

    async def _hold(self, payment: Payment, refund: Refund, *, by_owner: bool) -> None:
        """Commerce takes the refund into account before the provider is called, or the refund stops."""
        hold = RefundHold(
            hold_id=refund.idempotency_key,  # the same for a retried attempt (the refund row rolls back)
            payment_id=payment.id,
            amount=refund.amount,
            currency=refund.currency,
            full=refund.amount == payment.refundable,
            by_owner=by_owner,
        )
        reply = await self.commerce.hold_refund(payment.order_id, hold)
        if reply.code == "order_not_paid":
            # Commerce has not heard of the payment yet (the outbox is behind): tell it now, then again.
            paid = await self.commerce.mark_paid(payment.order_id, paid_payload(payment))
            if paid.ok:
                reply = await self.commerce.hold_refund(payment.order_id, hold)
        if not reply.ok:
            raise self._refusal(reply)

    @staticmethod
    def _refusal(reply: CommerceReply) -> Exception:
        if reply.status_code in (401, 403):
            return CommerceUnavailable("The order service refused this service's token.")
        if reply.code == "order_not_refundable_by_owner":
            status = reply.details.get("status") if isinstance(reply.details, dict) else None
            return OwnerRefundNotAllowed(
                "This order can no longer be cancelled by you.", details={"order_status": status}
            )
        if reply.code == "refund_in_progress":
            return RefundInProgress()
        return OrderRefusesRefund(details={"reason": reply.code})

    async def _release_now(self, payment: Payment, refund: Refund) -> None:
        try:
            reply = await self.commerce.release_refund(
                payment.order_id, RefundRelease(hold_id=refund.idempotency_key)
            )
        except CommerceUnavailable:
            reply = None
        if reply is None or not reply.ok:
            logger.warning(
                "refund %s refused by the provider; order %s still held (retry the refund to release it)",
                refund.idempotency_key,
                payment.order_id,
            )

    async def _settle(
        self, payment: Payment, refund: Refund, result: RefundResult, *, tell_commerce: bool
    ) -> None:
        """Apply a refund's (new) status to it and to its payment; commerce hears of each success once."""
        previous = refund.status
        refund.status = result.status
        refund.failure_reason = result.failure_reason
        await self.refunds.save(refund)
        payment.amount_refunded = await self.refunds.counted_total(payment.id)
        settle_refund_status(payment)
        if result.status == "succeeded" and previous != "succeeded" and tell_commerce:
            await enqueue_refunded(self.outbox, payment, refund)
        if (
            result.status in ("failed", "canceled")
            and previous not in ("failed", "canceled")
            and tell_commerce
        ):
            await enqueue_released(self.outbox, payment, refund)

    async def record_provider_refund(
        self, payment: Payment, result: RefundResult, amount_captured: int
    ) -> str:
        """A refund the provider reports (webhook or reconciliation): one of ours, or one made there."""
        if payment.status not in CAPTURED_STATUSES and result.status in COUNTED_STATUSES:
            # The refund came before the success: the money was captured, so that is recorded first.
            await mark_succeeded(payment, amount_captured, self.outbox)
        refund = await self.refunds.by_provider_id(result.provider_refund_id)
        if refund is None:
            refund = await self.refunds.add(
                Refund(
                    payment_id=payment.id,
                    amount=result.amount,
                    currency=payment.currency,
                    status="pending",
                    reason="provider",
                    initiated_by="provider",
                    idempotency_key=f"provider:{result.provider_refund_id}",
                    provider_refund_id=result.provider_refund_id,
                )
            )
        elif refund.status == result.status:
            return f"refund {refund.id} already {refund.status}"
        await self._settle(payment, refund, result, tell_commerce=refund.reason not in SILENT_REASONS)
        return f"refund {refund.id} {refund.status}"
