"""Fixed-window rate limits in Redis, keyed on the real client IP or any key.

Keys are `ratelimit:{service}:{scope}:{key}`: each service's Redis user may touch only its own
`ratelimit:{service}:*`, so no service can reset (or fill) another's limits.
"""

from __future__ import annotations

from redis.asyncio import Redis
from starlette.requests import Request

from kit.clientip import client_ip
from kit.errors import RateLimited

# INCR and set the window's expiry in one round trip, atomically; returns (count, ttl).
_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}
"""

# Take one hit back, never creating the key (a DECR on an expired key would leave -1 without an expiry).
_REFUND = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0
"""


def ratelimit_key(service: str, scope: str, key: str) -> str:
    return f"ratelimit:{service}:{scope}:{key}"


async def count(redis: Redis, scope: str, key: str, *, service: str, window: int) -> tuple[int, int]:
    """Count one hit of `key` in `scope`; returns the hits in the window so far and its seconds left."""
    hits, ttl = await redis.eval(_HIT, 1, ratelimit_key(service, scope, key), window)
    return int(hits), max(int(ttl), 1)


async def hits_so_far(redis: Redis, scope: str, key: str, *, service: str) -> int:
    """The hits counted in the current window, without counting one."""
    value = await redis.get(ratelimit_key(service, scope, key))
    return int(value) if value is not None else 0


async def hit(redis: Redis, scope: str, key: str, *, service: str, limit: int, window: int) -> None:
    """Count one hit of `key` in `scope`; raise `RateLimited` once more than `limit` fall in `window` s."""
    hits, retry_after = await count(redis, scope, key, service=service, window=window)
    if hits > limit:
        raise RateLimited(retry_after=retry_after)


async def refund(redis: Redis, scope: str, key: str, *, service: str) -> None:
    """Take back a hit that turned out not to count (a limit on failures counts every try up front, so
    parallel tries cannot overshoot it, and refunds the ones that succeeded)."""
    await redis.eval(_REFUND, 1, ratelimit_key(service, scope, key))


class RateLimit:
    """A dependency limiting an endpoint per client IP: ``Depends(RateLimit("login", 10, 60))``."""

    def __init__(self, scope: str, limit: int, window: int) -> None:
        self.scope = scope
        self.limit = limit
        self.window = window

    async def __call__(self, request: Request) -> None:
        settings = request.app.state.settings
        limit = settings.rate_limit_overrides.get(self.scope, self.limit)
        await hit(
            request.app.state.redis,
            self.scope,
            client_ip(request),
            service=settings.service_name,
            limit=limit,
            window=self.window,
        )
