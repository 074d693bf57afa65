"""Paying an order through the offline provider (Stripe test mode's cards, in process)."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from payment.config import PaymentSettings

from .conftest import VISA, Shop, card, shop_for


async def test_paying_an_order_charges_the_amount_commerce_holds(shop: Shop) -> None:
    order = shop.order(total_amount=249900, currency="INR")

    body = await shop.paid(order, billing_country="US", email="asha@example.com")

    assert body["status"] == "succeeded"
    assert (body["amount"], body["currency"], body["amount_captured"]) == (249900, "INR", 249900)
    assert body["card"] == {"brand": "visa", "last4": "4242", "country": "US"}
    assert body["transaction_id"].startswith("pay_")
    assert body["client_secret"] is None
    assert shop.offline.charges_succeeded == 1
    [message] = await shop.outbox()
    assert (message.kind, message.payload["amount"], message.status) == ("paid", 249900, "pending")


async def test_the_client_cannot_set_the_amount(shop: Shop) -> None:
    order = shop.order(total_amount=1000)

    response = await shop.pay(order, amount=1, currency="USD")

    assert response.status_code == 422
    assert await shop.payments() == []


async def test_the_full_card_number_is_never_stored(shop: Shop) -> None:
    await shop.paid(shop.order())

    rows = []
    async with shop.app.state.database.engine.connect() as connection:
        for table in ("payments", "fraud_assessments", "outbox", "webhook_events"):
            rows += (await connection.execute(text(f"SELECT * FROM {table}"))).all()  # noqa: S608
    dump = " ".join(str(row) for row in rows)
    assert "4242424242424242" not in dump
    [payment] = await shop.payments()
    assert payment.card_last4 == "4242"
    assert payment.card_fingerprint is not None
    assert len(payment.card_fingerprint) == 32


async def test_an_invalid_card_number_is_refused_without_echoing_it(shop: Shop) -> None:
    response = await shop.pay(shop.order(), card("4242424242424241"))

    assert response.status_code == 422
    assert "4242424242424241" not in response.text


async def test_generic_decline(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000000000000002"))

    assert (body["status"], body["failure_code"]) == ("failed", "generic_decline")
    assert body["amount_captured"] == 0
    assert await shop.outbox() == []


async def test_insufficient_funds(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000000000009995"))

    assert (body["status"], body["failure_code"]) == ("failed", "insufficient_funds")
    assert body["failure_message"] == "Your card has insufficient funds."


async def test_an_expired_card_is_declined(shop: Shop) -> None:
    body = await shop.paid(shop.order(), {**VISA, "exp_year": 2020})

    assert (body["status"], body["failure_code"]) == ("failed", "expired_card")


async def test_three_d_secure_requires_action_and_returns_the_client_secret(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4000002500003155"))

    assert body["status"] == "requires_action"
    assert body["client_secret"].startswith("pi_")
    assert shop.offline.charges_succeeded == 0


async def test_highest_risk_card_is_blocked_with_radar_outcome(shop: Shop) -> None:
    body = await shop.paid(shop.order(), card("4100000000000019"))

    assert (body["status"], body["failure_code"]) == ("blocked", "highest_risk_level")
    [assessment] = await shop.assessments()
    assert assessment.decision == "block"
    assert assessment.radar_risk_level == "highest"
    assert any(reason["rule"] == "radar" for reason in assessment.reasons)


async def test_stripe_test_payment_method_ids_work_offline_too(shop: Shop) -> None:
    body = await shop.paid(shop.order(), "pm_card_mastercard")

    assert body["status"] == "succeeded"
    assert body["card"]["brand"] == "mastercard"


async def test_a_new_attempt_follows_a_decline(shop: Shop) -> None:
    order = shop.order()
    first = await shop.paid(order, card("4000000000000002"))

    second = await shop.paid(order)

    assert (first["attempt"], second["attempt"]) == (1, 2)
    assert second["status"] == "succeeded"
    keys = sorted(p.idempotency_key for p in await shop.payments())
    assert keys == [f"order:{order.id}:attempt:1", f"order:{order.id}:attempt:2"]


async def test_twenty_concurrent_retries_of_one_payment_make_one_charge(shop: Shop) -> None:
    order = shop.order()

    responses = await asyncio.gather(*(shop.pay(order) for _ in range(20)))

    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    assert len({r.json()["transaction_id"] for r in responses}) == 1
    assert shop.offline.charge_attempts == 1
    assert shop.offline.charges_succeeded == 1
    assert len(await shop.payments()) == 1
    assert [m.kind for m in await shop.outbox()] == ["paid"]


async def test_a_retry_with_the_same_idempotency_key_gets_the_first_answer_even_a_decline(shop: Shop) -> None:
    order = shop.order()
    headers = {"Idempotency-Key": "checkout-7"}
    first = await shop.pay(order, card("4000000000000002"), headers=headers)

    again = await shop.pay(order, headers=headers)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert shop.offline.charge_attempts == 1


async def test_a_user_cannot_pay_someone_elses_order(shop: Shop) -> None:
    response = await shop.pay(shop.order(), user_id=uuid.uuid4())

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_your_order"


async def test_a_retry_by_another_user_does_not_see_the_payment(shop: Shop) -> None:
    order = shop.order()
    await shop.paid(order)

    response = await shop.pay(order, user_id=uuid.uuid4())

    assert response.status_code == 403


async def test_an_expired_or_cancelled_order_cannot_be_paid(shop: Shop) -> None:
    expired = shop.order(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    cancelled = shop.order(status="cancelled")

    for order in (expired, cancelled):
        response = await shop.pay(order)
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "order_not_payable"
    assert shop.offline.charge_attempts == 0


async def test_an_unknown_order_is_404(shop: Shop) -> None:
    response = await shop.client.post(
        "/api/v1/payments/process",
        json={"order_id": str(uuid.uuid4()), "payment_method": VISA},
        headers=shop.auth(uuid.uuid4()),
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "order_not_found"


async def test_commerce_down_before_paying_is_503_and_nothing_is_charged(shop: Shop) -> None:
    order = shop.order()
    shop.commerce.down = True

    response = await shop.pay(order)

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "commerce_unavailable"
    assert shop.offline.charge_attempts == 0


async def test_paying_needs_a_signed_in_user(shop: Shop) -> None:
    response = await shop.client.post("/api/v1/payments/process", json={"order_id": str(uuid.uuid4())})

    assert response.status_code == 401


async def test_status_and_list_are_for_the_owner_and_admins(shop: Shop) -> None:
    order = shop.order()
    body = await shop.paid(order)

    owner = await shop.status(body["transaction_id"], shop.auth(order.user_id))
    admin = await shop.status(body["transaction_id"], shop.admin())
    stranger = await shop.client.get(
        f"/api/v1/payments/{body['transaction_id']}/status", headers=shop.auth(uuid.uuid4())
    )
    listed = await shop.client.get(f"/api/v1/payments?order_id={order.id}", headers=shop.auth(order.user_id))

    assert owner["status"] == admin["status"] == "succeeded"
    assert stranger.status_code == 403
    assert [p["transaction_id"] for p in listed.json()] == [body["transaction_id"]]


async def test_unknown_payment_status_is_404(shop: Shop) -> None:
    response = await shop.client.get("/api/v1/payments/pay_nothing/status", headers=shop.admin())

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "payment_not_found"


async def test_after_abandoning_3d_secure_another_card_starts_a_new_attempt(shop: Shop) -> None:
    order = shop.order()
    waiting = await shop.paid(order, card("4000002500003155"))
    retry = await shop.pay(order, card("4000002500003155"))

    other = await shop.paid(order, card("5555555555554444"))

    assert retry.status_code == 200
    assert retry.json()["transaction_id"] == waiting["transaction_id"]
    assert (other["attempt"], other["status"]) == (2, "succeeded")


async def test_an_abandoned_attempt_authenticated_late_is_refunded_as_a_duplicate(shop: Shop) -> None:
    order = shop.order()
    abandoned = await shop.paid(order, card("4000002500003155"))
    paid = await shop.paid(order, card("5555555555554444"))
    await shop.deliver_outbox()

    await shop.offline.complete_action(abandoned["client_secret"].split("_secret_")[0])
    [(payload, signature)] = [
        e
        for e in shop.offline.emitted
        if b'"payment_intent.succeeded"' in e[0] and abandoned["transaction_id"].encode() in e[0]
    ]
    await shop.deliver(payload, signature)
    await shop.deliver_outbox()

    assert order.payment_id == paid["transaction_id"]
    late = await shop.payment(abandoned["transaction_id"])
    assert (late.status, late.amount_refunded) == ("refunded", late.amount)
    [refund] = await shop.refunds()
    assert (refund.payment_id, refund.reason) == (abandoned["transaction_id"], "already_paid")


async def test_card_testing_from_one_ip_is_rate_limited(
    make_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    settings: PaymentSettings = make_settings(rate_limit_overrides={})
    async with shop_for(settings, commerce_state, mint_token) as shop:
        order = shop.order()
        codes = [(await shop.pay(order, card("4000000000000002"))).status_code for _ in range(31)]

        assert codes[:30] == [201] * 30
        assert codes[30] == 429
