"""A local emulator of the parts of Stripe's HTTP API the payment service uses.

The official `stripe` library is pointed at it (`STRIPE_API_BASE`), so its real requests are exercised:
form-encoded bodies (`metadata[order_id]=…`, `expand[0]=…`), Bearer API keys, `Idempotency-Key` headers
(same key and parameters: the first response again, with `Idempotent-Replayed: true`; same key, other
parameters: 400 `idempotency_error`), Stripe's JSON objects and its card errors (HTTP 402). Test payment
methods (`pm_card_visa`, `pm_card_chargeDeclined`, `pm_card_radarBlock`, …) behave as in Stripe test mode.
Events are signed with the webhook secret as Stripe signs them and kept for the tests to deliver. An intent
created without a payment method waits for one (`requires_payment_method`, with its `client_secret`);
`/_emulator/payment_intents/{id}/confirm` stands for Stripe.js confirming it from the Payment Element.

`charges_created` counts the successful charges: the exactly-once tests read it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from payment.providers.cards import DECLINE_MESSAGES, TEST_PAYMENT_METHODS, TestCard, behaviour, card_brand
from payment.providers.signing import sign


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


@dataclass
class EmulatorState:
    api_key: str
    webhook_secret: str
    url: str = ""
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    charges: dict[str, dict[str, Any]] = field(default_factory=dict)
    refunds: dict[str, dict[str, Any]] = field(default_factory=dict)
    replies: dict[str, tuple[str, int, dict[str, Any]]] = field(default_factory=dict)
    in_flight: set[str] = field(default_factory=set)
    events: list[tuple[bytes, str]] = field(default_factory=list)
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)
    charges_created: int = 0
    unavailable: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.intents.clear()
            self.charges.clear()
            self.refunds.clear()
            self.replies.clear()
            self.events.clear()
            self.requests.clear()
            self.charges_created = 0
            self.unavailable = False

    def posts_to(self, path: str) -> list[tuple[str, str, str | None]]:
        return [r for r in self.requests if r[0] == "POST" and r[1] == path]

    def events_of(self, event_type: str) -> list[tuple[bytes, str]]:
        return [e for e in self.events if json.loads(e[0])["type"] == event_type]


def _error(status: int, kind: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"type": kind, "message": message, **extra}}, status_code=status)


async def _form(request: Request) -> dict[str, str]:
    """Stripe's form encoding (`metadata[order_id]=…&expand[0]=…`), flat, keys as sent."""
    return dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))


def _form_value(form: dict[str, str], name: str) -> str | None:
    return form.get(name)


def _form_dict(form: dict[str, str], prefix: str) -> dict[str, str]:
    start = f"{prefix}["
    return {key[len(start) : -1]: value for key, value in form.items() if key.startswith(start)}


def _form_list(form: dict[str, str], prefix: str) -> list[str]:
    return [value for key, value in sorted(form.items()) if key.startswith(f"{prefix}[")]


def _card_of(payment_method: str) -> str | None:
    return TEST_PAYMENT_METHODS.get(payment_method)


def _payment_method(payment_method: str, number: str) -> dict[str, Any]:
    return {
        "id": payment_method,
        "object": "payment_method",
        "type": "card",
        "card": {
            "brand": card_brand(number),
            "last4": number[-4:],
            "fingerprint": hashlib.sha256(number.encode()).hexdigest()[:16],
            "country": behaviour(number).country,
            "exp_month": 12,
            "exp_year": 2034,
            "funding": "credit",
        },
        "created": int(time.time()),
        "livemode": False,
    }


