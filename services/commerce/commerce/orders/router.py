from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Header, Query, Response, status

from commerce.deps import Orders
from commerce.orders.schemas import FulfilRequest, OrderCreate, OrderOut, OrderStatus, OrderSummary
from kit.auth import AdminUser, AuthenticatedUser
from kit.errors import error_responses
from kit.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/orders", tags=["orders"])

REPLAYED_HEADER = "Idempotent-Replayed"


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderOut,
    responses={
        200: {
            "model": OrderOut,
            "description": f"A retry of a checkout already done (`{REPLAYED_HEADER}: true`)",
        },
        **error_responses(400, 401, 409, 422, 429),
    },
    summary="Check out: turn the caller's cart into a pending order that holds its stock",
    description=(
        "Prices are read from the catalog now, the stock is reserved for the order until `expires_at` "
        "(pay before then) and the ordered lines leave the cart. The `Idempotency-Key` header is "
        "required: retrying with the same key and body returns the same order (`200`, header "
        f"`{REPLAYED_HEADER}: true`), never a second one; the same key with another body is "
        "`409 idempotency_key_reused`. Without the header: `422 validation_error` naming it; a blank "
        "one: `400 idempotency_key_required`. Other errors: `409 pending_orders_limit` (too many unpaid "
        "orders: pay or cancel one), `429 rate_limited` (too many checkouts in a short time), "
        "`409 cart_empty`, `409 out_of_stock` (details name the variant and what is left), "
        "`409 items_unavailable`."
    ),
)
async def place_order(
    body: OrderCreate,
    user: AuthenticatedUser,
    orders: Orders,
    response: Response,
    idempotency_key: Annotated[
        str,
        Header(
            alias="Idempotency-Key",
            description="A fresh random value (e.g. a UUID) per checkout; reuse it only to retry.",
        ),
    ],
) -> OrderOut:
    order, replayed = await orders.place(user, idempotency_key, body)
    if replayed:
        response.status_code = status.HTTP_200_OK
        response.headers[REPLAYED_HEADER] = "true"
    return order


@router.get(
    "/{user_id}",
    response_model=Page[OrderSummary],
    responses=error_responses(401, 403, 422),
    summary="A user's orders, newest first (your own; admins any)",
)
async def list_orders(
    user_id: uuid.UUID,
    user: AuthenticatedUser,
    orders: Orders,
    pagination: Pagination,
    order_status: Annotated[OrderStatus | None, Query(alias="status")] = None,
) -> Page[OrderSummary]:
    return await orders.list_for(user, user_id, pagination, order_status)


@router.get(
    "/{order_id}/details",
    response_model=OrderOut,
    responses=error_responses(401, 403, 404, 422),
    summary="An order with its items and status history (your own; admins any)",
)
async def order_details(order_id: uuid.UUID, user: AuthenticatedUser, orders: Orders) -> OrderOut:
    return await orders.details(user, order_id)


@router.post(
    "/{order_id}/cancel",
    response_model=OrderOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Cancel a pending (unpaid) order and release its stock (the owner, or an admin)",
)
async def cancel_order(order_id: uuid.UUID, user: AuthenticatedUser, orders: Orders) -> OrderOut:
    return await orders.cancel(user, order_id)


@router.post(
    "/{order_id}/fulfil",
    response_model=OrderOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Mark a paid order as shipped, with its carrier and tracking number (admins)",
    description=(
        "Records the carrier and tracking number and e-mails the shopper the shipment (once). The body is "
        "optional for older clients (the e-mail then has no tracking); when sent, both fields are required "
        "(`422 validation_error` naming the field). `409 order_not_fulfillable` (not paid, or already "
        "shipped), `409 refund_pending`."
    ),
)
async def fulfil_order(
    order_id: uuid.UUID,
    admin: AdminUser,
    orders: Orders,
    body: Annotated[FulfilRequest | None, Body()] = None,
) -> OrderOut:
    return await orders.fulfil(admin, order_id, body)
