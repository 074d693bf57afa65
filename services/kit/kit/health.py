"""`GET /health` (database and Redis probed; 503 when one is down) and `GET /metrics` (ops only).

The health body uses the original design's words: `healthy`/`unhealthy`, for the service and for each
dependency. `version` is the release's version (the release id the deploy sets as AARYA_RELEASE, else the
package version) and `mode` says whether this is a demo shop (SHOP_DEMO_MODE) or a live one.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
from datetime import UTC, datetime
from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from sqlalchemy import text

from kit.clientip import client_ip
from kit.errors import Forbidden, error_responses
from kit.metrics import Metrics

PROBE_TIMEOUT_SECONDS = 2.0

RELEASE_VARIABLE = "AARYA_RELEASE"

logger = logging.getLogger(__name__)

DependencyState = Literal["healthy", "unhealthy"]


class Dependencies(BaseModel):
    database: DependencyState
    redis: DependencyState


class Health(BaseModel):
    status: Literal["healthy", "unhealthy"]
    service: str
    version: str
    timestamp: datetime
    dependencies: Dependencies
    mode: Literal["demo", "live"]


router = APIRouter(tags=["ops"])


async def _probe_database(request: Request) -> DependencyState:
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
            async with request.app.state.database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception:
        return "unhealthy"
    return "healthy"


async def _probe_redis(request: Request) -> DependencyState:
    try:
        async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
            await request.app.state.redis.ping()
    except Exception:
        return "unhealthy"
    return "healthy"


@router.get(
    "/health",
    response_model=Health,
    responses={503: {"model": Health, "description": "A dependency is down"}},
    summary="Liveness and dependency health",
)
async def health(request: Request) -> JSONResponse:
    database, redis = await asyncio.gather(_probe_database(request), _probe_redis(request))
    settings = request.app.state.settings
    body = Health(
        status="healthy" if database == redis == "healthy" else "unhealthy",
        service=settings.service_name,
        version=os.environ.get(RELEASE_VARIABLE) or request.app.version,
        timestamp=datetime.now(UTC),
        dependencies=Dependencies(database=database, redis=redis),
        mode="demo" if settings.shop_demo_mode else "live",
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if body.status == "healthy" else 503)


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}, **error_responses(403)},
    summary="Prometheus metrics (loopback and ops networks only)",
)
async def metrics(request: Request) -> Response:
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        address = None
    allowed = request.app.state.settings.metrics_allowed_networks
    if address is None or not any(address in network for network in allowed):
        raise Forbidden("Metrics are served to the operations network only.")
    metrics: Metrics = request.app.state.metrics
    for refresh in metrics.before_scrape:
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
                await refresh()
        except Exception:
            logger.warning("metrics refresh failed; serving the last values", exc_info=True)
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
