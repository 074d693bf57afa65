from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, BackgroundTasks, Query, Request

from kit.auth import AdminUser
from kit.errors import error_responses
from kit.pagination import Page, Pagination
from payment.deps import Fraud, Refunds, wake_outbox
from payment.fraud.schemas import FraudReviewOut, ReviewDecision

router = APIRouter(prefix="/api/v1/payments/admin", tags=["admin"])


@router.get(
    "/fraud-reviews",
    response_model=Page[FraudReviewOut],
    responses=error_responses(401, 403, 422),
    summary="Payments the fraud rules sent to review or blocked, with the reasons (admins)",
)
async def fraud_reviews(
    admin: AdminUser,
    fraud: Fraud,
    page: Pagination,
    decision: Annotated[Literal["review", "block"] | None, Query()] = None,
    review_status: Annotated[Literal["open", "approved", "rejected"] | None, Query()] = None,
) -> Page[FraudReviewOut]:
    rows, total = await fraud.repository.page(
        decision=decision, review_status=review_status, offset=page.offset, limit=page.page_size
    )
    return Page.of([FraudReviewOut.of(a, p) for a, p in rows], total, page)


@router.post(
    "/fraud-reviews/{payment_id}/decision",
    response_model=FraudReviewOut,
    responses=error_responses(401, 403, 404, 409, 422, 502, 503),
    summary="Close a review: approve (keep; a blocked order may retry) or reject (refund in full) (admins)",
)
async def decide_review(
    payment_id: str,
    body: ReviewDecision,
    admin: AdminUser,
    fraud: Fraud,
    refunds: Refunds,
    request: Request,
    background: BackgroundTasks,
) -> FraudReviewOut:
    assessment, payment = await fraud.review(
        admin, payment_id, approve=body.action == "approve", note=body.note
    )
    if body.action == "reject":
        await refunds.refund_automatically(payment.id, reason="fraudulent")
        background.add_task(wake_outbox, request)
    return FraudReviewOut.of(assessment, payment)
