"""The webhook endpoint: real signatures checked by Stripe's library, replays and reordering."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select

from payment.config import PaymentSettings
from payment.providers.signing import sign
from payment.webhooks.models import WebhookEvent

from .conftest import WEBHOOK_SECRET, Shop, card, shop_for


def events(shop: Shop, event_type: str) -> list[tuple[bytes, str]]:
    return [e for e in shop.offline.emitted if json.loads(e[0])["type"] == event_type]


async def stored_events(shop: Shop) -> int:
    async with shop.app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(WebhookEvent)) or 0)


async def test_an_event_signed_by_the_offline_provider_is_verified_and_stored(shop: Shop) -> None:
    await shop.paid(shop.order())
    [(payload, signature)] = events(shop, "payment_intent.succeeded")

    response = await shop.deliver(payload, signature)

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["type"], body["duplicate"]) == ("payment_intent.succeeded", False)
    assert body["outcome"] == "stale: payment already succeeded"
    assert await stored_events(shop) == 1


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "t=1,v1=abc",
        "garbage",
        sign(b"{}", "whsec_someone_else"),
    ],
)
async def test_bad_signatures_are_400(shop: Shop, signature: str | None) -> None:
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "x", "data": {"object": {}}}).encode()
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["Stripe-Signature"] = signature

    response = await shop.client.post("/api/v1/payments/verify", content=payload, headers=headers)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_signature"
    assert await stored_events(shop) == 0


async def test_a_body_changed_after_signing_is_400(shop: Shop) -> None:
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "x", "data": {"object": {}}}).encode()
    signature = sign(payload, WEBHOOK_SECRET)

    response = await shop.deliver(payload.replace(b"evt_1", b"evt_2"), signature)

    assert response.status_code == 400


async def test_a_stale_signature_is_400(shop: Shop) -> None:
    payload = json.dumps({"id": "evt_1", "object": "event", "type": "x", "data": {"object": {}}}).encode()

    stale = await shop.deliver(payload, sign(payload, WEBHOOK_SECRET, int(time.time()) - 301))
    fresh = await shop.deliver(payload, sign(payload, WEBHOOK_SECRET, int(time.time()) - 290))

    assert stale.status_code == 400
    assert fresh.status_code == 200


async def test_a_signed_body_that_is_not_an_event_is_400(shop: Shop) -> None:
    payload = b"not json"

    response = await shop.deliver(payload, sign(payload, WEBHOOK_SECRET))

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_payload"


async def test_a_replayed_event_is_a_no_op(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order, card("4000002500003155"))
    await shop.offline.complete_action(_intent(shop))
    [(payload, signature)] = events(shop, "payment_intent.succeeded")

    responses = [await shop.deliver(payload, signature) for _ in range(3)]

    assert [r.json()["duplicate"] for r in responses] == [False, True, True]
    assert responses[0].json()["outcome"] == "payment requires_action -> succeeded"
    assert (await shop.payment(body["transaction_id"])).status == "succeeded"
    assert [m.kind for m in await shop.outbox()] == ["paid"]
    assert await stored_events(shop) == 1


async def test_twenty_concurrent_deliveries_of_one_event_act_once(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000002500003155"))
    await shop.offline.complete_action(_intent(shop))
    [(payload, signature)] = events(shop, "payment_intent.succeeded")

    responses = await asyncio.gather(*(shop.deliver(payload, signature) for _ in range(20)))

    assert Counter(r.status_code for r in responses) == {200: 20}
    assert Counter(r.json()["duplicate"] for r in responses) == {False: 1, True: 19}
    assert (await shop.payment(body["transaction_id"])).status == "succeeded"
    assert [m.kind for m in await shop.outbox()] == ["paid"]


async def test_a_late_success_does_not_resurrect_a_refunded_payment(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)
    refund = await shop.refund(body["transaction_id"], shop.admin())
    assert refund.status_code == 201
    [(payload, signature)] = events(shop, "payment_intent.succeeded")

    response = await shop.deliver(payload, signature)

    assert response.json()["outcome"] == "stale: payment already refunded"
    payment = await shop.payment(body["transaction_id"])
    assert (payment.status, payment.amount_refunded) == ("refunded", 249900)
    assert [m.kind for m in await shop.outbox()] == ["paid", "refunded"]


async def test_a_late_failure_does_not_undo_a_success(shop: Shop) -> None:
    body = await shop.paid(shop.order())
    payment = await shop.payment(body["transaction_id"])

    response = await shop.send_event(
        "payment_intent.payment_failed",
        {
            "id": payment.provider_payment_id,
            "object": "payment_intent",
            "metadata": {"payment_id": payment.id, "order_id": str(payment.order_id)},
            "last_payment_error": {"code": "card_declined"},
        },
    )

    assert response.json()["outcome"] == "stale: payment already succeeded"
    assert (await shop.payment(payment.id)).status == "succeeded"


async def test_refund_events_before_the_success_event_are_applied_consistently(shop: Shop) -> None:
    """3-D Secure: the shopper authenticates, an admin refunds at the provider, and the events arrive
    refund first, success last, each twice."""
    order = shop.order()
    body = await shop.paid(order, card("4000002500003155"))
    intent = _intent(shop)
    await shop.offline.complete_action(intent)
    await shop.offline.refund(
        intent, amount=100000, idempotency_key="dash-1", reason="requested_by_customer", payment_id="x"
    )
    sequence = [
        *events(shop, "charge.refunded"),
        *events(shop, "refund.created"),
        *events(shop, "payment_intent.succeeded"),
        *events(shop, "charge.succeeded"),
    ]

    for payload, signature in sequence + sequence:
        assert (await shop.deliver(payload, signature)).status_code == 200

    payment = await shop.payment(body["transaction_id"])
    assert (payment.status, payment.amount_captured, payment.amount_refunded) == (
        "partially_refunded",
        249900,
        100000,
    )
    [refund] = await shop.refunds()
    assert (refund.amount, refund.status, refund.initiated_by) == (100000, "succeeded", "provider")
    assert [m.kind for m in await shop.outbox()] == ["paid", "refunded"]
    report = await shop.deliver_outbox()
    assert report.delivered == 2
    assert (order.status, order.paid_amount, order.refunded_amount) == ("partially_refunded", 249900, 100000)


async def test_an_event_for_an_unknown_payment_is_stored_and_ignored(shop: Shop) -> None:
    response = await shop.send_event(
        "payment_intent.succeeded", {"id": "pi_elsewhere", "object": "payment_intent", "metadata": {}}
    )

    assert response.status_code == 200
    assert response.json()["outcome"] == "ignored: unknown payment"


async def test_an_unhandled_event_type_is_acknowledged(shop: Shop) -> None:
    response = await shop.send_event("customer.created", {"id": "cus_1", "object": "customer"})

    assert response.json()["outcome"] == "ignored: event type not handled"


async def test_three_d_secure_completes_through_the_self_delivered_webhook(
    make_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    """Development mode: the offline provider posts its events to this very service."""
    settings: PaymentSettings = make_settings(offline_webhook_delivery="self")
    async with shop_for(settings, commerce_state, mint_token) as shop:
        order = shop.order()
        body = await shop.paid(order, card("4000000000003220"))
        assert body["status"] == "requires_action"

        await shop.offline.complete_action(_intent(shop))
        await shop.offline.aclose()

        assert (await shop.payment(body["transaction_id"])).status == "succeeded"
        assert [m.kind for m in await shop.outbox()] == ["paid"]


def _intent(shop: Shop) -> str:
    intent: str = json.loads(shop.offline.emitted[0][0])["data"]["object"]["id"]
    return intent
