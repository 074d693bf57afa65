"""The offline provider keeps its records in the database: any instance serves any payment or refund."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from payment.config import PaymentSettings

from .conftest import card, shop_for


async def test_a_payment_taken_by_one_instance_is_refunded_by_another(
    settings: PaymentSettings, commerce_state: Any, mint_token: Callable[..., str]
) -> None:
    async with (
        shop_for(settings, commerce_state, mint_token) as first,
        shop_for(settings, commerce_state, mint_token) as second,
    ):
        order = first.order(total_amount=10000)
        body = await first.paid(order)
        await first.deliver_outbox()

        refund = await second.refund(body["transaction_id"], second.admin(), {"amount": 4000})
        rest = await first.refund(body["transaction_id"], first.admin())
        state = await second.provider.retrieve(
            (await second.payment(body["transaction_id"])).provider_payment_id
        )

    assert refund.status_code == 201, refund.text
    assert rest.status_code == 201, rest.text
    assert (state.status, state.amount_captured) == ("succeeded", 10000)
    assert sorted(r.amount for r in state.refunds) == [4000, 6000]
    assert (first.offline.refunds_made, second.offline.refunds_made) == (1, 1)


async def test_three_d_secure_started_on_one_instance_completes_on_another(
    settings: PaymentSettings, commerce_state: Any, mint_token: Callable[..., str]
) -> None:
    async with (
        shop_for(settings, commerce_state, mint_token) as first,
        shop_for(settings, commerce_state, mint_token) as second,
    ):
        started = await first.paid(first.order(), card("4000002500003155"))
        intent = started["client_secret"].split("_secret_")[0]

        await second.offline.complete_action(intent)
        state = await first.provider.retrieve(intent)

    assert started["status"] == "requires_action"
    assert state.status == "succeeded"


async def test_one_idempotency_key_charges_once_across_instances(
    settings: PaymentSettings, commerce_state: Any, mint_token: Callable[..., str]
) -> None:
    async with (
        shop_for(settings, commerce_state, mint_token) as first,
        shop_for(settings, commerce_state, mint_token) as second,
    ):
        payment = await first.paid(first.order(total_amount=10000))
        provider_id = (await first.payment(payment["transaction_id"])).provider_payment_id
        assert provider_id is not None

        refunds = await asyncio.gather(
            *(
                shop.provider.refund(
                    provider_id, amount=1000, idempotency_key="same-key", reason="duplicate", payment_id="p"
                )
                for shop in (first, second, first, second)
            )
        )

    assert len({r.provider_refund_id for r in refunds}) == 1
    assert first.offline.refunds_made + second.offline.refunds_made == 1
