"""Stripe's Payment Element: the order's PaymentIntent opened once for the browser, confirmed there (the
emulator stands in for Stripe.js), and its outcome recorded by /refresh or by the webhook."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from typing import Any

import httpx

from ..stripe_emulator import EmulatorState
from .conftest import Shop, shop_for


async def open_intent(
    shop: Shop, order_id: uuid.UUID, user_id: uuid.UUID, key: str | None = None, **extra: Any
) -> httpx.Response:
    return await shop.client.post(
        "/api/v1/payments/intents",
        json={"order_id": str(order_id), **extra},
        headers={**shop.auth(user_id), "Idempotency-Key": key or uuid.uuid4().hex},
    )


async def browser_confirms(stripe_state: EmulatorState, client_secret: str, payment_method: str) -> None:
    intent_id = client_secret.split("_secret_", maxsplit=1)[0]
    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        response = await stripe.post(
            f"/_emulator/payment_intents/{intent_id}/confirm", params={"payment_method": payment_method}
        )
    assert response.status_code in (200, 402), response.text


async def refresh(shop: Shop, payment_id: str, user_id: uuid.UUID) -> httpx.Response:
    return await shop.client.post(f"/api/v1/payments/{payment_id}/refresh", headers=shop.auth(user_id))


async def test_the_intent_is_opened_once_with_its_client_secret_and_nothing_is_charged(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order(total_amount=249900, currency="INR")

    first = await open_intent(stripe_shop, order.id, order.user_id, billing_country="in")
    again = await open_intent(stripe_shop, order.id, order.user_id)

    assert (first.status_code, again.status_code) == (201, 200)
    body = first.json()
    assert (body["status"], body["amount"], body["provider"], body["card"]) == (
        "requires_payment_method",
        249900,
        "stripe",
        None,
    )
    assert body["client_secret"].startswith("pi_")
    assert "_secret_" in body["client_secret"]
    assert again.json()["transaction_id"] == body["transaction_id"]
    assert again.json()["client_secret"] == body["client_secret"]
    [create] = stripe_state.posts_to("/v1/payment_intents")
    assert create[2] == f"order:{order.id}:attempt:1"
    intent = next(iter(stripe_state.intents.values()))
    assert (intent["amount"], intent["currency"], intent["status"]) == (
        249900,
        "inr",
        "requires_payment_method",
    )
    assert intent["metadata"] == {"payment_id": body["transaction_id"], "order_id": str(order.id)}
    assert stripe_state.charges_created == 0
    assert stripe_shop.commerce.orders[order.id].status == "pending"
    [assessment] = await stripe_shop.assessments()
    assert assessment.decision == "allow"


async def test_the_browser_confirms_then_refresh_records_the_capture_once(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order(total_amount=10000)
    opened = (await open_intent(stripe_shop, order.id, order.user_id)).json()

    await browser_confirms(stripe_state, opened["client_secret"], "pm_card_visa")
    answers = await asyncio.gather(
        *(refresh(stripe_shop, opened["transaction_id"], order.user_id) for _ in range(5))
    )

    assert {r.status_code for r in answers} == {200}
    body = answers[0].json()
    assert (body["status"], body["amount_captured"], body["client_secret"]) == ("succeeded", 10000, None)
    assert body["card"] == {"brand": "visa", "last4": "4242", "country": "US"}
    outbox = await stripe_shop.outbox()
    assert [m.kind for m in outbox] == ["paid"]
    # The webhook arriving afterwards is stale: nothing moves twice.
    [(payload, signature)] = stripe_state.events_of("payment_intent.succeeded")
    response = await stripe_shop.deliver(payload, signature)
    assert response.json()["outcome"] == "stale: payment already succeeded"
    assert len(await stripe_shop.outbox()) == 1
    # A paid order answers with its payment, never a second intent.
    assert (await open_intent(stripe_shop, order.id, order.user_id)).json()["status"] == "succeeded"
    assert len(stripe_state.intents) == 1


async def test_the_webhook_alone_records_the_payment(stripe_shop: Shop, stripe_state: EmulatorState) -> None:
    order = stripe_shop.order(total_amount=5000)
    opened = (await open_intent(stripe_shop, order.id, order.user_id)).json()
    await browser_confirms(stripe_state, opened["client_secret"], "pm_card_visa")

    [(payload, signature)] = stripe_state.events_of("payment_intent.succeeded")
    response = await stripe_shop.deliver(payload, signature)

    assert response.json()["outcome"] == "payment requires_payment_method -> succeeded"
    payment = await stripe_shop.payment(opened["transaction_id"])
    assert (payment.status, payment.amount_captured) == ("succeeded", 5000)


async def test_a_declined_card_fails_and_another_card_in_the_same_intent_succeeds(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order(total_amount=7000)
    opened = (await open_intent(stripe_shop, order.id, order.user_id)).json()

    await browser_confirms(stripe_state, opened["client_secret"], "pm_card_chargeDeclinedInsufficientFunds")
    declined = (await refresh(stripe_shop, opened["transaction_id"], order.user_id)).json()
    await browser_confirms(stripe_state, opened["client_secret"], "pm_card_visa")
    paid = (await refresh(stripe_shop, opened["transaction_id"], order.user_id)).json()

    assert (declined["status"], declined["failure_code"]) == ("failed", "insufficient_funds")
    assert (paid["status"], paid["amount_captured"], paid["failure_code"]) == ("succeeded", 7000, None)
    assert stripe_state.charges_created == 1


async def test_three_d_secure_keeps_the_secret_until_authenticated(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order()
    opened = (await open_intent(stripe_shop, order.id, order.user_id)).json()
    await browser_confirms(stripe_state, opened["client_secret"], "pm_card_threeDSecure2Required")

    waiting = (await refresh(stripe_shop, opened["transaction_id"], order.user_id)).json()
    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        await stripe.post(
            f"/_emulator/payment_intents/{opened['client_secret'].split('_secret_')[0]}/authenticate"
        )
    done = (await refresh(stripe_shop, opened["transaction_id"], order.user_id)).json()

    assert (waiting["status"], waiting["client_secret"]) == ("requires_action", opened["client_secret"])
    assert done["status"] == "succeeded"


async def test_twenty_concurrent_opens_make_one_intent(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order()

    responses = await asyncio.gather(*(open_intent(stripe_shop, order.id, order.user_id) for _ in range(20)))

    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    assert len({r.json()["transaction_id"] for r in responses}) == 1
    assert len(stripe_state.posts_to("/v1/payment_intents")) == 1


async def test_the_idempotency_key_is_required(stripe_shop: Shop) -> None:
    order = stripe_shop.order()

    response = await stripe_shop.client.post(
        "/api/v1/payments/intents", json={"order_id": str(order.id)}, headers=stripe_shop.auth(order.user_id)
    )

    assert response.status_code == 422


async def test_only_the_owner_opens_or_refreshes(stripe_shop: Shop, stripe_state: EmulatorState) -> None:
    order = stripe_shop.order()
    stranger = uuid.uuid4()

    refused = await open_intent(stripe_shop, order.id, stranger)
    opened = (await open_intent(stripe_shop, order.id, order.user_id)).json()
    again = await open_intent(stripe_shop, order.id, stranger)
    peek = await refresh(stripe_shop, opened["transaction_id"], stranger)

    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "not_your_order")
    assert (again.status_code, peek.status_code) == (403, 403)
    assert "secret" not in again.text
    assert "secret" not in peek.text
    assert len(stripe_state.intents) == 1


async def test_an_order_that_is_not_pending_gets_no_intent(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order(status="cancelled")

    response = await open_intent(stripe_shop, order.id, order.user_id)

    assert (response.status_code, response.json()["error"]["code"]) == (409, "order_not_payable")
    assert stripe_state.intents == {}
    assert await stripe_shop.payments() == []


async def test_the_offline_provider_has_no_payment_element(shop: Shop) -> None:
    order = shop.order()

    response = await open_intent(shop, order.id, order.user_id)

    assert (response.status_code, response.json()["error"]["code"]) == (409, "payment_element_unavailable")
    assert await shop.payments() == []
    assert await shop.assessments() == []


async def test_stripe_down_opens_nothing(
    stripe_settings: Any, commerce_state: Any, mint_token: Any, stripe_state: EmulatorState
) -> None:
    async with shop_for(stripe_settings(stripe_max_network_retries=0), commerce_state, mint_token) as shop:
        order = shop.order()
        stripe_state.unavailable = True

        response = await open_intent(shop, order.id, order.user_id)

        assert (response.status_code, response.json()["error"]["code"]) == (503, "provider_unavailable")
        assert await shop.payments() == []
