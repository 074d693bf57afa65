"""payment status `requires_payment_method`: a Stripe PaymentIntent opened for the Payment Element,
waiting for the shopper's card

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 17:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = (
    "status IN ('processing', 'requires_action', 'failed', 'blocked', 'canceled', 'succeeded', "
    "'partially_refunded', 'refunded')"
)
AFTER = (
    "status IN ('requires_payment_method', 'processing', 'requires_action', 'failed', 'blocked', 'canceled', "
    "'succeeded', 'partially_refunded', 'refunded')"
)


def upgrade() -> None:
    op.drop_constraint(op.f("ck_payments_status"), "payments", type_="check")
    op.create_check_constraint(op.f("ck_payments_status"), "payments", AFTER)


def downgrade() -> None:
    # An intent nobody paid is an abandoned attempt: the older schema calls it canceled.
    op.execute("UPDATE payments SET status = 'canceled' WHERE status = 'requires_payment_method'")
    op.drop_constraint(op.f("ck_payments_status"), "payments", type_="check")
    op.create_check_constraint(op.f("ck_payments_status"), "payments", BEFORE)
