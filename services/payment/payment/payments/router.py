from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Query, Request, Response, status

from kit.auth import AuthenticatedUser
from kit.db import DbSession
from kit.errors import error_responses
from kit.ratelimit import RateLimit
from payment.deps import Client, Payments, wake_outbox
from payment.payments.schemas import ElementRequest, PaymentOut, ProcessRequest
from payment.payments.service import ElementAttempt, PaymentAttempt
from payment.providers.base import CardInput, PaymentMethod
from payment.refunds.repository import RefundRepository

router = APIRouter(prefix="/api/v1/payments", tags=["payments"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Optional: a retry with the same key returns the first answer whatever it was",
    ),
]


@router.post(
    "/process",
    response_model=PaymentOut,
    status_code=status.HTTP_201_CREATED,
    # Card testing (many cards tried from one place) is stopped here before the fraud rules even run.
    dependencies=[Depends(RateLimit("payment-process", limit=30, window=600))],
    responses={
        200: {"model": PaymentOut, "description": "A retry: the payment this order already has"},
        **error_responses(401, 403, 404, 409, 422, 429, 502, 503),
    },
    summary="Pay an order (amount and currency come from the order, never from the client)",
    description=(
        "201 with the new attempt, whatever its outcome (`succeeded`, `requires_action`, `failed`, "
        "`blocked`); 200 with the existing payment when the order already has one in progress or "
        "captured (concurrent or repeated calls never charge twice). 403 `not_your_order`, "
        "404 `order_not_found`, 409 `order_not_payable`, 422 `unsupported_payment_method`, "
        "429 `rate_limited` (per client IP), 503 `commerce_unavailable` / `provider_unavailable`."
    ),
)
async def process_payment(
    body: ProcessRequest,
    user: AuthenticatedUser,
    payments: Payments,
    client: Client,
    request: Request,
    response: Response,
    background: BackgroundTasks,
    idempotency_key: IdempotencyKey = None,
) -> PaymentOut:
    card = body.payment_method
    method = PaymentMethod(
        card=CardInput(card.card_number, card.exp_month, card.exp_year, card.cvc) if card else None,
        payment_method_id=body.payment_method_id,
    )
    payment, created = await payments.process(
        user,
        PaymentAttempt(
            order_id=body.order_id,
            method=method,
            email=str(body.email) if body.email else None,
            billing_country=body.billing_country,
            request_key=idempotency_key,
        ),
        client,
    )
    if created:
        request.app.state.payment_metrics.attempts.labels(payment.provider, payment.status).inc()
    else:
        response.status_code = status.HTTP_200_OK
    background.add_task(wake_outbox, request)
    return PaymentOut.of(payment)


@router.post(
    "/intents",
    response_model=PaymentOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(RateLimit("payment-process", limit=30, window=600))],
    responses={
        200: {"model": PaymentOut, "description": "The order's open, in-flight or captured payment"},
        **error_responses(401, 403, 404, 409, 422, 429, 502, 503),
    },
    summary="Open the order's Stripe PaymentIntent for the Payment Element (its client_secret)",
    description=(
        "Stripe only. 201 with a new attempt in `requires_payment_method` and its `client_secret` (the "
        "browser confirms it with `stripe.confirmPayment`, then calls `/{transaction_id}/refresh`), or "
        "`blocked` by the fraud rules; 200 with the order's payment when one is open, in flight or "
        "captured, or when the Idempotency-Key was seen before. Nothing is charged here. 403 "
        "`not_your_order`, 404 `order_not_found`, 409 `order_not_payable` / `payment_element_unavailable` "
        "(the offline provider: pay through /process), 429 `rate_limited`, 502 `provider_error`, "
        "503 `commerce_unavailable` / `provider_unavailable`."
    ),
)
async def open_payment_intent(
    body: ElementRequest,
    user: AuthenticatedUser,
    payments: Payments,
    client: Client,
    request: Request,
    response: Response,
    idempotency_key: Annotated[
        str,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            description="Required: a retry with the same key returns the first answer",
        ),
    ],
) -> PaymentOut:
    payment, created = await payments.open_for_element(
        user,
        ElementAttempt(
            order_id=body.order_id,
            email=str(body.email) if body.email else None,
            billing_country=body.billing_country,
            request_key=idempotency_key,
        ),
        client,
    )
    if created:
        request.app.state.payment_metrics.attempts.labels(payment.provider, payment.status).inc()
    else:
        response.status_code = status.HTTP_200_OK
    return PaymentOut.of(payment)


@router.post(
    "/{transaction_id}/refresh",
    response_model=PaymentOut,
    responses=error_responses(401, 403, 404, 422, 502, 503),
    summary="Ask the provider where a payment stands and record it (its owner or an admin)",
    description=(
        "After Stripe.js confirmed a payment in the browser (or the shopper came back from a redirect): "
        "the PaymentIntent is read from Stripe and its outcome recorded, exactly as its webhook would "
        "(a success tells commerce once). Final states are answered as they are. 403 `forbidden`, "
        "404 `payment_not_found`, 502 `provider_error`, 503 `provider_unavailable`."
    ),
)
async def refresh_payment(
    transaction_id: str,
    user: AuthenticatedUser,
    payments: Payments,
    session: DbSession,
    request: Request,
    background: BackgroundTasks,
) -> PaymentOut:
    payment = await payments.refresh(user, transaction_id)
    background.add_task(wake_outbox, request)
    return PaymentOut.of(payment, await RefundRepository(session).for_payment(payment.id))


@router.get(
    "/{transaction_id}/status",
    response_model=PaymentOut,
    responses=error_responses(401, 403, 404, 422),
    summary="A payment with its refunds (its owner or an admin)",
)
async def payment_status(
    transaction_id: str, user: AuthenticatedUser, payments: Payments, session: DbSession
) -> PaymentOut:
    payment = await payments.get(user, transaction_id)
    return PaymentOut.of(payment, await RefundRepository(session).for_payment(payment.id))


@router.get(
    "",
    response_model=list[PaymentOut],
    responses=error_responses(401, 403, 422),
    summary="Every payment attempt of an order (its owner or an admin)",
)
async def payments_of_order(
    user: AuthenticatedUser,
    payments: Payments,
    session: DbSession,
    order_id: Annotated[uuid.UUID, Query(description="The order")],
) -> list[PaymentOut]:
    refunds = RefundRepository(session)
    return [
        PaymentOut.of(p, await refunds.for_payment(p.id)) for p in await payments.for_order(user, order_id)
    ]
