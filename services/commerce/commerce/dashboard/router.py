"""The admin dashboard.

nginx sends `/api/v1/admin/dashboard` here (a longer prefix than core's `/api/v1/admin`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from commerce.dashboard.schemas import Dashboard
from commerce.deps import Dashboards
from kit.auth import AdminUser
from kit.errors import error_responses

router = APIRouter(prefix="/api/v1/admin/dashboard", tags=["dashboard"])


@router.get(
    "",
    response_model=Dashboard,
    responses=error_responses(401, 403, 422),
    summary="Orders, revenue, refunds, top products and stock running low over the last days (admins)",
    description=(
        "The period is `days` whole calendar days in India (Asia/Kolkata), ending today. An order counts on "
        "the day it was paid (`paid_at`), whatever happened to it later; unpaid orders never count. Refunds "
        "count on the day they were settled. Amounts are integer minor units (paise) in `currency`. Top "
        "products rank by units, then revenue (line totals before order-level discounts). Low stock: active "
        "variants whose available stock is at or below their own threshold (set with `PATCH "
        "/api/v1/products/{product_id}/variants/{variant_id}/stock`)."
    ),
)
async def read_dashboard(
    _: AdminUser,
    dashboard: Dashboards,
    days: Annotated[int, Query(ge=1, le=365, description="Length of the period in days")] = 30,
) -> Dashboard:
    return await dashboard.overview(days)
