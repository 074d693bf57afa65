"""The dashboard's figures, each one SQL query over orders, order_items, order_refunds and inventory.

A paid order counts on the day (in the shop's time zone) of its `paid_at`, whatever happened to it since:
refunds are reported on their own day, so revenue is what came in and refunds what went out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

PER_DAY = text(
    """
    WITH days AS (
        SELECT generate_series(CAST(:first_day AS date), CAST(:last_day AS date), interval '1 day')::date
               AS day
    ),
    paid AS (
        SELECT (paid_at AT TIME ZONE :time_zone)::date AS day, count(*) AS orders, sum(paid_amount) AS revenue
        FROM orders
        WHERE paid_at >= :since AND paid_at < :until AND currency = :currency
        GROUP BY 1
    ),
    refunded AS (
        SELECT (created_at AT TIME ZONE :time_zone)::date AS day, count(*) AS refunds, sum(amount) AS refunded
        FROM order_refunds
        WHERE created_at >= :since AND created_at < :until AND currency = :currency
        GROUP BY 1
    )
    SELECT days.day,
           coalesce(paid.orders, 0) AS orders,
           coalesce(paid.revenue, 0) AS revenue,
           coalesce(refunded.refunds, 0) AS refunds,
           coalesce(refunded.refunded, 0) AS refunded
    FROM days
    LEFT JOIN paid USING (day)
    LEFT JOIN refunded USING (day)
    ORDER BY days.day
    """
)

TOP_PRODUCTS = text(
    """
    SELECT i.product_id,
           (array_agg(i.product_title ORDER BY o.paid_at DESC))[1] AS title,
           sum(i.quantity) AS units,
           sum(i.line_total_amount) AS revenue
    FROM order_items AS i
    JOIN orders AS o ON o.id = i.order_id
    WHERE o.paid_at >= :since AND o.paid_at < :until AND o.currency = :currency
    GROUP BY i.product_id
    ORDER BY units DESC, revenue DESC, title
    LIMIT :limit
    """
)

# Running low: an active variant whose available stock is at or below its own threshold (both queries).
LOW_STOCK = text(
    """
    SELECT p.id AS product_id, p.title AS product_title, v.id AS variant_id, v.sku, v.size, v.colour,
           i.available, i.low_stock_threshold, count(*) OVER () AS total
    FROM inventory AS i
    JOIN variants AS v ON v.id = i.variant_id
    JOIN products AS p ON p.id = v.product_id
    WHERE v.is_active AND i.available <= i.low_stock_threshold
    ORDER BY i.available, p.title, v.sku
    LIMIT :limit
    """
)

LOW_STOCK_COUNT = text(
    "SELECT count(*) FROM inventory AS i JOIN variants AS v ON v.id = i.variant_id "
    "WHERE v.is_active AND i.available <= i.low_stock_threshold"
)


class DashboardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def per_day(
        self, first_day: date, last_day: date, since: datetime, until: datetime, time_zone: str, currency: str
    ) -> list[dict[str, Any]]:
        rows = await self.session.execute(
            PER_DAY,
            {
                "first_day": first_day,
                "last_day": last_day,
                "since": since,
                "until": until,
                "time_zone": time_zone,
                "currency": currency,
            },
        )
        return [dict(row) for row in rows.mappings()]

    async def top_products(
        self, since: datetime, until: datetime, currency: str, limit: int
    ) -> list[dict[str, Any]]:
        rows = await self.session.execute(
            TOP_PRODUCTS, {"since": since, "until": until, "currency": currency, "limit": limit}
        )
        return [dict(row) for row in rows.mappings()]

    async def low_stock(self, limit: int) -> list[dict[str, Any]]:
        rows = await self.session.execute(LOW_STOCK, {"limit": limit})
        return [dict(row) for row in rows.mappings()]

    async def low_stock_count(self) -> int:
        return int(await self.session.scalar(LOW_STOCK_COUNT) or 0)
