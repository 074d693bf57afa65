"""A bare service built by kit alone, as commerce and payment are: it verifies core's access tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, FastAPI
from pydantic import SecretStr

from kit.app import create_service_app
from kit.auth import AuthenticatedUser
from kit.settings import ServiceSettings
from kit.testing.apps import serve
from kit.testing.servers import RedisServer

router = APIRouter(prefix="/api/v1/things")


@router.get("/mine")
async def read_mine(user: AuthenticatedUser) -> dict[str, str]:
    return {"user": str(user.id)}


@router.post("/mine")
async def change_mine(user: AuthenticatedUser) -> dict[str, str]:
    return {"user": str(user.id)}


@pytest.fixture
def bare_settings(redis_server: RedisServer, jwt_keys: Path) -> Callable[..., ServiceSettings]:
    def build(**overrides: Any) -> ServiceSettings:
        values: dict[str, Any] = {
            "service_name": "bare",
            "environment": "test",
            "redis_url": SecretStr(redis_server.url),
            "jwt_public_key_file": jwt_keys / "jwt-public.pem",
            "log_level": "WARNING",
            **overrides,
        }
        return ServiceSettings(_env_file=None, **values)

    return build


@asynccontextmanager
async def bare_service(settings: ServiceSettings) -> AsyncIterator[FastAPI]:
    """The app with its lifespan running (no database is touched by these routes)."""
    app = create_service_app(settings, title="bare", version="0", description="", routers=[router])
    async with serve(app):
        yield app
