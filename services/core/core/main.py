"""The core service app (uvicorn core.main:app, port 8001)."""

from __future__ import annotations

from fastapi import FastAPI

from core import __version__
from core.admin.router import router as admin_router
from core.auth.passwords import Passwords
from core.auth.router import router as auth_router
from core.config import CoreSettings
from core.mail import make_mailer
from core.users.router import router as users_router
from kit.app import create_service_app
from kit.auth import TokenIssuer


def create_app(settings: CoreSettings | None = None) -> FastAPI:
    settings = settings or CoreSettings.from_environment()
    settings.require_secrets()

    async def start(app: FastAPI) -> None:
        app.state.passwords = Passwords(
            time_cost=settings.argon2_time_cost,
            memory_cost_kib=settings.argon2_memory_cost_kib,
            parallelism=settings.argon2_parallelism,
            concurrency=settings.password_hash_concurrency,
        )
        app.state.tokens = TokenIssuer(
            private_key=settings.jwt_private_key,
            algorithm=settings.jwt_algorithm,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=settings.access_token_ttl_seconds,
        )
        app.state.guest_tokens = TokenIssuer(
            private_key=settings.jwt_private_key,
            algorithm=settings.jwt_algorithm,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl_seconds=settings.guest_token_ttl_seconds,
        )
        app.state.mailer = make_mailer(settings)

    return create_service_app(
        settings,
        title="Aarya Clothing core",
        version=__version__,
        description="Accounts, sign-in, one-time codes and user administration.",
        routers=[auth_router, users_router, admin_router],
        on_startup=[start],
        openapi_tags=[
            {"name": "auth", "description": "Registration, sign-in, tokens and one-time codes"},
            {"name": "users", "description": "Profiles"},
            {"name": "admin", "description": "User administration (admins only)"},
            {"name": "ops", "description": "Health and metrics"},
        ],
    )


def app() -> FastAPI:
    """Factory for `uvicorn --factory core.main:app`."""
    return create_app()
