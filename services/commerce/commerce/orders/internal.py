"""`/internal/v1/orders`: what the payment service calls (docs/internal-api.md), payment's token only."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from commerce.deps import Orders
from commerce.orders.schemas import InternalOrder
from kit.contracts import MarkPaid, MarkRefunded, RefundHold, RefundRelease
from kit.errors import error_responses
from kit.internal import internal_caller

router = APIRouter(prefix="/internal/v1/orders", tags=["internal"], dependencies=[internal_caller("payment")])


@router.get(
    "/{order_id}",
    response_model=InternalOrder,
    responses=error_responses(401, 403, 404, 422),
    summary="An order as the payment service needs it (an overdue pending order reads as expired)",
)
async def read_order(order_id: uuid.UUID, orders: Orders) -> InternalOrder:
    return await orders.internal(order_id)


@router.post(
    "/{order_id}/mark-paid",
    response_model=InternalOrder,
    responses=error_responses(401, 403, 404, 409, 422),
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
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Record a (partial) refund (idempotent per refund_id); stock is not restocked automatically",
    description=(
        "Ends the order's refund hold when `hold_id` names it (or nothing is left to refund). "
        "`409 refund_exceeds_paid`, `409 order_not_paid`, `409 payment_mismatch` (payment_id is not the "
        "order's payment), `409 refund_id_conflict` (refund_id recorded on another order), "
        "`422 amount_mismatch` (currency), `404 order_not_found`."
    ),
)
async def mark_refunded(order_id: uuid.UUID, body: MarkRefunded, orders: Orders) -> InternalOrder:
    return await orders.mark_refunded(order_id, body)


@router.post(
    "/{order_id}/refund-hold",
    response_model=InternalOrder,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Before a refund is asked of the provider: check it; a full refund holds the order",
    description=(
        "Under the order's lock. A full refund (`full`) moves the order to `refund_pending`, which "
        "fulfilment refuses (`409 refund_pending`) until mark-refunded or refund-release ends it; a partial "
        "refund leaves the order as it is (it may still ship). Idempotent per `hold_id`. "
        "`409 order_not_refundable_by_owner` (`by_owner` and the order is not `paid`: shipped or partly "
        "refunded), `409 refund_in_progress` (another full refund holds it), `409 order_not_paid`, "
        "`409 payment_mismatch`, `409 refund_exceeds_paid`, `422 amount_mismatch`, `404 order_not_found`."
    ),
)
async def hold_refund(order_id: uuid.UUID, body: RefundHold, orders: Orders) -> InternalOrder:
    return await orders.hold_refund(order_id, body)


@router.post(
    "/{order_id}/refund-release",
    response_model=InternalOrder,
    responses=error_responses(401, 403, 404, 422),
    summary="The provider refused the held refund: the order returns to its status before the hold",
    description="Idempotent: a hold already ended (or never taken) leaves the order as it is.",
)
async def release_refund(order_id: uuid.UUID, body: RefundRelease, orders: Orders) -> InternalOrder:
    return await orders.release_refund(order_id, body)
