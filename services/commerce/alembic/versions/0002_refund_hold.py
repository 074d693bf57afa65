"""orders: refund_pending (a refund's hold on fulfilment) and fulfilled_at

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "('pending', 'paid', 'fulfilled', 'cancelled', 'expired', 'partially_refunded', 'refunded')"
NEW_STATUSES = (
    "('pending', 'paid', 'fulfilled', 'cancelled', 'expired', 'partially_refunded', 'refunded', "
    "'refund_pending')"
)


def upgrade() -> None:
    op.add_column("orders", sa.Column("fulfilled_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("orders", sa.Column("refund_hold_id", sa.String(length=255), nullable=True))
    op.add_column("orders", sa.Column("refund_hold_from", sa.String(length=24), nullable=True))
    op.execute("UPDATE orders SET fulfilled_at = updated_at WHERE status = 'fulfilled'")
    op.drop_constraint(op.f("ck_orders_status"), "orders", type_="check")
    op.create_check_constraint(op.f("ck_orders_status"), "orders", f"status IN {NEW_STATUSES}")
    op.create_check_constraint(
        op.f("ck_orders_refund_hold_only_when_pending"),
        "orders",
        "(status = 'refund_pending') = (refund_hold_id IS NOT NULL AND refund_hold_from IS NOT NULL)",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_orders_refund_hold_only_when_pending"), "orders", type_="check")
    op.execute("UPDATE orders SET status = refund_hold_from WHERE status = 'refund_pending'")
    op.drop_constraint(op.f("ck_orders_status"), "orders", type_="check")
    op.create_check_constraint(op.f("ck_orders_status"), "orders", f"status IN {OLD_STATUSES}")
    op.drop_column("orders", "refund_hold_from")
    op.drop_column("orders", "refund_hold_id")
    op.drop_column("orders", "fulfilled_at")
