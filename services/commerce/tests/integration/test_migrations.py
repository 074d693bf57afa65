"""The schema comes from Alembic alone: it upgrades, downgrades and matches the models."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from commerce.cli import SERVICE_ROOT
from commerce.config import CommerceSettings
from commerce.db import Base
from kit.migrations import alembic_config, upgrade
from kit.testing.servers import PostgresServer


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrations_go_down_and_up_again_and_match_the_models(
    migrated_database: PostgresServer, settings: CommerceSettings
) -> None:
    migrated_database.create_database("commerce_migrations")
    url = settings.database_url.set(database="commerce_migrations")

    def down_and_up() -> None:  # Alembic runs its own event loop: in a thread beside the test's
        upgrade(SERVICE_ROOT, url)
        command.downgrade(alembic_config(SERVICE_ROOT, url), "base")
        upgrade(SERVICE_ROOT, url)

    await asyncio.to_thread(down_and_up)

    engine = create_async_engine(url, poolclass=NullPool)
    async with engine.connect() as connection:
        differences = await connection.run_sync(_differences)
    await engine.dispose()
    assert differences == []
