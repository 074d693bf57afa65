"""orders: guest checkout (contact e-mail, claim) and the shopper's address book

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 21:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("orders", sa.Column("guest", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.add_column("orders", sa.Column("contact_email", sa.String(length=320), nullable=True))
    op.create_index(
        "ix_orders_guest_contact_email",
        "orders",
        [sa.text("lower(contact_email)")],
        postgresql_where=sa.text("guest"),
    )
    op.create_table(
        "addresses",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("line1", sa.String(length=200), nullable=False),
        sa.Column("line2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("state", sa.String(length=100), nullable=False),
        sa.Column("postal_code", sa.String(length=12), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("is_default", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addresses")),
    )
    op.create_index("ix_addresses_user_id_created_at", "addresses", ["user_id", "created_at"])
    op.create_index(
        "ux_addresses_one_default",
        "addresses",
        ["user_id"],
        unique=True,
        postgresql_where=sa.text("is_default"),
    )


def downgrade() -> None:
    op.drop_index("ux_addresses_one_default", table_name="addresses")
    op.drop_index("ix_addresses_user_id_created_at", table_name="addresses")
    op.drop_table("addresses")
    op.drop_index("ix_orders_guest_contact_email", table_name="orders")
    op.drop_column("orders", "contact_email")
    op.drop_column("orders", "guest")
