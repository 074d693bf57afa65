"""Operator commands: `python -m commerce.cli migrate [--pending] | seed | expire-reservations |
send-order-emails`."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from commerce.catalog.cache import CatalogCache
from commerce.config import CommerceSettings
from commerce.emails.worker import OutboxWorker
from commerce.orders.expiry import expire_reservations
from commerce.seed.loader import SeedResult, load_catalog
from kit.db import Database
from kit.migrations import add_migrate_parser, migrate_command
from kit.redis import make_redis

SERVICE_ROOT = Path(__file__).resolve().parent.parent


async def seed(settings: CommerceSettings) -> SeedResult:
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    redis = make_redis(settings.redis_url.get_secret_value())
    try:
        async with database.sessionmaker() as session, session.begin():
            result = await load_catalog(session, settings.default_currency)
        if result.created or result.upgraded:
            await CatalogCache(redis).invalidate()
    finally:
        await redis.aclose()
        await database.dispose()
    return result


async def expire(settings: CommerceSettings) -> int:
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    redis = make_redis(settings.redis_url.get_secret_value())
    try:
        return await expire_reservations(database, redis, settings)
    finally:
        await redis.aclose()
        await database.dispose()


async def send_order_emails(settings: CommerceSettings) -> int:
    database = Database(settings.database_url, pool_size=1, max_overflow=0)
    try:
        worker, total = OutboxWorker(database, settings), 0
        while sent := await worker.deliver_due():
            total += sent
        return total
    finally:
        await database.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m commerce.cli", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    add_migrate_parser(commands)
    commands.add_parser("seed", help="load the demo catalog with its photos (idempotent)")
    commands.add_parser(
        "expire-reservations", help="expire unpaid orders past their reservation, freeing stock"
    )
    commands.add_parser("send-order-emails", help="send the order e-mails that are due now")
    args = parser.parse_args(argv)

    settings = CommerceSettings.from_environment()
    if args.command == "migrate":
        migrate_command(SERVICE_ROOT, settings.database_url, only_list_pending=args.pending)
    elif args.command == "seed":
        result = asyncio.run(seed(settings))
        print(  # noqa: T201
            f"seed: {result.created} products added ({result.variants} variants), {result.existing} already "
            f"present ({result.upgraded} given photos for their old pictures); {result.photos} photos stored"
        )
        if result.created or result.upgraded:
            print("seed: catalog changed")  # noqa: T201
    elif args.command == "send-order-emails":
        print(f"sent {asyncio.run(send_order_emails(settings))} order e-mails")  # noqa: T201
    else:
        print(f"expired {asyncio.run(expire(settings))} unpaid orders")  # noqa: T201


if __name__ == "__main__":
    main()
