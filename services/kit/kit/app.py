"""The app factory every service uses: resources in the lifespan, middleware, errors, health."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from starlette.middleware.cors import CORSMiddleware

from kit.db import Database
from kit.errors import install_error_handlers
from kit.health import router as health_router
from kit.logging import configure_logging
from kit.metrics import Metrics
from kit.middleware import OriginCheckMiddleware, RequestContextMiddleware
from kit.redis import make_redis
from kit.settings import ServiceSettings

Hook = Callable[[FastAPI], Awaitable[None]]


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    version: str,
    description: str,
    routers: Sequence[APIRouter],
    on_startup: Sequence[Hook] = (),
    on_shutdown: Sequence[Hook] = (),
    openapi_tags: list[dict[str, Any]] | None = None,
) -> FastAPI:
    configure_logging(settings.service_name, settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database(
            settings.database_url,
            pool_size=settings.database_pool_size,
            max_overflow=settings.database_max_overflow,
        )
        app.state.redis = make_redis(settings.redis_url.get_secret_value())
        for hook in on_startup:
            await hook(app)
        try:
            yield
        finally:
            for hook in on_shutdown:
                await hook(app)
            await app.state.redis.aclose()
            await app.state.database.dispose()

    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        debug=settings.debug,
        openapi_tags=openapi_tags,
    )
    app.state.settings = settings
    app.state.metrics = Metrics(settings.service_name)
    install_error_handlers(app)
    app.add_middleware(
        OriginCheckMiddleware,
        trusted_proxies=settings.trusted_proxies,
        allowed_origins=settings.cors_allowed_origins,
    )
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    if settings.cors_allowed_origins:
        # Only for a storefront on another origin (`make dev`); the deployed shop is same-origin and sends
        # no CORS headers. Explicit origins only (never `*`), since requests carry the session cookies.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allowed_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Request-ID"],
            expose_headers=["Idempotent-Replayed", "Retry-After", "X-Request-ID"],
            max_age=600,
        )
    app.include_router(health_router)
    for router in routers:
        app.include_router(router)
    return app
