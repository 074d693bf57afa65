"""Reconciliation: compare each payment with the provider's record; report, and with `repair` fix.

Repairs go through the same code as webhooks (payments only move forward, refunds are recorded by their
provider id, commerce hears through the outbox), so a repair is what the missed event would have done.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import Database
from payment.commerce import CommerceClient
from payment.config import PaymentSettings
from payment.outbox.repository import OutboxRepository
from payment.payments.models import CAPTURED_STATUSES, Payment
from payment.payments.repository import PaymentRepository
from payment.payments.service import advance, mark_succeeded
from payment.providers.base import (
    PaymentProvider,
    ProviderPaymentState,
    ProviderRejected,
    ProviderUnavailable,
)
from payment.refunds.repository import RefundRepository
from payment.refunds.service import RefundService

BATCH = 100


@dataclass(frozen=True, slots=True)
class Difference:
    payment_id: str
    field: str
    local: str
    provider: str
    repaired: bool

    def __str__(self) -> str:
        verb = "repaired" if self.repaired else "differs"
        return f"{self.payment_id} {self.field}: local={self.local} provider={self.provider} ({verb})"


def _local_view(payment: Payment) -> str:
    return "succeeded" if payment.status in CAPTURED_STATUSES else payment.status


async def reconcile(
    database: Database,
    provider: PaymentProvider,
    commerce: CommerceClient,
    settings: PaymentSettings,
    *,
    repair: bool,
) -> list[Difference]:
    differences: list[Difference] = []
    after: str | None = None
    while True:
        async with database.sessionmaker() as session:
            batch = await PaymentRepository(session).with_provider_ids(
                provider.name, limit=BATCH, after=after
            )
        if not batch:
            return differences
        after = batch[-1].id
        for payment in batch:
            try:
                state = await provider.retrieve(payment.provider_payment_id or "")
            except ProviderRejected:
                differences.append(
                    Difference(payment.id, "existence", payment.status, "missing", repaired=False)
                )
                continue
            except ProviderUnavailable:
                differences.append(
                    Difference(payment.id, "existence", payment.status, "unreachable", repaired=False)
                )
                continue
            async with database.sessionmaker() as session, session.begin():
                differences += await _compare(
                    session, payment.id, state, provider, commerce, settings, repair
                )


async def _compare(
    session: AsyncSession,
    payment_id: str,
    state: ProviderPaymentState,
    provider: PaymentProvider,
    commerce: CommerceClient,
    settings: PaymentSettings,
    repair: bool,
) -> list[Difference]:
    payments = PaymentRepository(session)
    payment = await payments.get(payment_id, for_update=True)
    if payment is None:
        return []
    found: list[Difference] = []
    local, remote = _local_view(payment), state.status
    if local != remote and not (remote == "failed" and payment.status == "blocked"):
        before, fixed = payment.status, False
        if repair:
            if remote == "succeeded":
                fixed = await mark_succeeded(payment, state.amount_captured, OutboxRepository(session))
            else:
                fixed = advance(payment, remote)
        found.append(Difference(payment.id, "status", before, remote, fixed))
    refunds = RefundRepository(session)
    service = RefundService.for_session(session, provider, commerce, settings)
    for refund in state.refunds:
        known = await refunds.by_provider_id(refund.provider_refund_id)
        if known is not None and known.status == refund.status:
            continue
        local_refund = known.status if known else "missing"
        if repair:
            await service.record_provider_refund(payment, refund, state.amount_captured)
        found.append(
            Difference(payment.id, f"refund {refund.provider_refund_id}", local_refund, refund.status, repair)
        )
    await payments.save(payment)
    return found
