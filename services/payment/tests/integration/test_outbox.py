"""Order sync: paid and refunded reach commerce even when it is down at that moment."""

from __future__ import annotations

import asyncio
from typing import Any

from payment.config import PaymentSettings

from .conftest import Shop, card, shop_for


async def test_a_payment_made_while_commerce_goes_down_reaches_the_order_when_it_is_back(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order, card("4000002500003155"))
    shop.commerce.down = True
    await shop.offline.complete_action(body["client_secret"].split("_secret_")[0])
    for payload, signature in shop.offline.emitted:
        assert (await shop.deliver(payload, signature)).status_code == 200
    assert (await shop.payment(body["transaction_id"])).status == "succeeded"

    down = await shop.deliver_outbox()
    [message] = await shop.outbox()
    assert (down.delivered, down.retried, message.status, message.attempts) == (0, 1, "pending", 1)
    assert message.last_error == "commerce unavailable"
    assert order.status == "pending"

    shop.commerce.down = False
    back = await shop.deliver_outbox()

    assert back.delivered == 1
    assert (order.status, order.payment_id, order.paid_amount) == ("paid", body["transaction_id"], 249900)
    [message] = await shop.outbox()
    assert (message.status, message.attempts, message.outcome) == ("delivered", 2, "delivered")


async def test_failed_deliveries_back_off_exponentially(shop: Shop) -> None:
    await shop.paid(shop.order())
    shop.commerce.down = True

    await shop.deliver_outbox()
    [first] = await shop.outbox()
    await shop.deliver_outbox()
    [second] = await shop.outbox()

    first_delay = (first.next_attempt_at - first.created_at).total_seconds()
    second_delay = (second.next_attempt_at - second.created_at).total_seconds()
    assert 1.5 < first_delay < 10
    assert second_delay > first_delay + 1.5
    due = await shop.deliver_outbox(force=False)
    assert (due.delivered, due.retried) == (0, 0)


async def test_a_message_gives_up_after_the_maximum_attempts(
    make_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    settings: PaymentSettings = make_settings(outbox_max_attempts=2)
    async with shop_for(settings, commerce_state, mint_token) as shop:
        await shop.paid(shop.order())
        shop.commerce.down = True

        await shop.deliver_outbox()
        report = await shop.deliver_outbox()

        assert report.dead == 1
        [message] = await shop.outbox()
        assert message.status == "dead"


async def test_a_payment_for_an_expired_order_is_refunded_automatically(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    order.status = "expired"

    report = await shop.deliver_outbox()

    assert report.refunded == 1
    payment = await shop.payment(body["transaction_id"])
    assert (payment.status, payment.amount_refunded) == ("refunded", 249900)
    [refund] = await shop.refunds()
    assert (refund.reason, refund.initiated_by, refund.status) == ("order_not_payable", "system", "succeeded")
    [message] = await shop.outbox()
    assert message.outcome == f"refused: order_not_payable; refunded {refund.id}"
    assert shop.offline.refunds_made == 1
    assert shop.commerce.calls_to("mark-refunded") == []


async def test_a_second_payment_of_a_paid_order_is_refunded_as_a_duplicate(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    order.status, order.payment_id = "paid", "pay_from_elsewhere"

    await shop.deliver_outbox()

    [refund] = await shop.refunds()
    assert (refund.payment_id, refund.reason) == (body["transaction_id"], "already_paid")
    assert (await shop.payment(body["transaction_id"])).status == "refunded"


async def test_the_automatic_refund_happens_once_however_often_delivery_runs(shop: Shop) -> None:
    order = shop.order()
    await shop.paid(order)
    order.status = "cancelled"

    await asyncio.gather(*(shop.deliver_outbox() for _ in range(5)))
    await shop.deliver_outbox()

    assert len(await shop.refunds()) == 1
    assert shop.offline.refunds_made == 1


async def test_delivery_is_idempotent_at_commerce(shop: Shop) -> None:
    order = shop.order()
    await shop.paid(order)

    reports = await asyncio.gather(*(shop.deliver_outbox() for _ in range(5)))

    assert sum(r.delivered for r in reports) == 1
    assert shop.commerce.calls_to("mark-paid") == [str(order.id)]


async def test_a_refund_while_commerce_is_down_fails_before_any_money_moves(shop: Shop) -> None:
    """Commerce owns the order's money state: no refund reaches the provider unless commerce took it
    into account first (it used to be refunded, and commerce told later)."""
    order = shop.order(total_amount=10000)
    body = await shop.paid(order)
    shop.commerce.down = True
    await shop.deliver_outbox()

    refused = await shop.refund(body["transaction_id"], shop.admin(), {"amount": 4000})

    assert (refused.status_code, refused.json()["error"]["code"]) == (503, "commerce_unavailable")
    assert (shop.offline.refunds_made, await shop.refunds()) == (0, [])


async def test_commerce_hears_paid_before_refunded(shop: Shop) -> None:
    order = shop.order(total_amount=10000)
    body = await shop.paid(order)
    shop.commerce.down = True
    await shop.deliver_outbox()
    shop.commerce.down = False

    refunded = await shop.refund(body["transaction_id"], shop.admin(), {"amount": 4000})
    await shop.deliver_outbox()

    assert refunded.status_code == 201, refunded.text
    # The outbox was behind: the refund's hold told commerce of the payment first (mark-paid is idempotent).
    assert [kind for kind, _ in shop.commerce.calls] == [
        "get",
        "refund-hold",
        "mark-paid",
        "refund-hold",
        "mark-paid",
        "mark-refunded",
    ]
    assert (order.status, order.refunded_amount) == ("partially_refunded", 4000)


async def test_the_worker_in_the_app_delivers_on_its_own(
    make_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    settings: PaymentSettings = make_settings(outbox_worker_enabled=True, outbox_poll_seconds=0.2)
    async with shop_for(settings, commerce_state, mint_token) as shop:
        order = shop.order()
        await shop.paid(order)

        for _ in range(100):
            if order.status == "paid":
                break
            await asyncio.sleep(0.05)

        assert order.status == "paid"
