"""`aarya_low_stock_variants`: how many variants are running low, read from the database at each scrape."""

from __future__ import annotations

from prometheus_client import Gauge

from commerce.dashboard.repository import DashboardRepository
from kit.db import Database
from kit.metrics import Metrics


def register_low_stock_gauge(metrics: Metrics, database: Database) -> Gauge:
    gauge = Gauge(
        "aarya_low_stock_variants",
        "Active variants whose available stock is at or below their low-stock threshold.",
        registry=metrics.registry,
    )

    async def refresh() -> None:
        async with database.sessionmaker() as session:
            gauge.set(await DashboardRepository(session).low_stock_count())

    metrics.before_scrape.append(refresh)
    return gauge
