"""Fraud scoring of payment attempts and the admins' review decisions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from kit.auth import CurrentUser
from kit.errors import Conflict, NotFound
from payment.fraud.models import FraudAssessment
from payment.fraud.repository import FraudRepository
from payment.fraud.rules import Decision, Policy, RuleHit, Signals, decide, evaluate, radar, total
from payment.payments.models import Payment
from payment.providers.base import RadarOutcome

BLOCK_LIFTED = RuleHit("admin_override", 0, "an admin approved an earlier blocked attempt of this order")


class AssessmentNotFound(NotFound):
    code = "fraud_assessment_not_found"
    message = "No review or block decision for this payment."


class AlreadyReviewed(Conflict):
    code = "already_reviewed"
    message = "This decision has already been reviewed."


class FraudService:
    def __init__(self, repository: FraudRepository, policy: Policy) -> None:
        self.repository = repository
        self.policy = policy

    async def assess(self, payment: Payment) -> FraudAssessment:
        """Score an attempt before it is charged, and store the assessment with its reasons."""
        signals = Signals(
            amount=payment.amount,
            currency=payment.currency,
            email=payment.email,
            ip_country=payment.ip_country,
            card_country=payment.card_country,
            billing_country=payment.billing_country,
        )
        hits = evaluate(signals, await self.repository.history(payment), self.policy)
        score = total(hits)
        decision = decide(score, self.policy)
        if decision == "block" and await self.repository.block_lifted(payment.order_id):
            decision, hits = "review", [*hits, BLOCK_LIFTED]
        return await self.repository.add(
            FraudAssessment(
                payment_id=payment.id,
                order_id=payment.order_id,
                user_id=payment.user_id,
                score=score,
                decision=decision,
                reasons=[asdict(hit) for hit in hits],
                review_status="open" if decision != "allow" else None,
            )
        )

    async def fold_radar(
        self, assessment: FraudAssessment, outcome: RadarOutcome | None, *, charged: bool
    ) -> None:
        """Add Radar's verdict after the charge. Money already taken cannot be blocked: it goes to review."""
        if outcome is None:
            return
        assessment.radar_risk_level = outcome.risk_level
        assessment.radar_risk_score = outcome.risk_score
        hit = radar(outcome)
        if hit is not None:
            assessment.reasons = [*assessment.reasons, asdict(hit)]
            assessment.score = total([RuleHit(**reason) for reason in assessment.reasons])
            decision: Decision = decide(assessment.score, self.policy)
            if charged and decision == "block":
                decision = "review"
            if not charged and outcome.outcome_type == "blocked":
                decision = "block"
            assessment.decision = decision
            assessment.review_status = "open" if decision != "allow" else None
        await self.repository.save(assessment)

    async def review(
        self, admin: CurrentUser, payment_id: str, *, approve: bool, note: str | None
    ) -> tuple[FraudAssessment, Payment]:
        found = await self.repository.with_payment(payment_id, for_update=True)
        if found is None or found[0].decision == "allow":
            raise AssessmentNotFound()
        assessment, payment = found
        if assessment.review_status != "open":
            raise AlreadyReviewed(details={"review_status": assessment.review_status})
        assessment.review_status = "approved" if approve else "rejected"
        assessment.reviewed_by = admin.id
        assessment.reviewed_at = datetime.now(UTC)
        assessment.review_note = note
        return await self.repository.save(assessment), payment
