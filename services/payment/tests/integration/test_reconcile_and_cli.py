"""Reconciliation against Stripe (the emulator), and the operator commands."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from payment import cli
from payment.config import PaymentSettings
from payment.payments.reconcile import reconcile

from ..stripe_emulator import EmulatorState
from .conftest import Shop


async def run_reconcile(shop: Shop, *, repair: bool) -> list[Any]:
    state = shop.app.state
    return await reconcile(state.database, state.provider, state.commerce, state.settings, repair=repair)


async def test_nothing_to_report_when_both_sides_agree(stripe_shop: Shop) -> None:
    await stripe_shop.paid(stripe_shop.order(), "pm_card_visa")
    await stripe_shop.paid(stripe_shop.order(), "pm_card_chargeDeclined")

    assert await run_reconcile(stripe_shop, repair=False) == []


async def test_an_intent_waiting_for_the_shoppers_card_agrees_with_stripe(stripe_shop: Shop) -> None:
    """A Payment Element intent nobody has confirmed yet is waiting, not failed, on both sides."""
    order = stripe_shop.order()
    response = await stripe_shop.client.post(
        "/api/v1/payments/intents",
        json={"order_id": str(order.id)},
        headers={**stripe_shop.auth(order.user_id), "Idempotency-Key": "reconcile"},
    )
    assert response.json()["status"] == "requires_payment_method"

    assert await run_reconcile(stripe_shop, repair=True) == []
    assert (await stripe_shop.payments())[0].status == "requires_payment_method"


async def test_a_missed_success_event_is_reported_then_repaired(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order()
    body = await stripe_shop.paid(order, "pm_card_threeDSecure2Required")
    intent_id = body["client_secret"].split("_secret_")[0]
    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        await stripe.post(f"/_emulator/payment_intents/{intent_id}/authenticate")

    [found] = await run_reconcile(stripe_shop, repair=False)
    assert (found.field, found.local, found.provider, found.repaired) == (
        "status",
        "requires_action",
        "succeeded",
        False,
    )
    assert (await stripe_shop.payment(body["transaction_id"])).status == "requires_action"

    [fixed] = await run_reconcile(stripe_shop, repair=True)

    assert fixed.repaired
    assert (await stripe_shop.payment(body["transaction_id"])).status == "succeeded"
    assert [m.kind for m in await stripe_shop.outbox()] == ["paid"]
    assert await run_reconcile(stripe_shop, repair=True) == []


async def test_a_refund_made_in_the_stripe_dashboard_is_found_and_recorded(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    order = stripe_shop.order(total_amount=10000)
    body = await stripe_shop.paid(order, "pm_card_visa")
    intent_id = next(iter(stripe_state.intents))
    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        await stripe.post(f"/_emulator/refunds/{intent_id}", params={"amount": 4000})

    [found] = await run_reconcile(stripe_shop, repair=True)

    assert (found.local, found.provider, found.repaired) == ("missing", "succeeded", True)
    payment = await stripe_shop.payment(body["transaction_id"])
    assert (payment.status, payment.amount_refunded) == ("partially_refunded", 4000)
    await stripe_shop.deliver_outbox()
    assert (order.status, order.refunded_amount) == ("partially_refunded", 4000)


async def test_a_payment_the_provider_does_not_know_is_reported(
    stripe_shop: Shop, stripe_state: EmulatorState
) -> None:
    body = await stripe_shop.paid(stripe_shop.order(), "pm_card_visa")
    stripe_state.intents.clear()

    [found] = await run_reconcile(stripe_shop, repair=True)

    assert (found.payment_id, found.field, found.provider, found.repaired) == (
        body["transaction_id"],
        "existence",
        "missing",
        False,
    )


async def test_offline_reconciliation_sees_the_in_process_provider(shop: Shop) -> None:
    body = await shop.paid(shop.order(), "pm_card_threeDSecure2Required")
    await shop.offline.complete_action(body["client_secret"].split("_secret_")[0])

    [fixed] = await run_reconcile(shop, repair=True)

    assert (fixed.local, fixed.provider, fixed.repaired) == ("requires_action", "succeeded", True)


def run_cli(monkeypatch: pytest.MonkeyPatch, settings: PaymentSettings, argv: list[str]) -> int:
    monkeypatch.setattr(PaymentSettings, "from_environment", classmethod(lambda cls: settings))
    return cli.main(argv)


# The CLI runs its own event loop, so the async tests run it in a thread beside theirs.


async def test_cli_reconcile_reports_and_repairs(
    monkeypatch: pytest.MonkeyPatch,
    stripe_shop: Shop,
    stripe_state: EmulatorState,
    capsys: pytest.CaptureFixture[str],
) -> None:
    body = await stripe_shop.paid(stripe_shop.order(), "pm_card_threeDSecure2Required")
    intent_id = body["client_secret"].split("_secret_")[0]
    async with httpx.AsyncClient(base_url=stripe_state.url) as stripe:
        await stripe.post(f"/_emulator/payment_intents/{intent_id}/authenticate")
    settings = stripe_shop.app.state.settings

    report = await asyncio.to_thread(run_cli, monkeypatch, settings, ["reconcile"])
    repair = await asyncio.to_thread(run_cli, monkeypatch, settings, ["reconcile", "--repair"])

    assert (report, repair) == (1, 0)
    out = capsys.readouterr().out
    assert f"{body['transaction_id']} status: local=requires_action provider=succeeded (differs)" in out
    assert f"{body['transaction_id']} status: local=requires_action provider=succeeded (repaired)" in out
    assert (await stripe_shop.payment(body["transaction_id"])).status == "succeeded"


async def test_cli_deliver_outbox(
    monkeypatch: pytest.MonkeyPatch, shop: Shop, capsys: pytest.CaptureFixture[str]
) -> None:
    order = shop.order()
    await shop.paid(order)
    shop.commerce.down = True
    settings = shop.app.state.settings

    down = await asyncio.to_thread(run_cli, monkeypatch, settings, ["deliver-outbox", "--all"])
    shop.commerce.down = False
    back = await asyncio.to_thread(run_cli, monkeypatch, settings, ["deliver-outbox", "--all"])

    assert (down, back) == (1, 0)
    out = capsys.readouterr().out
    assert "delivered 0, refunded 0, retrying 1, dead 0" in out
    assert "delivered 1, refunded 0, retrying 0, dead 0" in out
    assert order.status == "paid"


def test_migrate_is_idempotent(monkeypatch: pytest.MonkeyPatch, settings: PaymentSettings) -> None:
    assert run_cli(monkeypatch, settings, ["migrate"]) == 0
    assert run_cli(monkeypatch, settings, ["migrate"]) == 0


def test_cli_reconcile_needs_stripe(
    monkeypatch: pytest.MonkeyPatch, settings: PaymentSettings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(monkeypatch, settings, ["reconcile"]) == 2
    assert "offline provider" in capsys.readouterr().out
