"""Rate-limit keys carry the service's name, so each service's Redis user can be confined to its own."""

from __future__ import annotations

from collections.abc import Callable

from starlette.requests import Request

from kit.ratelimit import RateLimit, hit, ratelimit_key
from kit.settings import ServiceSettings

from .conftest import bare_service


async def test_rate_limit_keys_are_namespaced_by_service(
    bare_settings: Callable[..., ServiceSettings],
) -> None:
    async with bare_service(bare_settings(service_name="commerce")) as app:
        redis = app.state.redis
        await hit(redis, "checkout", "user-1", service="commerce", limit=5, window=60)
        keys = sorted([key async for key in redis.scan_iter("ratelimit:commerce:*")])
        await redis.delete(*keys)

    assert ratelimit_key("commerce", "checkout", "user-1") == "ratelimit:commerce:checkout:user-1"
    assert keys == ["ratelimit:commerce:checkout:user-1"]


async def test_the_per_ip_dependency_uses_the_service_name(
    bare_settings: Callable[..., ServiceSettings],
) -> None:
    async with bare_service(bare_settings(service_name="payment")) as app:
        scope = {"type": "http", "app": app, "headers": [], "client": ("203.0.113.9", 1), "method": "POST"}
        await RateLimit("payment-process", 30, 600)(Request(scope))
        keys = [key async for key in app.state.redis.scan_iter("ratelimit:payment:*")]
        await app.state.redis.delete(*keys)

    assert keys == ["ratelimit:payment:payment-process:203.0.113.9"]
