"""Queries behind the fraud rules and on `fraud_assessments`; repositories only flush."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from payment.fraud.models import FraudAssessment
from payment.fraud.rules import History
from payment.payments.models import CAPTURED_STATUSES, Payment

DECLINE_STREAK_LOOKBACK = 10


def _same(column: InstrumentedAttribute[str | None], value: str | None) -> ColumnElement[bool]:
    """Rows sharing a signal; nothing matches a signal the attempt does not have."""
    return column == value if value else false()


class FraudRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def history(self, payment: Payment) -> History:
        """What other payments say about this attempt's user, card, e-mail and IP."""
        now = func.now()
        hour = Payment.created_at > now - timedelta(hours=1)
        others = Payment.id != payment.id
        user = Payment.user_id == payment.user_id
        not_user = Payment.user_id != payment.user_id
        card = _same(Payment.card_fingerprint, payment.card_fingerprint)
        email = _same(Payment.email, payment.email)
        ip = _same(Payment.client_ip, payment.client_ip)
        row = (
            await self.session.execute(
                select(
                    func.count().filter(user, hour),
                    func.count().filter(card, hour),
                    func.count(func.distinct(Payment.user_id)).filter(card, not_user),
                    func.count().filter(email, hour),
                    func.count(func.distinct(Payment.user_id)).filter(email, not_user),
                    func.count().filter(ip, hour),
                    func.count(func.distinct(Payment.user_id)).filter(ip, not_user),
                ).where(
                    others,
                    Payment.created_at > now - timedelta(hours=24),
                    or_(user, card, email, ip),
                )
            )
        ).one()
        paid = (
            await self.session.execute(
                select(func.count(), func.coalesce(func.avg(Payment.amount_captured), 0)).where(
                    others, user, Payment.currency == payment.currency, Payment.status.in_(CAPTURED_STATUSES)
                )
            )
        ).one()
        recent = await self.session.scalars(
            select(Payment.status)
            .where(others, user)
            .order_by(Payment.created_at.desc(), Payment.attempt.desc())
            .limit(DECLINE_STREAK_LOOKBACK)
        )
        streak = 0
        for status in recent:
            if status != "failed":
                break
            streak += 1
        return History(
            user_attempts_1h=row[0],
            card_attempts_1h=row[1],
            card_users_24h=row[2],
            email_attempts_1h=row[3],
            email_users_24h=row[4],
            ip_attempts_1h=row[5],
            ip_users_24h=row[6],
            user_paid_count=int(paid[0]),
            user_paid_average=float(paid[1]),
            consecutive_declines=streak,
        )

    async def add(self, assessment: FraudAssessment) -> FraudAssessment:
        self.session.add(assessment)
        await self.session.flush()
        return assessment

    async def save(self, assessment: FraudAssessment) -> FraudAssessment:
        await self.session.flush()
        await self.session.refresh(assessment)
        return assessment

    async def by_payment(self, payment_id: str, *, for_update: bool = False) -> FraudAssessment | None:
        statement = select(FraudAssessment).where(FraudAssessment.payment_id == payment_id)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def block_lifted(self, order_id: uuid.UUID) -> bool:
        """An admin approved a blocked attempt of this order: its next attempt is not blocked again."""
        statement = select(
            select(FraudAssessment.id)
            .where(
                FraudAssessment.order_id == order_id,
                FraudAssessment.decision == "block",
                FraudAssessment.review_status == "approved",
            )
            .exists()
        )
        return bool(await self.session.scalar(statement))

    async def page(
        self, *, decision: str | None, review_status: str | None, offset: int, limit: int
    ) -> tuple[list[tuple[FraudAssessment, Payment]], int]:
        statement: Select[FraudAssessment, Payment] = (
            select(FraudAssessment, Payment)
            .join(Payment, Payment.id == FraudAssessment.payment_id)
            .where(FraudAssessment.decision.in_(("review", "block")))
        )
        if decision is not None:
            statement = statement.where(FraudAssessment.decision == decision)
        if review_status is not None:
            statement = statement.where(FraudAssessment.review_status == review_status)
        total = await self.session.scalar(select(func.count()).select_from(statement.subquery()))
        rows = await self.session.execute(
            statement.order_by(FraudAssessment.created_at.desc(), FraudAssessment.id)
            .offset(offset)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in rows], int(total or 0)

    async def with_payment(
        self, payment_id: str, *, for_update: bool = False
    ) -> tuple[FraudAssessment, Payment] | None:
        statement = (
            select(FraudAssessment, Payment)
            .join(Payment, Payment.id == FraudAssessment.payment_id)
            .where(FraudAssessment.payment_id == payment_id)
        )
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        row = (await self.session.execute(statement)).one_or_none()
        return None if row is None else (row[0], row[1])
