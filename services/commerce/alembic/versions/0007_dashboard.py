"""the business at a glance: a low-stock threshold per variant

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "inventory",
        sa.Column("low_stock_threshold", sa.Integer(), server_default="5", nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_inventory_low_stock_threshold_not_negative"), "inventory", "low_stock_threshold >= 0"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_inventory_low_stock_threshold_not_negative"), "inventory", type_="check")
    op.drop_column("inventory", "low_stock_threshold")
