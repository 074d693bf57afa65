"""Operator commands, `python -m payment.cli <command>`.

migrate [--pending] | deliver-outbox [--all] | reconcile [--repair]
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from kit.db import Database
from kit.migrations import add_migrate_parser, migrate_command
from payment.commerce import CommerceClient
from payment.config import PaymentSettings
from payment.outbox.worker import DeliveryReport, OutboxDelivery
from payment.payments.reconcile import Difference, reconcile
from payment.providers.factory import make_provider

SERVICE_ROOT = Path(__file__).resolve().parent.parent


class _Resources:
    """What the commands need, outside the app: a small pool, the commerce client, the provider."""

    def __init__(self, settings: PaymentSettings) -> None:
        self.settings = settings
        self.database = Database(settings.database_url, pool_size=2, max_overflow=0)
        self.commerce = CommerceClient(
            settings.commerce_internal_url,
            settings.internal_api_token.get_secret_value(),
            settings.commerce_timeout_seconds,
        )
        self.provider = make_provider(settings, self.database, None)

    async def close(self) -> None:
        await self.provider.aclose()
        await self.commerce.aclose()
        await self.database.dispose()


async def deliver_outbox(settings: PaymentSettings, *, force: bool) -> DeliveryReport:
    resources = _Resources(settings)
    try:
        delivery = OutboxDelivery(resources.database, resources.commerce, resources.provider, settings)
        return await delivery.deliver_due(force=force)
    finally:
        await resources.close()


async def reconcile_payments(settings: PaymentSettings, *, repair: bool) -> list[Difference]:
    resources = _Resources(settings)
    try:
        return await reconcile(
            resources.database, resources.provider, resources.commerce, settings, repair=repair
        )
    finally:
        await resources.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m payment.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    add_migrate_parser(commands)
    deliver = commands.add_parser("deliver-outbox", help="send due paid/refunded messages to commerce now")
    deliver.add_argument(
        "--all", action="store_true", help="ignore the retry backoff: send every pending message"
    )
    check = commands.add_parser("reconcile", help="compare every payment with the provider's record")
    check.add_argument("--repair", action="store_true", help="apply the provider's state where they differ")
    args = parser.parse_args(argv)

    settings = PaymentSettings.from_environment()
    if args.command == "migrate":
        migrate_command(SERVICE_ROOT, settings.database_url, only_list_pending=args.pending)
        return 0
    if args.command == "deliver-outbox":
        report = asyncio.run(deliver_outbox(settings, force=args.all))
        summary = f"delivered {report.delivered}, refunded {report.refunded}"
        print(f"{summary}, retrying {report.retried}, dead {report.dead}")  # noqa: T201
        for error in report.errors:
            print(f"  {error}")  # noqa: T201
        return 0 if not report.retried and not report.dead else 1
    if settings.provider_name != "stripe":
        print("reconcile compares with Stripe; the offline provider has no records of its own elsewhere")  # noqa: T201
        return 2
    differences = asyncio.run(reconcile_payments(settings, repair=args.repair))
    for difference in differences:
        print(difference)  # noqa: T201
    print(f"{len(differences)} difference(s)")  # noqa: T201
    return 1 if any(not d.repaired for d in differences) else 0


if __name__ == "__main__":
    raise SystemExit(main())