def create_emulator(state: EmulatorState) -> FastAPI:
    app = FastAPI(title="Stripe emulator")

    def emit(event_type: str, obj: dict[str, Any]) -> None:
        event = {
            "id": _id("evt"),
            "object": "event",
            "api_version": "2025-emulator",
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "type": event_type,
            "data": {"object": json.loads(json.dumps(obj))},
        }
        payload = json.dumps(event).encode()
        state.events.append((payload, sign(payload, state.webhook_secret)))

    def expanded(intent: dict[str, Any], expand: list[str]) -> dict[str, Any]:
        body = dict(intent)
        if "latest_charge" in expand and intent["latest_charge"]:
            body["latest_charge"] = state.charges[intent["latest_charge"]]
        number = _card_of(intent["payment_method"] or "")
        if "payment_method" in expand and number is not None:
            body["payment_method"] = _payment_method(intent["payment_method"], number)
        return body

    def attempt(intent: dict[str, Any], card: TestCard, number: str) -> None:
        succeeded = card.outcome == "succeeded"
        blocked = card.decline_code == "fraudulent" and card.risk_score >= 99
        charge = {
            "id": _id("ch"),
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": intent["amount"] if succeeded else 0,
            "amount_refunded": 0,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "payment_method": intent["payment_method"],
            "status": "succeeded" if succeeded else "failed",
            "paid": succeeded,
            "captured": succeeded,
            "refunded": False,
            "failure_code": None if succeeded else "card_declined",
            "outcome": {
                "type": "authorized" if succeeded else ("blocked" if blocked else "issuer_declined"),
                "risk_level": card.risk_level,
                "risk_score": card.risk_score,
                "reason": "highest_risk_level" if blocked else card.decline_code,
                "network_status": "not_sent_to_network" if blocked else "approved_by_network",
                "seller_message": "Payment complete." if succeeded else "The payment was declined.",
            },
            "payment_method_details": {"type": "card", "card": _payment_method("pm", number)["card"]},
            "metadata": intent["metadata"],
            "created": int(time.time()),
            "livemode": False,
        }
        state.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]
        if succeeded:
            state.charges_created += 1
            intent.update(status="succeeded", amount_received=intent["amount"], last_payment_error=None)
            intent.pop("next_action", None)
            emit("charge.succeeded", charge)
            emit("payment_intent.succeeded", intent)
            return
        code = card.decline_code or "generic_decline"
        intent.update(
            status="requires_payment_method",
            last_payment_error={
                "type": "card_error",
                "code": "card_declined",
                "decline_code": code,
                "message": DECLINE_MESSAGES.get(code, "Your card was declined."),
                "charge": charge["id"],
            },
        )
        emit("charge.failed", charge)
        emit("payment_intent.payment_failed", intent)

    def confirm(intent: dict[str, Any], expand: list[str]) -> JSONResponse:
        number = _card_of(intent["payment_method"] or "")
        if number is None:
            return _error(400, "invalid_request_error", "No such PaymentMethod", code="resource_missing")
        card = behaviour(number)
        if card.outcome == "requires_action":
            intent.update(
                status="requires_action",
                next_action={"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect"}},
            )
            emit("payment_intent.requires_action", intent)
            return JSONResponse(expanded(intent, expand))
        attempt(intent, card, number)
        if intent["status"] == "succeeded":
            return JSONResponse(expanded(intent, expand))
        error = intent["last_payment_error"]
        return _error(
            402,
            "card_error",
            error["message"],
            code=error["code"],
            decline_code=error["decline_code"],
            charge=error["charge"],
            payment_intent=intent,
        )

    async def idempotent(request: Request, key: str, call_next: Any) -> Any:
        """Stripe's idempotency: the first answer to a key is the answer, for the same parameters only."""
        body = (await request.body()).decode()
        signature = f"{request.url.path}?{body}"
        with state.lock:
            stored = state.replies.get(key)
            busy = stored is None and key in state.in_flight
            if stored is None and not busy:
                state.in_flight.add(key)
        if busy:
            return _error(
                409, "idempotency_error", "There is currently another in-progress request using this key."
            )
        if stored is not None:
            params, status, content = stored
            if params != signature:
                return _error(
                    400,
                    "idempotency_error",
                    "Keys for idempotent requests can only be used with the same parameters they were first "
                    "used with.",
                )
            return JSONResponse(content, status_code=status, headers={"Idempotent-Replayed": "true"})
        try:
            response = await call_next(request)
            content = json.loads(b"".join([chunk async for chunk in response.body_iterator]))
            if response.status_code < 500:
                with state.lock:
                    state.replies[key] = (signature, response.status_code, content)
        finally:
            with state.lock:
                state.in_flight.discard(key)
        return JSONResponse(content, status_code=response.status_code)

    @app.middleware("http")
    async def stripe_semantics(request: Request, call_next: Any) -> Any:
        if request.url.path.startswith("/_emulator"):
            return await call_next(request)
        key = request.headers.get("idempotency-key")
        state.requests.append((request.method, request.url.path, key))
        refusal = None
        if state.unavailable:
            refusal = _error(500, "api_error", "The emulator is down.")
        elif request.headers.get("authorization") != f"Bearer {state.api_key}":
            refusal = _error(401, "invalid_request_error", "Invalid API Key provided.")
        if refusal is not None:
            return refusal
        if request.method == "POST" and key is not None:
            return await idempotent(request, key, call_next)
        return await call_next(request)

    @app.get("/v1/payment_methods/{payment_method}")
    async def retrieve_payment_method(payment_method: str) -> JSONResponse:
        number = _card_of(payment_method)
        if number is None:
            return _error(
                404,
                "invalid_request_error",
                f"No such PaymentMethod: '{payment_method}'",
                code="resource_missing",
                param="payment_method",
            )
        return JSONResponse(_payment_method(payment_method, number))

    @app.post("/v1/payment_intents")
    async def create_intent(request: Request) -> JSONResponse:
        form = await _form(request)
        amount, currency = _form_value(form, "amount"), _form_value(form, "currency")
        if not amount or not currency:
            return _error(400, "invalid_request_error", "Missing required param: amount.", param="amount")
        intent_id = _id("pi")
        intent: dict[str, Any] = {
            "id": intent_id,
            "object": "payment_intent",
            "amount": int(amount),
            "amount_received": 0,
            "currency": currency,
            "status": "requires_confirmation" if form.get("payment_method") else "requires_payment_method",
            "payment_method": form.get("payment_method"),
            "client_secret": f"{intent_id}_secret_{secrets.token_hex(8)}",
            "latest_charge": None,
            "last_payment_error": None,
            "metadata": _form_dict(form, "metadata"),
            "created": int(time.time()),
            "livemode": False,
        }
        state.intents[intent_id] = intent
        expand = _form_list(form, "expand")
        if form.get("confirm") == "true":
            return confirm(intent, expand)
        return JSONResponse(expanded(intent, expand))

    @app.post("/v1/payment_intents/{intent_id}/confirm")
    async def confirm_intent(intent_id: str, request: Request) -> JSONResponse:
        form = await _form(request)
        intent = state.intents.get(intent_id)
        if intent is None:
            return _error(404, "invalid_request_error", f"No such payment_intent: '{intent_id}'")
        if form.get("payment_method"):
            intent["payment_method"] = form["payment_method"]
        return confirm(intent, _form_list(form, "expand"))

    @app.get("/v1/payment_intents/{intent_id}")
    async def retrieve_intent(intent_id: str, request: Request) -> JSONResponse:
        intent = state.intents.get(intent_id)
        if intent is None:
            return _error(
                404,
                "invalid_request_error",
                f"No such payment_intent: '{intent_id}'",
                code="resource_missing",
            )
        expand = [v for k, v in request.query_params.multi_items() if k.startswith("expand")]
        return JSONResponse(expanded(intent, expand))

    @app.get("/v1/charges/{charge_id}")
    async def retrieve_charge(charge_id: str) -> JSONResponse:
        charge = state.charges.get(charge_id)
        if charge is None:
            return _error(
                404, "invalid_request_error", f"No such charge: '{charge_id}'", code="resource_missing"
            )
        return JSONResponse(charge)

    @app.post("/v1/refunds")
    async def create_refund(request: Request) -> JSONResponse:
        form = await _form(request)
        intent = state.intents.get(form.get("payment_intent", ""))
        if intent is None or intent["status"] != "succeeded":
            return _error(400, "invalid_request_error", "This PaymentIntent has no charge to refund.")
        charge = state.charges[intent["latest_charge"]]
        left = charge["amount_captured"] - charge["amount_refunded"]
        if left <= 0:
            return _error(
                400,
                "invalid_request_error",
                "Charge has already been refunded.",
                code="charge_already_refunded",
            )
        amount = int(form.get("amount") or left)
        if amount > left:
            return _error(
                400,
                "invalid_request_error",
                f"Refund amount ({amount}) is greater than unrefunded amount on charge ({left})",
                code="amount_too_large",
            )
        refund = {
            "id": _id("re"),
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "charge": charge["id"],
            "payment_intent": intent["id"],
            "status": "succeeded",
            "reason": form.get("reason"),
            "failure_reason": None,
            "metadata": _form_dict(form, "metadata"),
            "created": int(time.time()),
        }
        state.refunds[refund["id"]] = refund
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount_captured"]
        charge.setdefault("refunds", {"object": "list", "data": []})["data"].insert(0, refund)
        emit("refund.created", refund)
        emit("charge.refunded", charge)
        return JSONResponse(refund)

    @app.get("/v1/refunds")
    async def list_refunds(request: Request) -> JSONResponse:
        intent_id = request.query_params.get("payment_intent")
        data = [r for r in state.refunds.values() if intent_id is None or r["payment_intent"] == intent_id]
        return JSONResponse({"object": "list", "data": data, "has_more": False, "url": "/v1/refunds"})

    @app.post("/_emulator/payment_intents/{intent_id}/authenticate")
    async def authenticate(intent_id: str, success: bool = True) -> JSONResponse:
        """The shopper completes (or fails) 3-D Secure in the browser."""
        intent = state.intents[intent_id]
        number = _card_of(intent["payment_method"]) or "4242424242424242"
        card = (
            TestCard("succeeded") if success else TestCard("declined", decline_code="authentication_required")
        )
        attempt(intent, card, number)
        return JSONResponse(intent)

    @app.post("/_emulator/payment_intents/{intent_id}/confirm")
    async def browser_confirm(intent_id: str, payment_method: str) -> JSONResponse:
        """What Stripe.js does for the Payment Element (`stripe.confirmPayment` with the client secret and
        the publishable key): the shopper's card confirms the intent."""
        intent = state.intents[intent_id]
        intent["payment_method"] = payment_method
        return confirm(intent, [])

    @app.post("/_emulator/refunds/{intent_id}")
    async def dashboard_refund(intent_id: str, amount: int) -> JSONResponse:
        """A refund made in the Stripe dashboard, outside the payment service."""
        intent = state.intents[intent_id]
        charge = state.charges[intent["latest_charge"]]
        refund = {
            "id": _id("re"),
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "charge": charge["id"],
            "payment_intent": intent_id,
            "status": "succeeded",
            "reason": "requested_by_customer",
            "failure_reason": None,
            "metadata": {},
            "created": int(time.time()),
        }
        state.refunds[refund["id"]] = refund
        charge["amount_refunded"] += amount
        emit("refund.created", refund)
        return JSONResponse(refund)

    return app
