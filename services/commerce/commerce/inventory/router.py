from __future__ import annotations

import uuid

from fastapi import APIRouter

from commerce.deps import Stock
from commerce.inventory.schemas import StockAdjustmentRequest, StockOut, StockThresholdRequest
from kit.auth import AdminUser
from kit.errors import error_responses

router = APIRouter(prefix="/api/v1/products/{product_id}/variants/{variant_id}/stock", tags=["inventory"])


@router.get(
    "",
    response_model=StockOut,
    responses=error_responses(401, 403, 404, 422),
    summary="A variant's stock (on hand, reserved, available) and its recent adjustments (admins)",
)
async def read_stock(
    product_id: uuid.UUID, variant_id: uuid.UUID, admin: AdminUser, stock: Stock
) -> StockOut:
    return await stock.report(product_id, variant_id)


@router.post(
    "",
    response_model=StockOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Add or remove stock on hand, recording who, when and why (admins)",
    description="`409 stock_below_reserved` when on hand would drop below what pending orders hold.",
)
async def adjust_stock(
    product_id: uuid.UUID,
    variant_id: uuid.UUID,
    body: StockAdjustmentRequest,
    admin: AdminUser,
    stock: Stock,
) -> StockOut:
    return await stock.adjust(admin, product_id, variant_id, body)


@router.patch(
    "",
    response_model=StockOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Set a variant's low-stock threshold (admins)",
    description=(
        "The variant counts as running low (on the dashboard, in the `aarya_low_stock_variants` metric and "
        "its alert) while its available stock is at or below `low_stock_threshold`. New variants start at 5."
    ),
)
async def set_low_stock_threshold(
    product_id: uuid.UUID,
    variant_id: uuid.UUID,
    body: StockThresholdRequest,
    admin: AdminUser,
    stock: Stock,
) -> StockOut:
    return await stock.set_threshold(product_id, variant_id, body)
