"""Staff views over every customer's orders: the orders list with its filters, and the shipping queue.

nginx sends `/api/v1/admin/orders` here (a longer prefix than core's `/api/v1/admin`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from commerce.deps import Orders
from commerce.orders.schemas import OrderStatus, StaffOrderRow
from commerce.orders.service import staff_filter
from kit.auth import AdminUser
from kit.errors import error_responses
from kit.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/admin/orders", tags=["orders"])


@router.get(
    "",
    response_model=Page[StaffOrderRow],
    responses=error_responses(401, 403, 422),
    summary="Every customer's orders, newest first, with filters and search (admins)",
    description=(
        "Filters combine (AND): `status` (repeatable: any of them), `created_from` / `created_to` (calendar "
        "days in India, both inclusive), `customer` (a user id, or an e-mail address matched whole in any "
        "letter case against the order's contact e-mail), `paid` (true: payment received, refunded or not; "
        "false: never paid). `q` searches the order id by prefix (`#1A2B3C4D`, hyphens optional) and, "
        "anywhere in them, the contact e-mail and the ship-to name, city and PIN code. Each row says whether "
        "it is paid, shipped and shippable now. `422 invalid_filter`: `created_from` after `created_to`, or "
        "a `customer` that is neither a user id nor an e-mail address; `422 validation_error`: a malformed "
        "parameter (unknown status, not a date)."
    ),
)
async def list_all_orders(
    _: AdminUser,
    orders: Orders,
    pagination: Pagination,
    statuses: Annotated[
        list[OrderStatus] | None, Query(alias="status", description="Repeatable: orders in any of these")
    ] = None,
    created_from: Annotated[date | None, Query(description="Placed on or after this day (India)")] = None,
    created_to: Annotated[date | None, Query(description="Placed on or before this day (India)")] = None,
    customer: Annotated[
        str | None, Query(max_length=320, description="A user id or the shopper's e-mail address")
    ] = None,
    paid: Annotated[
        bool | None, Query(description="true: paid (refunds included); false: never paid")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=100, description="Order id prefix, or part of the e-mail, ship-to name, city, PIN"),
    ] = None,
) -> Page[StaffOrderRow]:
    where = staff_filter(
        statuses=statuses or (),
        created_from=created_from,
        created_to=created_to,
        customer=customer,
        paid=paid,
        q=q,
    )
    return await orders.staff_list(where, pagination)


@router.get(
    "/shipping-queue",
    response_model=Page[StaffOrderRow],
    responses=error_responses(401, 403, 422),
    summary="Orders to ship: paid or partly refunded and not shipped yet, the longest paid first (admins)",
    description=(
        "Exactly the orders `POST /api/v1/orders/{order_id}/fulfil` accepts now: paid, or partly refunded "
        "with goods still to send, and not shipped. A fully refunded order and one whose full refund is at "
        "the provider (`refund_pending`) are not in it. Oldest payment first, so nothing waits longest."
    ),
)
async def shipping_queue(_: AdminUser, orders: Orders, pagination: Pagination) -> Page[StaffOrderRow]:
    return await orders.shipping_queue(pagination)
