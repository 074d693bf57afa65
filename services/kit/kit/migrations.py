"""Alembic for every service: run migrations from code, and the body of each service's env.py."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import URL, Connection
from sqlalchemy.ext.asyncio import create_async_engine


def alembic_config(service_root: Path, url: URL) -> Config:
    config = Config(str(service_root / "alembic.ini"))
    config.set_main_option("script_location", str(service_root / "alembic"))
    config.attributes["database_url"] = url
    return config


def upgrade(service_root: Path, url: URL, revision: str = "head") -> None:
    command.upgrade(alembic_config(service_root, url), revision)


def _run_sync(connection: Connection, metadata: MetaData) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: URL, metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run_sync, metadata)
    await engine.dispose()


def run_env(metadata: MetaData, default_url: URL) -> None:
    """What each service's alembic/env.py calls: offline SQL or online async migrations.

    The URL comes from the caller (`upgrade`) when set, else from the service's settings.
    """
    url: URL = context.config.attributes.get("database_url") or default_url
    if context.is_offline_mode():
        context.configure(
            url=url.render_as_string(hide_password=False), target_metadata=metadata, literal_binds=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_online(url, metadata))
