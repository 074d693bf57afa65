"""discount codes: codes, their redemptions, and what each order was discounted

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "discount_codes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("min_order_amount", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("usage_limit", sa.Integer(), nullable=True),
        sa.Column("per_customer_limit", sa.Integer(), nullable=True),
        sa.Column("used_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("code ~ '^[A-Z0-9_-]{3,32}$'", name=op.f("ck_discount_codes_code_normalised")),
        sa.CheckConstraint("kind IN ('percentage', 'fixed')", name=op.f("ck_discount_codes_kind")),
        sa.CheckConstraint(
            "(kind = 'percentage' AND value BETWEEN 1 AND 100) OR (kind = 'fixed' AND value > 0)",
            name=op.f("ck_discount_codes_value_in_range"),
        ),
        sa.CheckConstraint("currency ~ '^[A-Z]{3}$'", name=op.f("ck_discount_codes_currency_code")),
        sa.CheckConstraint("min_order_amount >= 0", name=op.f("ck_discount_codes_min_order_not_negative")),
        sa.CheckConstraint(
            "ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at",
            name=op.f("ck_discount_codes_ends_after_start"),
        ),
        sa.CheckConstraint(
            "usage_limit IS NULL OR usage_limit > 0", name=op.f("ck_discount_codes_usage_limit_positive")
        ),
        sa.CheckConstraint(
            "per_customer_limit IS NULL OR per_customer_limit > 0",
            name=op.f("ck_discount_codes_per_customer_positive"),
        ),
        sa.CheckConstraint(
            "used_count >= 0 AND (usage_limit IS NULL OR used_count <= usage_limit)",
            name=op.f("ck_discount_codes_used_within_limit"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_discount_codes_code")),
    )
    op.create_table(
        "discount_redemptions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code_id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("amount > 0", name=op.f("ck_discount_redemptions_amount_positive")),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["discount_codes.id"],
            name=op.f("fk_discount_redemptions_code_id_discount_codes"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.id"],
            name=op.f("fk_discount_redemptions_order_id_orders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discount_redemptions")),
        sa.UniqueConstraint("order_id", name=op.f("uq_discount_redemptions_order_id")),
    )
    op.create_index("ix_discount_redemptions_code_id_user_id", "discount_redemptions", ["code_id", "user_id"])
    op.add_column("orders", sa.Column("discount_code", sa.String(length=32), nullable=True))
    op.add_column("orders", sa.Column("discount_amount", sa.BigInteger(), server_default="0", nullable=False))
    op.create_check_constraint(
        op.f("ck_orders_discount_within_subtotal"),
        "orders",
        "discount_amount >= 0 AND total_amount = subtotal_amount - discount_amount",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_orders_discount_within_subtotal"), "orders", type_="check")
    op.drop_column("orders", "discount_amount")
    op.drop_column("orders", "discount_code")
    op.drop_index("ix_discount_redemptions_code_id_user_id", table_name="discount_redemptions")
    op.drop_table("discount_redemptions")
    op.drop_table("discount_codes")
