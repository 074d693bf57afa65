"""Delivering the outbox: every worker runs the loop; each mail is claimed with `FOR UPDATE SKIP LOCKED`.

A claimed row stays locked while its message is rendered and handed to the relay, and is marked sent in
the same transaction, so two workers (or two hosts) never send one row. A failed delivery is counted and
waits `MAIL_RETRY_BASE_SECONDS * 2^(tries-1)` (at most `MAIL_RETRY_MAX_SECONDS`); after
`MAIL_MAX_ATTEMPTS` tries it stays unsent (its `last_error_class` says why) until an operator resets it.

Logs name the row, the order and the error class, never the address, subject or body.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from commerce.config import CommerceSettings
from commerce.emails.models import OrderEmail
from commerce.emails.render import EmailRenderer
from commerce.orders.models import Order
from kit.db import Database
from kit.mail import Mailer, make_mailer

logger = logging.getLogger("commerce.emails")

DELIVERY_BATCH = 50


def retry_delay(settings: CommerceSettings, attempts: int) -> timedelta:
    """How long a mail waits after its `attempts`-th failed try (exponential, capped)."""
    seconds = settings.mail_retry_base_seconds * 2 ** min(max(attempts - 1, 0), 30)
    return timedelta(seconds=min(seconds, settings.mail_retry_max_seconds))


class OutboxWorker:
    """Sends due order e-mails; `deliver_due` is one pass (the loop, the CLI and the tests call it)."""

    def __init__(
        self,
        database: Database,
        settings: CommerceSettings,
        *,
        mailer: Mailer | None = None,
        renderer: EmailRenderer | None = None,
    ) -> None:
        self.database = database
        self.settings = settings
        # The outbox retries on its own schedule: no in-call SMTP retries holding the row meanwhile.
        self.mailer = mailer or make_mailer(settings, smtp_retries=0)
        self.renderer = renderer or EmailRenderer(settings)

    async def deliver_due(self, *, limit: int = DELIVERY_BATCH, stopping: asyncio.Event | None = None) -> int:
        """Send up to `limit` due mails, one transaction each (until `stopping` is set); returns how many were
        sent."""
        sent = 0
        for _ in range(limit):
            if stopping is not None and stopping.is_set():
                break
            async with self.database.sessionmaker() as session, session.begin():
                outcome = await self._deliver_one(session)
            if outcome is None:
                break
            sent += outcome
        return sent

    async def _deliver_one(self, session: AsyncSession) -> int | None:
        """Claim one due row and try it: 1 sent, 0 failed (rescheduled), None when nothing is due."""
        now = datetime.now(UTC)
        row = (
            await session.scalars(
                select(OrderEmail)
                .where(
                    OrderEmail.sent_at.is_(None),
                    OrderEmail.next_attempt_at <= now,
                    OrderEmail.attempts < self.settings.mail_max_attempts,
                )
                .order_by(OrderEmail.next_attempt_at, OrderEmail.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
        ).first()
        if row is None:
            return None
        order = (
            await session.scalars(
                select(Order).where(Order.id == row.order_id).options(selectinload(Order.items))
            )
        ).first()
        if order is None or not order.contact_email:  # cannot happen (cascade, queued with an address)
            row.sent_at, row.last_error_class = now, "NoRecipient"
            return 0
        try:
            message = self.renderer.message(order, row.event, order.contact_email, row.amount)
            await self.mailer.send(message)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            error = exc.__cause__ if exc.__cause__ is not None else exc
            row.attempts += 1
            row.last_error_class = type(error).__name__[:80]
            row.next_attempt_at = datetime.now(UTC) + retry_delay(self.settings, row.attempts)
            level = logging.ERROR if row.attempts >= self.settings.mail_max_attempts else logging.WARNING
            logger.log(
                level,
                "order e-mail %d (%s, order %s) failed on try %d: %s",
                row.id,
                row.event,
                row.order_id,
                row.attempts,
                row.last_error_class,
                extra={"email_id": row.id, "event": row.event, "attempts": row.attempts},
            )
            return 0
        row.attempts += 1
        row.sent_at = datetime.now(UTC)
        row.last_error_class = None
        logger.info(
            "order e-mail %d (%s, order %s) sent",
            row.id,
            row.event,
            row.order_id,
            extra={"email_id": row.id, "event": row.event},
        )
        return 1


async def run_outbox_loop(worker: OutboxWorker, interval_seconds: float, stopping: asyncio.Event) -> None:
    """Deliver due mail every `interval_seconds` until `stopping` is set; a failed pass is logged and retried.

    Shutdown sets `stopping` and lets the mail in hand finish (a task cancelled inside a database call could
    leave its connection, and the shutdown, waiting).
    """
    while not stopping.is_set():
        try:
            while await worker.deliver_due(stopping=stopping) == DELIVERY_BATCH:
                pass  # a full batch: more may be due right away
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("order e-mail pass failed; retrying next interval")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), interval_seconds)
