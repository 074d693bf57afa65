"""`/api/v1/admin/discounts`: staff create, list, change, deactivate (and delete unused) discount codes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from commerce.deps import Discounts
from commerce.discounts.schemas import DiscountCreate, DiscountOut, DiscountUpdate
from kit.auth import AdminUser
from kit.errors import error_responses
from kit.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/admin/discounts", tags=["discounts"])

TERMS = (
    "`kind` `percentage` takes `value` percent (1-100) off the subtotal, rounded down to whole paise; "
    "`fixed` takes `value` paise off. Either is capped so the total stays at least ₹1.00 (the rounding "
    "rule, docs/api.md). "
)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=DiscountOut,
    responses=error_responses(401, 403, 409, 422),
    summary="Create a discount code (admins)",
    description=TERMS
    + "The code is case-insensitive and stored upper-case. `409 discount_code_taken` when another code "
    "is the same in any letter case; `422 validation_error` naming the field (a code that is not 3-32 "
    "letters, digits, '-' or '_'; a percentage above 100; an end date not after the start date).",
)
async def create_discount(body: DiscountCreate, admin: AdminUser, discounts: Discounts) -> DiscountOut:
    return await discounts.create(body)


@router.get(
    "",
    response_model=Page[DiscountOut],
    responses=error_responses(401, 403, 422),
    summary="List discount codes, newest first (admins)",
    description="`q` finds codes containing it (any letter case); `active` filters on the flag.",
)
async def list_discounts(
    admin: AdminUser,
    discounts: Discounts,
    pagination: Pagination,
    q: Annotated[str | None, Query(max_length=32, description="Part of the code")] = None,
    active: Annotated[bool | None, Query(description="Only active (true) or deactivated codes")] = None,
) -> Page[DiscountOut]:
    return await discounts.page(pagination, search=q, active=active)


@router.get(
    "/{discount_id}",
    response_model=DiscountOut,
    responses=error_responses(401, 403, 404, 422),
    summary="A discount code with its uses (admins)",
)
async def read_discount(discount_id: uuid.UUID, admin: AdminUser, discounts: Discounts) -> DiscountOut:
    return await discounts.get(discount_id)


@router.patch(
    "/{discount_id}",
    response_model=DiscountOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Change a discount code's terms, or deactivate it (`active: false`) (admins)",
    description=TERMS
    + "The code and its kind do not change. `409 usage_limit_below_used` for a limit below the uses "
    "orders hold; `422 discount_terms_invalid` for an end date not after the start date, a percentage "
    "above 100 or an empty required field; `404 discount_not_found`.",
)
async def update_discount(
    discount_id: uuid.UUID, body: DiscountUpdate, admin: AdminUser, discounts: Discounts
) -> DiscountOut:
    return await discounts.update(discount_id, body)


@router.delete(
    "/{discount_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Delete a discount code no order ever used (admins)",
    description="`409 discount_in_use` once an order has used it: deactivate it instead.",
)
async def delete_discount(discount_id: uuid.UUID, admin: AdminUser, discounts: Discounts) -> None:
    await discounts.delete(discount_id)
