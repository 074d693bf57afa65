"""The provider the settings ask for."""

from __future__ import annotations

from kit.db import Database
from payment.config import PaymentSettings
from payment.providers.base import PaymentProvider
from payment.providers.offline import Deliver, OfflineProvider
from payment.providers.stripe_provider import StripeProvider


def make_provider(settings: PaymentSettings, database: Database, deliver: Deliver | None) -> PaymentProvider:
    if settings.provider_name == "stripe":
        return StripeProvider(
            api_key=settings.stripe_secret_key.get_secret_value(),
            api_base=settings.stripe_api_base,
            timeout=settings.stripe_timeout_seconds,
            max_network_retries=settings.stripe_max_network_retries,
        )
    return OfflineProvider(
        database=database,
        webhook_secret=settings.webhook_secret,
        fingerprint_secret=settings.fingerprint_secret,
        deliver=deliver if settings.offline_webhook_delivery == "self" else None,
    )
