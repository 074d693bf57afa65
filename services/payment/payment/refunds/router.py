from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Body, Header, Request, Response, status

from kit.auth import AuthenticatedUser
from kit.errors import error_responses
from payment.deps import Refunds, wake_outbox
from payment.refunds.schemas import RefundOut, RefundRequest
from payment.refunds.service import RefundAsk

router = APIRouter(prefix="/api/v1/payments", tags=["refunds"])


@router.post(
    "/{transaction_id}/refund",
    response_model=RefundOut,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": RefundOut, "description": "A retry with the same Idempotency-Key: the first refund"},
        **error_responses(401, 403, 404, 409, 422, 502, 503),
    },
    summary="Refund a payment, in full or in part (admins; owners per the refund policy)",
    description=(
        "Admins refund any captured payment, any amount up to what is left. The payment's owner may "
        "refund it only in full, within OWNER_REFUND_WINDOW_MINUTES of paying and while the order is "
        "still `paid` (not fulfilled): otherwise 403 `owner_refund_not_allowed`. "
        "409 `payment_not_captured` / `refund_exceeds_captured`."
    ),
)
async def refund_payment(
    transaction_id: str,
    user: AuthenticatedUser,
    refunds: Refunds,
    request: Request,
    response: Response,
    background: BackgroundTasks,
    body: Annotated[RefundRequest | None, Body()] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)] = None,
) -> RefundOut:
    ask = body or RefundRequest()
    refund, created = await refunds.refund(
        user,
        transaction_id,
        RefundAsk(amount=ask.amount, reason=ask.reason, note=ask.note, request_key=idempotency_key),
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    background.add_task(wake_outbox, request)
    return RefundOut.of(refund)
