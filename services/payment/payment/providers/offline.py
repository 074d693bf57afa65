"""The offline provider: Stripe test mode without Stripe, for development, tests and demo shops.

It keeps its PaymentIntents and Charges in payment's PostgreSQL (`offline_models`, each operation in its
own transaction, as a separate system would), so any instance of the service can refund what another took.
It honours idempotency keys as Stripe does (the same key returns the first answer; concurrent calls with
one key wait for each other on an advisory lock), behaves per Stripe's test cards (`cards.py`) and emits
Stripe-shaped events signed with STRIPE_WEBHOOK_SECRET exactly as Stripe signs them, after the change is
committed, so the same `/verify` endpoint handles both.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from kit.db import Database
from payment.providers.base import (
    CardDetails,
    ChargeRequest,
    ChargeResult,
    ChargeStatus,
    IntentRequest,
    PaymentElementUnavailable,
    PaymentMethod,
    ProviderPaymentState,
    ProviderRejected,
    RadarOutcome,
    RefundResult,
    UnsupportedPaymentMethod,
    charge_status,
)
from payment.providers.cards import (
    DECLINE_MESSAGES,
    TEST_PAYMENT_METHODS,
    TestCard,
    behaviour,
    card_brand,
    fingerprint,
)
from payment.providers.offline_models import OfflineObject, OfflineReply
from payment.providers.signing import sign

logger = logging.getLogger("payment.offline")

Deliver = Callable[[bytes, str], Awaitable[None]]
API_VERSION = "2025-offline"


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


@dataclass
class _Work:
    """One provider operation: its transaction, and the events to send once it is committed."""

    session: AsyncSession
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    async def get(self, object_id: str | None) -> dict[str, Any] | None:
        if not object_id:
            return None
        row = await self.session.scalar(
            select(OfflineObject).where(OfflineObject.id == object_id).with_for_update()
        )
        return dict(row.data) if row is not None else None

    async def put(self, obj: dict[str, Any]) -> None:
        statement = insert(OfflineObject).values(id=obj["id"], data=obj)
        await self.session.execute(
            statement.on_conflict_do_update(index_elements=["id"], set_={"data": statement.excluded.data})
        )

    async def reply(self, key: str) -> ChargeResult | RefundResult | None:
        row = await self.session.get(OfflineReply, key)
        if row is None:
            return None
        if row.kind == "refund":
            return RefundResult(**row.data)
        radar = row.data.get("radar")
        return ChargeResult(**{**row.data, "radar": RadarOutcome(**radar) if radar else None})

    async def save_reply(self, key: str, result: ChargeResult | RefundResult) -> None:
        kind = "refund" if isinstance(result, RefundResult) else "charge"
        self.session.add(OfflineReply(idempotency_key=key, kind=kind, data=asdict(result)))
        await self.session.flush()


class OfflineProvider:
    name: Literal["offline"] = "offline"

    def __init__(
        self,
        *,
        database: Database,
        webhook_secret: str,
        fingerprint_secret: bytes,
        deliver: Deliver | None = None,
    ) -> None:
        self._database = database
        self._webhook_secret = webhook_secret
        self._fingerprint_secret = fingerprint_secret
        self.deliver = deliver
        self._tasks: set[asyncio.Task[None]] = set()
        # Counters the exactly-once tests read (this instance's work): charges that reached the "card
        # network", refunds made.
        self.charge_attempts = 0
        self.charges_succeeded = 0
        self.refunds_made = 0
        self.emitted: deque[tuple[bytes, str]] = deque(maxlen=10_000)

    # --- the provider interface -----------------------------------------------------------------------
    def _card_number(self, method: PaymentMethod) -> str:
        if method.card is not None:
            return method.card.number
        if method.payment_method_id in TEST_PAYMENT_METHODS:
            return TEST_PAYMENT_METHODS[method.payment_method_id]
        raise UnsupportedPaymentMethod("Unknown test payment method.")

    async def describe(self, method: PaymentMethod) -> CardDetails:
        number = self._card_number(method)
        return CardDetails(
            brand=card_brand(number),
            last4=number[-4:],
            fingerprint=fingerprint(self._fingerprint_secret, number),
            country=behaviour(number).country,
        )

    @asynccontextmanager
    async def _work(self, lock_key: str | None = None) -> AsyncIterator[_Work]:
        """A transaction (serialized per idempotency key); its events go out once it has committed."""
        async with self._database.sessionmaker() as session:
            async with session.begin():
                if lock_key is not None:
                    await session.execute(
                        select(func.pg_advisory_xact_lock(func.hashtextextended(lock_key, 0)))
                    )
                work = _Work(session)
                yield work
            for event_type, obj in work.events:
                self._emit(event_type, obj)

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        async with self._work(request.idempotency_key) as work:
            reply = await work.reply(request.idempotency_key)
            if isinstance(reply, ChargeResult):
                return reply
            number = self._card_number(request.method)
            card = behaviour(number)
            if request.method.card is not None and self._expired(
                request.method.card.exp_month, request.method.card.exp_year
            ):
                card = TestCard("declined", country=card.country, decline_code="expired_card")
            intent = self._new_intent(request)
            details = await self.describe(request.method)
            if card.outcome == "requires_action":
                intent.update(
                    status="requires_action",
                    next_action={
                        "type": "use_stripe_sdk",
                        "use_stripe_sdk": {"type": "three_d_secure_redirect"},
                    },
                    _card=asdict(details),
                    _test_card=asdict(card),
                )
                result = self._result(intent, None)
                work.events.append(("payment_intent.requires_action", intent))
            else:
                result = self._attempt(work, intent, details, card)
            await self._save(work, intent)
            await work.save_reply(request.idempotency_key, result)
        self._count(work)
        return result

    async def open_intent(self, request: IntentRequest) -> ChargeResult:
        """The offline provider has no browser side: its cards come through /process."""
        raise PaymentElementUnavailable()

    async def refund(
        self, provider_payment_id: str, *, amount: int, idempotency_key: str, reason: str, payment_id: str
    ) -> RefundResult:
        async with self._work(idempotency_key) as work:
            reply = await work.reply(idempotency_key)
            if isinstance(reply, RefundResult):
                return reply
            intent = await work.get(provider_payment_id)
            if intent is None or intent["status"] != "succeeded":
                raise ProviderRejected("This PaymentIntent has no successful charge to refund.")
            charge = await work.get(intent["latest_charge"])
            if charge is None:
                raise ProviderRejected("This PaymentIntent has no successful charge to refund.")
            if amount > charge["amount_captured"] - charge["amount_refunded"]:
                raise ProviderRejected("Refund amount is greater than the unrefunded amount on the charge.")
            refund = {
                "id": _id("re"),
                "object": "refund",
                "amount": amount,
                "currency": intent["currency"],
                "charge": charge["id"],
                "payment_intent": intent["id"],
                "status": "succeeded",
                "reason": reason if reason in ("duplicate", "fraudulent", "requested_by_customer") else None,
                "metadata": {"payment_id": payment_id, "reason": reason},
                "created": int(time.time()),
            }
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] == charge["amount_captured"]
            charge["refunds"] = {**charge["refunds"], "data": [refund, *charge["refunds"]["data"]]}
            await work.put(charge)
            result = RefundResult(provider_refund_id=refund["id"], status="succeeded", amount=amount)
            await work.save_reply(idempotency_key, result)
            work.events += [("refund.created", refund), ("charge.refunded", charge)]
        self.refunds_made += 1
        return result

    async def retrieve(self, provider_payment_id: str) -> ProviderPaymentState:
        async with self._work() as work:
            intent = await work.get(provider_payment_id)
            if intent is None:
                raise ProviderRejected(f"No such payment_intent: '{provider_payment_id}'")
            charge = await work.get(intent["latest_charge"])
        refunds = [
            RefundResult(provider_refund_id=r["id"], status=r["status"], amount=r["amount"])
            for r in (charge["refunds"]["data"] if charge else [])
        ]
        return ProviderPaymentState(
            provider_payment_id=provider_payment_id,
            status=self._status(intent),
            amount_captured=intent["amount_received"],
            refunds=refunds,
        )

    async def aclose(self) -> None:
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    # --- test-mode controls ---------------------------------------------------------------------------
    async def complete_action(self, provider_payment_id: str, *, authenticated: bool = True) -> None:
        """The shopper finishes (or fails) 3-D Secure: the intent succeeds or fails, and an event follows."""
        async with self._work() as work:
            intent = await work.get(provider_payment_id)
            if intent is None:
                raise ProviderRejected(f"No such payment_intent: '{provider_payment_id}'")
            if intent["status"] != "requires_action":
                return
            intent.pop("next_action", None)
            country = intent.pop("_test_card")["country"]
            details = CardDetails(**intent.pop("_card"))
            if not authenticated:
                card = TestCard("declined", country=country, decline_code="authentication_required")
            else:
                card = TestCard("succeeded", country=country)
            self._attempt(work, intent, details, card)
            await self._save(work, intent)
        self._count(work)

    # --- internals ------------------------------------------------------------------------------------
    @staticmethod
    def _expired(month: int, year: int) -> bool:
        now = datetime.now(UTC)
        return (year, month) < (now.year, now.month)

    def _new_intent(self, request: ChargeRequest) -> dict[str, Any]:
        intent_id = _id("pi")
        intent: dict[str, Any] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": request.amount,
            "amount_received": 0,
            "currency": request.currency.lower(),
            "status": "requires_confirmation",
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(12)}",
            "latest_charge": None,
            "last_payment_error": None,
            "metadata": {"payment_id": request.payment_id, "order_id": request.order_id},
            "created": int(time.time()),
            "livemode": False,
        }
        return intent

    async def _save(self, work: _Work, intent: dict[str, Any]) -> None:
        """The intent, and the charge its attempt made (kept beside it until then as `_new_charge`)."""
        charge = intent.pop("_new_charge", None)
        if charge is not None:
            await work.put(charge)
        await work.put(intent)

    def _count(self, work: _Work) -> None:
        for event_type, _ in work.events:
            if event_type in ("charge.succeeded", "charge.failed"):
                self.charge_attempts += 1
            if event_type == "charge.succeeded":
                self.charges_succeeded += 1

    def _attempt(
        self, work: _Work, intent: dict[str, Any], details: CardDetails, card: TestCard
    ) -> ChargeResult:
        """Send the charge to the "network": it succeeds or is declined, per the test card."""
        succeeded = card.outcome == "succeeded"
        blocked = card.decline_code == "fraudulent" and card.risk_score >= 99
        outcome = {
            "type": "authorized" if succeeded else ("blocked" if blocked else "issuer_declined"),
            "risk_level": card.risk_level,
            "risk_score": card.risk_score,
            "reason": "highest_risk_level" if blocked else card.decline_code,
            "network_status": "not_sent_to_network" if blocked else "approved_by_network",
        }
        charge = {
            "id": _id("ch"),
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": intent["amount"] if succeeded else 0,
            "amount_refunded": 0,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "status": "succeeded" if succeeded else "failed",
            "paid": succeeded,
            "refunded": False,
            "outcome": outcome,
            "failure_code": None if succeeded else "card_declined",
            "payment_method_details": {
                "type": "card",
                "card": {
                    "brand": details.brand,
                    "last4": details.last4,
                    "fingerprint": details.fingerprint,
                    "country": details.country,
                },
            },
            "refunds": {"object": "list", "data": []},
            "metadata": intent["metadata"],
            "created": int(time.time()),
        }
        intent["latest_charge"] = charge["id"]
        intent["_new_charge"] = charge
        if succeeded:
            intent.update(status="succeeded", amount_received=intent["amount"], last_payment_error=None)
            work.events += [("charge.succeeded", charge), ("payment_intent.succeeded", intent)]
        else:
            code = card.decline_code or "generic_decline"
            intent.update(
                status="requires_payment_method",
                last_payment_error={
                    "type": "card_error",
                    "code": "card_declined" if code != "expired_card" else "expired_card",
                    "decline_code": code,
                    "message": DECLINE_MESSAGES.get(code, "Your card was declined."),
                    "charge": charge["id"],
                },
            )
            work.events += [("charge.failed", charge), ("payment_intent.payment_failed", intent)]
        return self._result(intent, charge)

    @staticmethod
    def _status(intent: dict[str, Any]) -> ChargeStatus:
        return charge_status(str(intent["status"]))

    def _result(self, intent: dict[str, Any], charge: dict[str, Any] | None) -> ChargeResult:
        radar = None
        if charge is not None:
            outcome = charge["outcome"]
            radar = RadarOutcome(
                risk_level=outcome["risk_level"],
                risk_score=outcome["risk_score"],
                outcome_type=outcome["type"],
                reason=outcome["reason"],
            )
        error = intent["last_payment_error"] or {}
        return ChargeResult(
            provider_payment_id=intent["id"],
            status=self._status(intent),
            amount_captured=intent["amount_received"],
            client_secret=intent["client_secret"],
            failure_code=error.get("decline_code") or error.get("code"),
            failure_message=error.get("message"),
            radar=radar,
        )

    def _emit(self, event_type: str, obj: dict[str, Any]) -> None:
        public = {key: value for key, value in obj.items() if not key.startswith("_")}
        event = {
            "id": _id("evt"),
            "object": "event",
            "api_version": API_VERSION,
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "type": event_type,
            "data": {"object": json.loads(json.dumps(public))},
        }
        payload = json.dumps(event).encode()
        header = sign(payload, self._webhook_secret)
        self.emitted.append((payload, header))
        if self.deliver is not None:
            task = asyncio.get_running_loop().create_task(self._deliver(self.deliver, payload, header))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _deliver(deliver: Deliver, payload: bytes, header: str) -> None:
        try:
            await deliver(payload, header)
        except Exception:
            logger.exception("offline webhook delivery failed")
