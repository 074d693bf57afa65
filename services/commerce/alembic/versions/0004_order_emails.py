"""order e-mails: the outbox (one row per order event) and the shipment's carrier and tracking number

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 21:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENTS = "('confirmation', 'payment', 'shipment', 'refund', 'cancellation')"


def upgrade() -> None:
    op.add_column("orders", sa.Column("carrier", sa.String(length=80), nullable=True))
    op.add_column("orders", sa.Column("tracking_number", sa.String(length=64), nullable=True))
    op.create_table(
        "order_emails",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("event_key", sa.String(length=255), server_default="", nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column(
            "next_attempt_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error_class", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(f"event IN {EVENTS}", name=op.f("ck_order_emails_event")),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_order_emails_attempts_not_negative")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_emails_order_id_orders"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_emails")),
        sa.UniqueConstraint(
            "order_id", "event", "event_key", name=op.f("uq_order_emails_order_id_event_event_key")
        ),
    )
    op.create_index(
        "ix_order_emails_due",
        "order_emails",
        ["next_attempt_at"],
        postgresql_where=sa.text("sent_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_order_emails_due", table_name="order_emails")
    op.drop_table("order_emails")
    op.drop_column("orders", "tracking_number")
    op.drop_column("orders", "carrier")
