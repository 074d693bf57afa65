from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path

from commerce.cart.schemas import CartAdd, CartOut
from commerce.deps import Carts
from commerce.discounts.schemas import CartDiscountIn
from kit.auth import AuthenticatedUser, ensure_self_or_admin
from kit.errors import error_responses

router = APIRouter(prefix="/api/v1/cart", tags=["cart"])


@router.get(
    "/{user_id}",
    response_model=CartOut,
    responses=error_responses(401, 403, 422),
    summary="A cart with current prices, availability and totals (your own; admins any)",
)
async def read_cart(user_id: uuid.UUID, user: AuthenticatedUser, carts: Carts) -> CartOut:
    ensure_self_or_admin(user, user_id)
    return await carts.view(user_id)


@router.post(
    "/{user_id}/add",
    response_model=CartOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Add units of a variant to the cart (or set the line's quantity with `replace`)",
    description=(
        "`404 variant_unavailable` when the variant is not for sale; `409 out_of_stock` when the line "
        "would ask for more than is available now; `422 quantity_limit` above the per-item limit."
    ),
)
async def add_to_cart(user_id: uuid.UUID, body: CartAdd, user: AuthenticatedUser, carts: Carts) -> CartOut:
    ensure_self_or_admin(user, user_id)
    return await carts.add(user_id, body)


@router.delete(
    "/{user_id}/remove/{product_id}",
    response_model=CartOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Remove a cart line; the last segment is the line's variant id (a cart holds variants)",
)
async def remove_from_cart(
    user_id: uuid.UUID,
    product_id: Annotated[
        uuid.UUID, Path(description="The line's variant id (the path keeps the contract's name)")
    ],
    user: AuthenticatedUser,
    carts: Carts,
) -> CartOut:
    ensure_self_or_admin(user, user_id)
    return await carts.remove(user_id, product_id)


@router.delete(
    "/{user_id}/clear",
    response_model=CartOut,
    responses=error_responses(401, 403, 422),
    summary="Empty the cart",
)
async def clear_cart(user_id: uuid.UUID, user: AuthenticatedUser, carts: Carts) -> CartOut:
    ensure_self_or_admin(user, user_id)
    return await carts.clear(user_id)


@router.post(
    "/{user_id}/discount",
    response_model=CartOut,
    responses=error_responses(401, 403, 409, 422),
    summary="Apply a discount code to the cart (any letter case); the cart shows the discount and total",
    description=(
        "The code replaces any code applied before. A code below its minimum order is kept: the cart's "
        "`discount` has `applied: false`, a `message` saying how much more to spend and "
        "`amount_to_minimum`; it applies once the cart reaches it. Refused, and not kept: `409 "
        "discount_unknown`, `409 discount_inactive`, `409 discount_not_started`, `409 discount_expired`, "
        "`409 discount_used_up`, `409 discount_already_used` (the per-customer limit), `409 "
        "discount_currency`; each message is for the shopper. The cart re-checks the code on every view "
        "and checkout re-checks it again: an order carries the code only if it is valid at that moment."
    ),
)
async def apply_discount(
    user_id: uuid.UUID, body: CartDiscountIn, user: AuthenticatedUser, carts: Carts
) -> CartOut:
    ensure_self_or_admin(user, user_id)
    return await carts.apply_code(user_id, body)


@router.delete(
    "/{user_id}/discount",
    response_model=CartOut,
    responses=error_responses(401, 403, 422),
    summary="Remove the discount code from the cart",
)
async def remove_discount(user_id: uuid.UUID, user: AuthenticatedUser, carts: Carts) -> CartOut:
    ensure_self_or_admin(user, user_id)
    return await carts.remove_code(user_id)
