"""Async SQLAlchemy: engine, one session per request, the naming convention every schema uses."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import MetaData
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


def connect_arguments(url: URL | str) -> tuple[URL, dict[str, Any]]:
    """The URL asyncpg is given and its connect arguments, from a URL that may carry libpq's TLS parameters.

    ``sslmode=verify-full&sslrootcert=<CA file>`` (what ServiceSettings.database_url adds when
    DATABASE_SSL_CA is set) becomes an SSL context that trusts that CA alone and checks the server's name or
    address; asyncpg takes no such URL parameters, so they leave the URL.
    """
    url = make_url(url)
    mode = url.query.get("sslmode")
    ca_file = url.query.get("sslrootcert")
    url = url.difference_update_query(["sslmode", "sslrootcert"])
    if mode is None and ca_file is None:
        return url, {}
    if mode != "verify-full" or not isinstance(ca_file, str):
        raise ValueError("a database URL's TLS is sslmode=verify-full with sslrootcert=<CA file>")
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return url, {"ssl": context}


def make_engine(url: URL | str, **options: Any) -> AsyncEngine:
    """An async engine for a service's database URL, over TLS when the URL asks for it (connect_arguments)."""
    engine_url, connect_args = connect_arguments(url)
    return create_async_engine(engine_url, connect_args=connect_args, **options)


class Database:
    """The engine and session factory of one service."""

    def __init__(self, url: URL | str, *, pool_size: int = 10, max_overflow: int = 20) -> None:
        self.engine: AsyncEngine = make_engine(
            url,
            pool_size=pool_size,
            max_overflow=max_overflow,
            pool_pre_ping=True,
            pool_recycle=1800,
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    async def dispose(self) -> None:
        await self.engine.dispose()


async def request_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: committed when the endpoint returns, rolled back when it raises.

    Used with ``scope="function"`` so the commit happens before the response is sent: a client never
    sees a success whose transaction did not commit.
    """
    database: Database = request.app.state.database
    async with database.sessionmaker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


DbSession = Annotated[AsyncSession, Depends(request_session, scope="function")]
