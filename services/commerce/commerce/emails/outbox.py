"""Queueing an order e-mail: in the caller's transaction, so the mail exists exactly when the change does."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.emails.models import OrderEmail
from commerce.orders.models import Order


async def queue_email(
    session: AsyncSession, order: Order, event: str, *, key: str = "", amount: int | None = None
) -> None:
    """Owe the order's shopper the `event` e-mail (once: a second call for the same event is a no-op).

    An order without a contact address (placed before addresses were recorded) gets no mail.
    """
    if not order.contact_email:
        return
    await session.execute(
        insert(OrderEmail)
        .values(order_id=order.id, event=event, event_key=key, amount=amount)
        .on_conflict_do_nothing(index_elements=["order_id", "event", "event_key"])
    )
