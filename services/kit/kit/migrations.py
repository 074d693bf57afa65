"""Alembic for every service: run migrations from code, and the body of each service's env.py."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import URL, Connection

from kit.db import make_engine


def alembic_config(service_root: Path, url: URL) -> Config:
    config = Config(str(service_root / "alembic.ini"))
    config.set_main_option("script_location", str(service_root / "alembic"))
    config.attributes["database_url"] = url
    return config


def upgrade(service_root: Path, url: URL, revision: str = "head") -> None:
    command.upgrade(alembic_config(service_root, url), revision)


async def _current_heads(url: URL) -> tuple[str, ...]:
    engine = make_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_heads()
            )
    finally:
        await engine.dispose()


def pending(service_root: Path, url: URL) -> list[str]:
    """The revisions `upgrade` would apply, oldest first (empty when the database is at head)."""
    script = ScriptDirectory.from_config(alembic_config(service_root, url))
    current = asyncio.run(_current_heads(url))
    return [revision.revision for revision in reversed(list(script.iterate_revisions("heads", current)))]


def migrate_command(service_root: Path, url: URL, *, only_list_pending: bool) -> None:
    """`<service>.cli migrate [--pending]`: apply the migrations, or print the pending revisions one per line.

    The deploy asks `--pending` first and snapshots the database when anything is printed.
    """
    if only_list_pending:
        sys.stdout.writelines(f"{revision}\n" for revision in pending(service_root, url))
        return
    upgrade(service_root, url)


def add_migrate_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("migrate", help="apply the database migrations (alembic upgrade head)")
    parser.add_argument(
        "--pending",
        action="store_true",
        help="print the revisions not yet applied, one per line; change nothing",
    )


def _run_sync(connection: Connection, metadata: MetaData) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online(url: URL, metadata: MetaData) -> None:
    engine = make_engine(url, poolclass=pool.NullPool)
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
