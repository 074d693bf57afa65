"""`/internal/v1/orders`: what the payment service calls (docs/internal-api.md), service token only."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from commerce.deps import Orders
from commerce.orders.schemas import InternalOrder, MarkPaid, MarkRefunded
from kit.errors import error_responses
from kit.internal import InternalCaller

router = APIRouter(prefix="/internal/v1/orders", tags=["internal"], dependencies=[InternalCaller])


@router.get(
    "/{order_id}",
    response_model=InternalOrder,
    responses=error_responses(401, 404, 422),
    summary="An order as the payment service needs it (an overdue pending order reads as expired)",
)
async def read_order(order_id: uuid.UUID, orders: Orders) -> InternalOrder:
    return await orders.internal(order_id)


@router.post(
    "/{order_id}/mark-paid",
    response_model=InternalOrder,
    responses=error_responses(401, 404, 409, 422),
    summary="Record the payment: the reservation becomes a sale (idempotent per payment_id)",
    description=(
        "`409 order_not_payable` (expired or cancelled), `409 already_paid` (by another payment_id), "
        "`422 amount_mismatch`, `404 order_not_found`."
    ),
)
async def mark_paid(order_id: uuid.UUID, body: MarkPaid, orders: Orders) -> InternalOrder:
    return await orders.mark_paid(order_id, body)


@router.post(
    "/{order_id}/mark-refunded",
    response_model=InternalOrder,
    responses=error_responses(401, 404, 409, 422),
    summary="Record a (partial) refund (idempotent per refund_id); stock is not restocked automatically",
    description=(
        "`409 refund_exceeds_paid`, `409 order_not_paid`, `409 payment_mismatch` (payment_id is not the "
        "order's payment), `409 refund_id_conflict` (refund_id recorded on another order), "
        "`422 amount_mismatch` (currency), `404 order_not_found`."
    ),
)
async def mark_refunded(order_id: uuid.UUID, body: MarkRefunded, orders: Orders) -> InternalOrder:
    return await orders.mark_refunded(order_id, body)
