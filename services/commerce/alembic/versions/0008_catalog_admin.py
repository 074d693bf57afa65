"""catalog management: products may be archived (kept for the orders that name them, gone from the shop)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 02:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_constraint(op.f("ck_products_status"), "products", type_="check")
    op.create_check_constraint(
        op.f("ck_products_status"), "products", "status IN ('draft', 'active', 'archived')"
    )


def downgrade() -> None:
    op.execute("UPDATE products SET status = 'draft' WHERE status = 'archived'")
    op.drop_constraint(op.f("ck_products_status"), "products", type_="check")
    op.create_check_constraint(op.f("ck_products_status"), "products", "status IN ('draft', 'active')")
