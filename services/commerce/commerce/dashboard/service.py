"""The dashboard over a period of whole days in the shop's time zone, ending today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from commerce.dashboard.repository import DashboardRepository
from commerce.dashboard.schemas import (
    Dashboard,
    DashboardDay,
    DashboardTotals,
    LowStockVariant,
    TopProduct,
)

SHOP_TIME_ZONE = "Asia/Kolkata"
TOP_PRODUCTS_LIMIT = 10
LOW_STOCK_LIMIT = 50


def period(days: int, now: datetime, zone: ZoneInfo) -> tuple[date, date, datetime, datetime]:
    """The first and last day (today) in `zone`, and the instants where the first begins and the last ends."""
    last_day = now.astimezone(zone).date()
    first_day = last_day - timedelta(days=days - 1)
    since = datetime.combine(first_day, time(), tzinfo=zone)
    until = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=zone)
    return first_day, last_day, since, until


def average(total: int, count: int) -> int:
    """total / count rounded half up, in whole minor units (0 when there is nothing to divide)."""
    return (2 * total + count) // (2 * count) if count else 0


class DashboardService:
    def __init__(self, session: AsyncSession, currency: str) -> None:
        self.figures = DashboardRepository(session)
        self.currency = currency

    async def overview(self, days: int, now: datetime | None = None) -> Dashboard:
        zone = ZoneInfo(SHOP_TIME_ZONE)
        first_day, last_day, since, until = period(days, now or datetime.now(UTC), zone)
        per_day = [
            DashboardDay.model_validate(row)
            for row in await self.figures.per_day(
                first_day, last_day, since, until, SHOP_TIME_ZONE, self.currency
            )
        ]
        orders = sum(day.orders for day in per_day)
        revenue = sum(day.revenue for day in per_day)
        top = await self.figures.top_products(since, until, self.currency, TOP_PRODUCTS_LIMIT)
        low = await self.figures.low_stock(LOW_STOCK_LIMIT)
        return Dashboard(
            days=days,
            start=first_day,
            end=last_day,
            time_zone=SHOP_TIME_ZONE,
            currency=self.currency,
            totals=DashboardTotals(
                orders=orders,
                revenue=revenue,
                average_order_value=average(revenue, orders),
                refunds=sum(day.refunds for day in per_day),
                refunded=sum(day.refunded for day in per_day),
            ),
            per_day=per_day,
            top_products=[TopProduct.model_validate(row) for row in top],
            low_stock=[LowStockVariant.model_validate(row) for row in low],
            low_stock_count=int(low[0]["total"]) if low else 0,
        )
