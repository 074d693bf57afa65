"""Running a service's app in its tests: a clean slate, the lifespan, and a client over ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from kit.db import make_engine
from kit.settings import ServiceSettings


async def reset_state(settings: ServiceSettings, tables: Sequence[str]) -> None:
    """Empty the service's tables and its Redis database, so each test starts from nothing."""
    engine = make_engine(settings.database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
    await engine.dispose()
    redis = Redis.from_url(settings.redis_url.get_secret_value())
    await redis.flushdb()
    await redis.aclose()


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[FastAPI]:
    """The app with its lifespan (database pool, Redis, background loops) running, as uvicorn runs it."""
    async with app.router.lifespan_context(app):
        yield app


def api_client(
    app: FastAPI,
    *,
    base_url: str,
    client_ip: str = "127.0.0.1",
    keep_cookies: bool = False,
    timeout: float = 60.0,
) -> httpx.AsyncClient:
    """An API client over ASGI from `client_ip`: cookies ignored (Bearer tokens) unless keep_cookies."""
    transport = httpx.ASGITransport(app=app, client=(client_ip, 50000))
    jar = CookieJar() if keep_cookies else CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    return httpx.AsyncClient(transport=transport, base_url=base_url, cookies=jar, timeout=timeout)
