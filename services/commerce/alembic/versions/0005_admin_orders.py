"""admin orders: indexes for the staff orders list and the shipping queue

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As commerce.orders.models has them (the migrations test compares the two).
ORDER_SEARCH_TEXT = (
    "lower(coalesce(contact_email, '') || ' ' || coalesce(shipping_address ->> 'name', '') || ' ' || "
    "coalesce(shipping_address ->> 'city', '') || ' ' || coalesce(shipping_address ->> 'postal_code', ''))"
)
SHIPPABLE = "status IN ('paid', 'partially_refunded') AND fulfilled_at IS NULL"


def upgrade() -> None:
    op.create_index("ix_orders_created_at_id", "orders", ["created_at", "id"])
    op.create_index("ix_orders_status_created_at", "orders", ["status", "created_at"])
    op.create_index("ix_orders_contact_email_lower", "orders", [sa.text("lower(contact_email)")])
    op.create_index(
        "ix_orders_search_trgm",
        "orders",
        [sa.text(f"({ORDER_SEARCH_TEXT}) gin_trgm_ops")],
        postgresql_using="gin",
    )
    op.create_index(
        "ix_orders_shipping_queue", "orders", ["paid_at", "id"], postgresql_where=sa.text(SHIPPABLE)
    )


def downgrade() -> None:
    op.drop_index("ix_orders_shipping_queue", table_name="orders")
    op.drop_index("ix_orders_search_trgm", table_name="orders")
    op.drop_index("ix_orders_contact_email_lower", table_name="orders")
    op.drop_index("ix_orders_status_created_at", table_name="orders")
    op.drop_index("ix_orders_created_at_id", table_name="orders")
