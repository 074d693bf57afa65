"""Which orders staff may ship: the one rule, for a loaded order and as SQL (the shipping queue).

A paid order that has not shipped may ship, and so may a partly refunded one (a partial refund leaves
goods to send). A fully refunded order, one whose full refund is at the provider (`refund_pending`), an
unpaid one and one already shipped may not.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import TextClause, text

from commerce.orders.models import SHIPPABLE_SQL, SHIPPABLE_STATUSES


def is_shippable(status: str, fulfilled_at: datetime | None) -> bool:
    return status in SHIPPABLE_STATUSES and fulfilled_at is None


def shippable_clause() -> TextClause:
    """`is_shippable` in SQL over `orders`: the predicate of the partial index ix_orders_shipping_queue."""
    return text(SHIPPABLE_SQL)
