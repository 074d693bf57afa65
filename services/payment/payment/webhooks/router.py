from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Header, Request

from kit.errors import error_responses
from payment.deps import Settings, Webhooks, wake_outbox
from payment.webhooks.schemas import WebhookAck
from payment.webhooks.service import verify

router = APIRouter(prefix="/api/v1/payments", tags=["webhooks"])


@router.post(
    "/verify",
    response_model=WebhookAck,
    responses=error_responses(400, 422),
    summary="Provider webhook (Stripe, or the offline provider): signed events",
    description=(
        "The raw body must carry a valid `Stripe-Signature` (HMAC-SHA256 with STRIPE_WEBHOOK_SECRET, at most "
        "300 s old): otherwise 400 `invalid_signature`. Each event is stored by its id before it is acted "
        "on, so a replay answers 200 with `duplicate: true` and changes nothing."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object", "description": "A Stripe event"}}},
        }
    },
)
async def webhook(
    request: Request,
    webhooks: Webhooks,
    settings: Settings,
    background: BackgroundTasks,
    stripe_signature: Annotated[str | None, Header(alias="Stripe-Signature", include_in_schema=False)] = None,
) -> WebhookAck:
    event = verify(
        await request.body(), stripe_signature, settings.webhook_secret, settings.webhook_tolerance_seconds
    )
    outcome = await webhooks.handle(event)
    request.app.state.payment_metrics.webhooks.labels(outcome.type, str(outcome.duplicate).lower()).inc()
    background.add_task(wake_outbox, request)
    return WebhookAck(
        event_id=outcome.event_id, type=outcome.type, duplicate=outcome.duplicate, outcome=outcome.outcome
    )
