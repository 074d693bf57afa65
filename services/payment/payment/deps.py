"""Dependency aliases of the payment service (`Annotated` types used by the routers)."""

from __future__ import annotations

import ipaddress
import re
from typing import Annotated

from fastapi import Depends, Request

from kit.clientip import client_ip
from kit.db import DbSession
from payment.commerce import CommerceClient
from payment.config import PaymentSettings
from payment.fraud.repository import FraudRepository
from payment.fraud.rules import Policy
from payment.fraud.service import FraudService
from payment.outbox.repository import OutboxRepository
from payment.payments.repository import PaymentRepository
from payment.payments.service import ClientContext, PaymentService
from payment.providers.base import PaymentProvider
from payment.refunds.service import RefundService
from payment.webhooks.repository import WebhookEventRepository
from payment.webhooks.service import WebhookService

_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _settings(request: Request) -> PaymentSettings:
    settings: PaymentSettings = request.app.state.settings
    return settings


def _provider(request: Request) -> PaymentProvider:
    provider: PaymentProvider = request.app.state.provider
    return provider


def _commerce(request: Request) -> CommerceClient:
    commerce: CommerceClient = request.app.state.commerce
    return commerce


Settings = Annotated[PaymentSettings, Depends(_settings)]
Provider = Annotated[PaymentProvider, Depends(_provider)]
Commerce = Annotated[CommerceClient, Depends(_commerce)]


def fraud_policy(settings: PaymentSettings) -> Policy:
    return Policy(
        review_threshold=settings.fraud_review_threshold,
        block_threshold=settings.fraud_block_threshold,
        disposable_domains=frozenset(settings.fraud_disposable_domains),
    )


def _fraud(session: DbSession, settings: Settings) -> FraudService:
    return FraudService(FraudRepository(session), fraud_policy(settings))


Fraud = Annotated[FraudService, Depends(_fraud)]


def _payment_service(
    session: DbSession, fraud: Fraud, provider: Provider, commerce: Commerce
) -> PaymentService:
    return PaymentService(
        payments=PaymentRepository(session),
        outbox=OutboxRepository(session),
        fraud=fraud,
        provider=provider,
        commerce=commerce,
    )


Payments = Annotated[PaymentService, Depends(_payment_service)]


def _refund_service(
    session: DbSession, provider: Provider, commerce: Commerce, settings: Settings
) -> RefundService:
    return RefundService.for_session(session, provider, commerce, settings)


Refunds = Annotated[RefundService, Depends(_refund_service)]


def _webhook_service(session: DbSession, refunds: Refunds) -> WebhookService:
    return WebhookService(
        events=WebhookEventRepository(session),
        payments=PaymentRepository(session),
        outbox=OutboxRepository(session),
        refunds=refunds,
    )


Webhooks = Annotated[WebhookService, Depends(_webhook_service)]


def ip_country(request: Request, ip: str, settings: PaymentSettings) -> str | None:
    """The client's country: nginx's GeoIP header when the peer is a trusted proxy, else the CIDR table.

    There is no GeoIP database in the service; without the header or a table entry the country is
    unknown and the country rule stays silent.
    """
    peer = request.client.host if request.client else ""
    try:
        peer_address = ipaddress.ip_address(peer)
    except ValueError:
        peer_address = None
    header = request.headers.get(settings.client_country_header, "").strip().upper()
    from_proxy = peer_address is not None and any(peer_address in net for net in settings.trusted_proxies)
    if from_proxy and _COUNTRY.match(header) and header not in ("XX", "ZZ"):
        return header
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    for network, country in settings.ip_country_networks.items():
        if address in network:
            return country
    return None


def _client(request: Request, settings: Settings) -> ClientContext:
    ip = client_ip(request)
    return ClientContext(ip=ip, ip_country=ip_country(request, ip, settings))


Client = Annotated[ClientContext, Depends(_client)]


def wake_outbox(request: Request) -> None:
    """Deliver what the request just committed now rather than at the next poll."""
    worker = getattr(request.app.state, "outbox_worker", None)
    if worker is not None:
        worker.wake()
