"""The Stripe path: the official library's real HTTP requests against the local Stripe emulator."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx
from pydantic import SecretStr
from sqlalchemy import text

from payment.config import PaymentSettings
from payment.providers.base import ChargeRequest, PaymentMethod
from payment.providers.stripe_provider import StripeProvider

from ..stripe_emulator import EmulatorState
from .conftest import STRIPE_KEY, Shop, shop_for


async def test_auto_picks_stripe_when_the_secret_key_is_set(stripe_shop: Shop) -> None:
    assert isinstance(stripe_shop.provider, StripeProvider)


async def test_a_payment_goes_through_stripe_payment_intents(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order(total_amount=249900, currency="INR")

    body = await stripe_shop.paid(order, "pm_card_visa")

    assert (body["status"], body["amount_captured"], body["provider"]) == ("succeeded", 249900, "stripe")
    assert body["card"] == {"brand": "visa", "last4": "4242", "country": "US"}
    assert stripe_state.charges_created == 1
    [create] = stripe_state.posts_to("/v1/payment_intents")
    assert create[2] == f"order:{order.id}:attempt:1"
    intent = next(iter(stripe_state.intents.values()))
    assert (intent["amount"], intent["currency"]) == (249900, "inr")
    assert intent["metadata"] == {"payment_id": body["transaction_id"], "order_id": str(order.id)}
    payment = await stripe_shop.payment(body["transaction_id"])
    assert payment.provider_payment_id == intent["id"]
    assert payment.radar_risk_level == "normal"


async def test_declines_come_back_as_failed_payments(stripe_shop: Shop, stripe_state: EmulatorState) -> None:
    declined = await stripe_shop.paid(stripe_shop.order(), "pm_card_chargeDeclined")
    broke = await stripe_shop.paid(stripe_shop.order(), "pm_card_chargeDeclinedInsufficientFunds")

    assert (declined["status"], declined["failure_code"]) == ("failed", "generic_decline")
    assert (broke["status"], broke["failure_code"]) == ("failed", "insufficient_funds")
    assert broke["failure_message"] == "Your card has insufficient funds."
    assert stripe_state.charges_created == 0


async def test_radar_block_is_folded_into_the_assessment(stripe_shop: Shop) -> None:
    body = await stripe_shop.paid(stripe_shop.order(), "pm_card_radarBlock")

    assert (body["status"], body["failure_code"]) == ("blocked", "highest_risk_level")
    [assessment] = await stripe_shop.assessments()
    assert (assessment.decision, assessment.radar_risk_level, assessment.radar_risk_score) == (
        "block",
        "highest",
        99,
    )


async def test_three_d_secure_then_the_signed_stripe_event(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    body = await stripe_shop.paid(stripe_shop.order(), "pm_card_threeDSecure2Required")
    assert body["status"] == "requires_action"
    assert body["client_secret"].startswith("pi_")
    intent_id = body["client_secret"].split("_secret_")[0]

    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        await stripe.post(f"/_emulator/payment_intents/{intent_id}/authenticate")
    [(payload, signature)] = stripe_state.events_of("payment_intent.succeeded")
    response = await stripe_shop.deliver(payload, signature)

    assert response.json()["outcome"] == "payment requires_action -> succeeded"
    assert (await stripe_shop.payment(body["transaction_id"])).amount_captured == body["amount"]


async def test_a_card_number_is_refused_on_the_stripe_path(stripe_shop: Shop) -> None:
    response = await stripe_shop.pay(stripe_shop.order())

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unsupported_payment_method"


async def test_an_unknown_payment_method_is_refused(stripe_shop: Shop) -> None:
    response = await stripe_shop.pay(stripe_shop.order(), "pm_card_nonsense")

    assert response.status_code == 422


async def test_twenty_concurrent_retries_make_one_stripe_charge(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order()

    responses = await asyncio.gather(*(stripe_shop.pay(order, "pm_card_visa") for _ in range(20)))

    assert Counter(r.status_code for r in responses) == {201: 1, 200: 19}
    assert len({r.json()["transaction_id"] for r in responses}) == 1
    assert stripe_state.charges_created == 1
    assert len(stripe_state.posts_to("/v1/payment_intents")) == 1
    assert len(await stripe_shop.payments()) == 1


async def test_a_retry_after_a_lost_commit_reuses_the_idempotency_key(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    """Stripe charged, then the transaction that recorded it was lost: the retry is the same attempt, so
    Stripe answers with the first PaymentIntent instead of charging again."""
    order = stripe_shop.order()
    first = await stripe_shop.paid(order, "pm_card_visa")
    async with stripe_shop.app.state.database.engine.begin() as connection:
        await connection.execute(text("TRUNCATE payments, outbox, fraud_assessments CASCADE"))

    second = await stripe_shop.paid(order, "pm_card_visa")

    assert (second["attempt"], second["transaction_id"]) == (1, first["transaction_id"])
    assert stripe_state.charges_created == 1
    keys = [key for _, _, key in stripe_state.posts_to("/v1/payment_intents")]
    assert keys == [f"order:{order.id}:attempt:1"] * 2
    [payment] = await stripe_shop.payments()
    assert payment.provider_payment_id == next(iter(stripe_state.intents))


async def test_the_library_retries_with_the_same_key_and_stripe_replays(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    provider = stripe_shop.provider
    request = ChargeRequest(
        payment_id="pay_x",
        order_id="o-1",
        amount=5000,
        currency="INR",
        idempotency_key="order:o-1:attempt:1",
        method=PaymentMethod(payment_method_id="pm_card_visa"),
    )

    first, again = await provider.charge(request), await provider.charge(request)

    assert first == again
    assert stripe_state.charges_created == 1


async def test_stripe_refunds_carry_idempotency_keys(stripe_shop: Shop, stripe_state: EmulatorState) -> None:
    order = stripe_shop.order(total_amount=10000)
    body = await stripe_shop.paid(order, "pm_card_visa")

    partial = await stripe_shop.refund(body["transaction_id"], stripe_shop.admin(), {"amount": 2500})
    rest = await stripe_shop.refund(body["transaction_id"], stripe_shop.admin())
    over = await stripe_shop.refund(body["transaction_id"], stripe_shop.admin(), {"amount": 1})

    assert (partial.status_code, rest.status_code, over.status_code) == (201, 201, 409)
    keys = [key for _, _, key in stripe_state.posts_to("/v1/refunds")]
    assert keys == [
        f"payment:{body['transaction_id']}:refund:1",
        f"payment:{body['transaction_id']}:refund:2",
    ]
    assert sorted(r["amount"] for r in stripe_state.refunds.values()) == [2500, 7500]
    for payload, signature in stripe_state.events_of("charge.refunded") + stripe_state.events_of(
        "refund.created"
    ):
        assert (await stripe_shop.deliver(payload, signature)).status_code == 200
    payment = await stripe_shop.payment(body["transaction_id"])
    assert (payment.status, payment.amount_refunded) == ("refunded", 10000)
    assert len(await stripe_shop.refunds()) == 2


async def test_stripe_down_is_503_and_records_nothing(
    stripe_settings: Any, commerce_state: Any, mint_token: Any, stripe_state: EmulatorState
) -> None:
    settings: PaymentSettings = stripe_settings(stripe_max_network_retries=0)
    async with shop_for(settings, commerce_state, mint_token) as shop:
        stripe_state.unavailable = True

        response = await shop.pay(shop.order(), "pm_card_visa")

        assert response.status_code == 503
        assert response.json()["error"]["code"] == "provider_unavailable"
        assert await shop.payments() == []


async def test_a_wrong_api_key_is_a_provider_error(
    stripe_settings: Any, commerce_state: Any, mint_token: Any
) -> None:
    settings: PaymentSettings = stripe_settings(stripe_secret_key=SecretStr(STRIPE_KEY + "-wrong"))
    async with shop_for(settings, commerce_state, mint_token) as shop:
        response = await shop.pay(shop.order(), "pm_card_visa")

        assert response.status_code in (502, 503)
        assert await shop.payments() == []


async def test_a_charge_refunded_event_without_its_refunds_asks_stripe(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    """Recent Stripe API versions leave `refunds` out of the charge in `charge.refunded`."""
    body = await stripe_shop.paid(stripe_shop.order(total_amount=10000), "pm_card_visa")
    intent_id = next(iter(stripe_state.intents))
    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        await stripe.post(f"/_emulator/refunds/{intent_id}", params={"amount": 3000})
    payment = await stripe_shop.payment(body["transaction_id"])

    response = await stripe_shop.send_event(
        "charge.refunded",
        {
            "id": "ch_x",
            "object": "charge",
            "payment_intent": intent_id,
            "amount_captured": 10000,
            "amount_refunded": 3000,
            "metadata": {"payment_id": payment.id, "order_id": str(payment.order_id)},
        },
    )

    assert response.status_code == 200
    assert response.json()["outcome"].endswith("succeeded")
    payment = await stripe_shop.payment(body["transaction_id"])
    assert (payment.status, payment.amount_refunded) == ("partially_refunded", 3000)
