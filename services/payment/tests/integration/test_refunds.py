"""Refunds: full or partial, never more than captured, admins always, owners per the policy."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from payment.payments.models import Payment

from .conftest import Shop, card


async def test_admin_refunds_part_then_the_rest(shop: Shop) -> None:
    body = await shop.paid(shop.order(total_amount=10000))
    payment_id = body["transaction_id"]

    first = await shop.refund(payment_id, shop.admin(), {"amount": 3000})
    second = await shop.refund(payment_id, shop.admin())

    assert (first.status_code, second.status_code) == (201, 201)
    assert (first.json()["amount"], second.json()["amount"]) == (3000, 7000)
    assert first.json()["status"] == "succeeded"
    status = await shop.status(payment_id, shop.admin())
    assert (status["status"], status["amount_refunded"]) == ("refunded", 10000)
    assert [r["amount"] for r in status["refunds"]] == [3000, 7000]
    assert shop.offline.refunds_made == 2
    assert [m.kind for m in await shop.outbox()] == ["paid", "refunded", "refunded"]


async def test_partial_refund_leaves_the_payment_partially_refunded(shop: Shop) -> None:
    body = await shop.paid(shop.order(total_amount=10000))

    await shop.refund(body["transaction_id"], shop.admin(), {"amount": 2500})

    assert (await shop.payment(body["transaction_id"])).status == "partially_refunded"


async def test_a_refund_never_exceeds_what_was_captured(shop: Shop) -> None:
    body = await shop.paid(shop.order(total_amount=10000))
    await shop.refund(body["transaction_id"], shop.admin(), {"amount": 6000})

    response = await shop.refund(body["transaction_id"], shop.admin(), {"amount": 4001})

    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "refund_exceeds_captured",
        "message": "The refund would exceed what is left of the captured amount.",
        "details": {"refundable": 4000},
    }
    assert shop.offline.refunds_made == 1


async def test_concurrent_refunds_never_exceed_what_was_captured(shop: Shop) -> None:
    body = await shop.paid(shop.order(total_amount=10000))
    admin = shop.admin()

    responses = await asyncio.gather(
        *(shop.refund(body["transaction_id"], admin, {"amount": 3000}) for _ in range(10))
    )

    assert Counter(r.status_code for r in responses) == {201: 3, 409: 7}
    payment = await shop.payment(body["transaction_id"])
    assert payment.amount_refunded == 9000
    assert shop.offline.refunds_made == 3


async def test_a_retried_refund_with_the_same_idempotency_key_refunds_once(shop: Shop) -> None:
    body = await shop.paid(shop.order(total_amount=10000))
    headers = {**shop.admin(), "Idempotency-Key": "refund-42"}

    responses = await asyncio.gather(
        *(shop.refund(body["transaction_id"], headers, {"amount": 1000}) for _ in range(5))
    )

    assert sorted(r.status_code for r in responses) == [200, 200, 200, 200, 201]
    assert len({r.json()["refund_id"] for r in responses}) == 1
    assert shop.offline.refunds_made == 1


async def test_a_failed_payment_cannot_be_refunded(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000000000000002"))

    response = await shop.refund(body["transaction_id"], shop.admin())

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "payment_not_captured"


async def test_owner_may_cancel_a_paid_order_in_full(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    await shop.deliver_outbox()
    assert order.status == "paid"

    response = await shop.refund(body["transaction_id"], shop.auth(order.user_id))

    assert response.status_code == 201, response.text
    assert (response.json()["amount"], response.json()["initiated_by"]) == (249900, "owner")
    await shop.deliver_outbox()
    assert order.status == "refunded"


async def test_owner_may_not_refund_in_part(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    await shop.deliver_outbox()

    response = await shop.refund(body["transaction_id"], shop.auth(order.user_id), {"amount": 100})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "owner_refund_not_allowed"


async def test_owner_may_not_refund_a_fulfilled_order(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    await shop.deliver_outbox()
    order.status = "fulfilled"

    response = await shop.refund(body["transaction_id"], shop.auth(order.user_id))

    assert response.status_code == 403
    assert response.json()["error"]["details"] == {"order_status": "fulfilled"}
    assert shop.offline.refunds_made == 0


async def test_owner_may_not_refund_after_the_window(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    await shop.deliver_outbox()
    async with shop.app.state.database.sessionmaker() as session, session.begin():
        await session.execute(update(Payment).values(created_at=datetime.now(UTC) - timedelta(minutes=61)))

    response = await shop.refund(body["transaction_id"], shop.auth(order.user_id))

    assert response.status_code == 403


async def test_a_stranger_cannot_refund_a_payment(shop: Shop) -> None:
    body = await shop.paid(shop.order())

    response = await shop.refund(body["transaction_id"], shop.auth(uuid.uuid4()))

    assert response.status_code == 403
    assert shop.offline.refunds_made == 0


async def test_an_admin_may_refund_a_fulfilled_order_later(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    await shop.deliver_outbox()
    order.status = "fulfilled"

    response = await shop.refund(
        body["transaction_id"], shop.admin(), {"amount": 49900, "reason": "duplicate"}
    )

    assert response.status_code == 201
    await shop.deliver_outbox()
    assert (order.status, order.refunded_amount) == ("partially_refunded", 49900)
