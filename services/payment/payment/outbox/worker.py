"""Delivery of the outbox to commerce, and the worker loop that runs it inside the app.

`deliver_due` sends due messages one at a time, each in its own transaction with its row locked (SKIP
LOCKED, so several workers may run), and retries failures with exponential backoff. When commerce refuses a
payment for good (`order_not_payable`, `already_paid`, …) the money goes back automatically and the
outbox row records why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from kit.contracts import RefundRelease
from kit.db import Database
from payment.commerce import CommerceClient, CommerceUnavailable
from payment.config import PaymentSettings
from payment.outbox.models import OutboxMessage
from payment.outbox.repository import OutboxRepository
from payment.providers.base import PaymentProvider, ProviderRejected, ProviderUnavailable
from payment.refunds.service import RefundService

logger = logging.getLogger("payment.outbox")

# Commerce's final "no" to a paid message, and the refund reason it leads to.
REFUSALS = {
    "order_not_payable": "order_not_payable",
    "already_paid": "already_paid",
    "amount_mismatch": "amount_mismatch",
    "order_not_found": "order_not_found",
}


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    refunded: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)


class OutboxDelivery:
    def __init__(
        self,
        database: Database,
        commerce: CommerceClient,
        provider: PaymentProvider,
        settings: PaymentSettings,
    ) -> None:
        self.database = database
        self.commerce = commerce
        self.provider = provider
        self.settings = settings

    async def deliver_due(self, *, force: bool = False, limit: int | None = None) -> DeliveryReport:
        """Deliver what is due (with `force`, everything pending, backoff ignored), one message at a time."""
        report = DeliveryReport()
        tried: set[int] = set()
        while limit is None or len(tried) < limit:
            async with self.database.sessionmaker() as session, session.begin():
                message = await OutboxRepository(session).claim_next(force=force, skip=frozenset(tried))
                if message is None:
                    break
                tried.add(message.id)
                await self._deliver(session, message, report)
        return report

    async def _deliver(self, session: AsyncSession, message: OutboxMessage, report: DeliveryReport) -> None:
        message.attempts += 1
        try:
            if message.kind == "paid":
                reply = await self.commerce.mark_paid(message.order_id, message.payload)
            elif message.kind == "released":
                body = RefundRelease.model_validate(message.payload)
                reply = await self.commerce.release_refund(message.order_id, body)
            else:
                reply = await self.commerce.mark_refunded(message.order_id, message.payload)
        except CommerceUnavailable:
            self._retry(message, "commerce unavailable", report)
            return
        if reply.ok:
            self._done(message, "delivered")
            report.delivered += 1
            return
        if message.kind == "paid" and reply.code in REFUSALS:
            await self._refund_refused(session, message, reply.code, report)
            return
        self._retry(message, f"commerce answered {reply.status_code} {reply.code}", report)

    async def _refund_refused(
        self, session: AsyncSession, message: OutboxMessage, code: str, report: DeliveryReport
    ) -> None:
        service = RefundService.for_session(session, self.provider, self.commerce, self.settings)
        try:
            async with session.begin_nested():
                refund = await service.refund_automatically(message.payment_id, reason=REFUSALS[code])
        except (ProviderUnavailable, ProviderRejected) as exc:
            self._retry(
                message, f"commerce refused ({code}); automatic refund failed: {exc.detail_message}", report
            )
            return
        outcome = (
            f"refused: {code}; refunded {refund.id}" if refund else f"refused: {code}; nothing to refund"
        )
        self._done(message, outcome)
        report.refunded += 1
        logger.warning("commerce refused payment %s (%s): refunded", message.payment_id, code)

    def _done(self, message: OutboxMessage, outcome: str) -> None:
        message.status = "delivered"
        message.delivered_at = datetime.now(UTC)
        message.outcome = outcome
        message.last_error = None

    def _retry(self, message: OutboxMessage, error: str, report: DeliveryReport) -> None:
        message.last_error = error
        report.errors.append(f"{message.kind} {message.payment_id}: {error}")
        if message.attempts >= self.settings.outbox_max_attempts:
            message.status = "dead"
            report.dead += 1
            logger.error(
                "outbox message %s gave up after %s attempts: %s", message.id, message.attempts, error
            )
            return
        delay = min(
            self.settings.outbox_backoff_base_seconds * 2 ** (message.attempts - 1),
            self.settings.outbox_backoff_max_seconds,
        )
        message.next_attempt_at = datetime.now(UTC) + timedelta(seconds=delay)
        report.retried += 1


class OutboxWorker:
    """The delivery loop inside the app: every few seconds, and at once when `wake()` is called."""

    def __init__(self, delivery: OutboxDelivery, poll_seconds: float, batch_size: int) -> None:
        self.delivery = delivery
        self.poll_seconds = poll_seconds
        self.batch_size = batch_size
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="outbox-worker")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            self._wake.clear()
            try:
                report = await self.delivery.deliver_due(limit=self.batch_size)
                if report.delivered + report.refunded + report.retried + report.dead >= self.batch_size:
                    self._wake.set()  # a full batch: more may be waiting
            except Exception:
                logger.exception("outbox delivery round failed")
