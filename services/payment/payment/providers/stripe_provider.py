"""Stripe through its official library: PaymentIntents created and confirmed in one call, refunds, with
idempotency keys on every write. The library's async methods (httpx) keep the event loop free."""

from __future__ import annotations

import logging
from typing import Any, Literal

import stripe
from stripe.params import RefundCreateParams

from payment.providers.base import (
    CardDetails,
    ChargeRequest,
    ChargeResult,
    IntentRequest,
    PaymentMethod,
    ProviderPaymentState,
    ProviderRejected,
    ProviderUnavailable,
    RadarOutcome,
    RefundResult,
    UnsupportedPaymentMethod,
    charge_status,
    refund_status,
)

logger = logging.getLogger("payment.stripe")


def _radar(charge: Any) -> RadarOutcome | None:
    outcome = getattr(charge, "outcome", None) if charge is not None else None
    if outcome is None:
        return None
    return RadarOutcome(
        risk_level=getattr(outcome, "risk_level", None),
        risk_score=getattr(outcome, "risk_score", None),
        outcome_type=getattr(outcome, "type", None),
        reason=getattr(outcome, "reason", None),
    )


class StripeProvider:
    name: Literal["stripe"] = "stripe"

    def __init__(
        self, *, api_key: str, api_base: str | None, timeout: float, max_network_retries: int
    ) -> None:
        self._http = stripe.HTTPXClient(timeout=timeout)
        self._client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base} if api_base else None,
            http_client=self._http,
            max_network_retries=max_network_retries,
        )

    async def describe(self, method: PaymentMethod) -> CardDetails:
        if not method.payment_method_id:
            raise UnsupportedPaymentMethod(
                "Stripe takes a payment_method_id from Stripe Elements; card numbers never reach this server."
            )
        try:
            payment_method = await self._client.v1.payment_methods.retrieve_async(method.payment_method_id)
        except stripe.InvalidRequestError as exc:
            raise UnsupportedPaymentMethod(exc.user_message or "No such payment method.") from exc
        except stripe.StripeError as exc:
            raise self._unavailable(exc) from exc
        card = payment_method.card
        if card is None:
            raise UnsupportedPaymentMethod("Only card payment methods are accepted.")
        return CardDetails(
            brand=card.brand, last4=card.last4, fingerprint=card.fingerprint or "", country=card.country
        )

    async def charge(self, request: ChargeRequest) -> ChargeResult:
        if not request.method.payment_method_id:
            raise UnsupportedPaymentMethod()
        try:
            intent = await self._client.v1.payment_intents.create_async(
                {
                    "amount": request.amount,
                    "currency": request.currency.lower(),
                    "payment_method": request.method.payment_method_id,
                    # Cards only, confirmed server-side: no redirect-based methods, so no return_url.
                    "automatic_payment_methods": {"enabled": True, "allow_redirects": "never"},
                    "confirm": True,
                    "metadata": {"payment_id": request.payment_id, "order_id": request.order_id},
                    "expand": ["latest_charge"],
                },
                {"idempotency_key": request.idempotency_key},
            )
        except stripe.CardError as exc:
            return await self._declined(exc)
        except stripe.IdempotencyError as exc:
            raise ProviderRejected(exc.user_message) from exc
        except stripe.InvalidRequestError as exc:
            raise ProviderRejected(exc.user_message) from exc
        except stripe.StripeError as exc:
            raise self._unavailable(exc) from exc
        error = intent.last_payment_error
        return ChargeResult(
            provider_payment_id=intent.id,
            status=charge_status(intent.status, declined=error is not None),
            amount_captured=intent.amount_received or 0,
            client_secret=intent.client_secret,
            failure_code=(error.decline_code or error.code) if error else None,
            failure_message=error.message if error else None,
            radar=_radar(intent.latest_charge),
        )

    async def open_intent(self, request: IntentRequest) -> ChargeResult:
        """A PaymentIntent the Payment Element confirms in the browser. The methods on offer are the ones
        enabled in the Stripe dashboard; those that redirect come back to the storefront's return_url."""
        try:
            intent = await self._client.v1.payment_intents.create_async(
                {
                    "amount": request.amount,
                    "currency": request.currency.lower(),
                    "automatic_payment_methods": {"enabled": True},
                    "metadata": {"payment_id": request.payment_id, "order_id": request.order_id},
                },
                {"idempotency_key": request.idempotency_key},
            )
        except (stripe.IdempotencyError, stripe.InvalidRequestError) as exc:
            raise ProviderRejected(exc.user_message) from exc
        except stripe.StripeError as exc:
            raise self._unavailable(exc) from exc
        return ChargeResult(
            provider_payment_id=intent.id,
            status=charge_status(intent.status, declined=False),
            client_secret=intent.client_secret,
        )

    async def _declined(self, exc: stripe.CardError) -> ChargeResult:
        """A card error (HTTP 402): the PaymentIntent exists and failed; Radar's verdict is on its charge."""
        body: dict[str, Any] = {}
        if isinstance(exc.json_body, dict):
            body = exc.json_body.get("error") or {}
        intent = body.get("payment_intent") or {}
        radar = None
        if body.get("charge"):
            try:
                radar = _radar(await self._client.v1.charges.retrieve_async(body["charge"]))
            except stripe.StripeError:
                logger.warning("could not read the declined charge's Radar outcome", exc_info=True)
        return ChargeResult(
            provider_payment_id=intent.get("id"),
            status="failed",
            client_secret=intent.get("client_secret"),
            failure_code=body.get("decline_code") or exc.code,
            failure_message=exc.user_message,
            radar=radar,
        )

    async def refund(
        self, provider_payment_id: str, *, amount: int, idempotency_key: str, reason: str, payment_id: str
    ) -> RefundResult:
        params: RefundCreateParams = {
            "payment_intent": provider_payment_id,
            "amount": amount,
            "metadata": {"payment_id": payment_id, "reason": reason},
        }
        if reason in ("duplicate", "fraudulent", "requested_by_customer"):
            params["reason"] = reason
        try:
            refund = await self._client.v1.refunds.create_async(
                params,
                {"idempotency_key": idempotency_key},
            )
        except stripe.InvalidRequestError as exc:
            raise ProviderRejected(exc.user_message) from exc
        except stripe.StripeError as exc:
            raise self._unavailable(exc) from exc
        return RefundResult(
            provider_refund_id=refund.id,
            status=refund_status(refund.status),
            amount=refund.amount,
            failure_reason=refund.failure_reason,
        )

    async def retrieve(self, provider_payment_id: str) -> ProviderPaymentState:
        try:
            intent = await self._client.v1.payment_intents.retrieve_async(
                provider_payment_id, {"expand": ["latest_charge", "payment_method"]}
            )
            refunds = await self._client.v1.refunds.list_async(
                {"payment_intent": provider_payment_id, "limit": 100}
            )
        except stripe.InvalidRequestError as exc:
            raise ProviderRejected(exc.user_message) from exc
        except stripe.StripeError as exc:
            raise self._unavailable(exc) from exc
        error = intent.last_payment_error
        method = intent.payment_method
        card = method.card if isinstance(method, stripe.PaymentMethod) else None
        return ProviderPaymentState(
            provider_payment_id=intent.id,
            status=charge_status(intent.status, declined=error is not None),
            amount_captured=intent.amount_received or 0,
            refunds=[
                RefundResult(provider_refund_id=r.id, status=refund_status(r.status), amount=r.amount)
                for r in refunds.data
            ],
            card=CardDetails(
                brand=card.brand, last4=card.last4, fingerprint=card.fingerprint or "", country=card.country
            )
            if card is not None
            else None,
            failure_code=(error.decline_code or error.code) if error else None,
            failure_message=error.message if error else None,
            radar=_radar(intent.latest_charge) if not isinstance(intent.latest_charge, str) else None,
        )

    async def aclose(self) -> None:
        await self._http.close_async()  # type: ignore[no-untyped-call]  # untyped in the library

    @staticmethod
    def _unavailable(exc: stripe.StripeError) -> ProviderUnavailable:
        logger.warning("stripe request failed: %s", exc.__class__.__name__)
        return ProviderUnavailable()
