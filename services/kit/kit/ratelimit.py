"""Fixed-window rate limits in Redis (`ratelimit:` keys), keyed on the real client IP or any key."""

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


async def hit(redis: Redis, scope: str, key: str, *, limit: int, window: int) -> None:
    """Count one hit of `key` in `scope`; raise `RateLimited` once more than `limit` fall in `window` s."""
    count, ttl = await redis.eval(_HIT, 1, f"ratelimit:{scope}:{key}", window)
    if int(count) > limit:
        raise RateLimited(retry_after=max(int(ttl), 1))


class RateLimit:
    """A dependency limiting an endpoint per client IP: ``Depends(RateLimit("login", 10, 60))``."""

    def __init__(self, scope: str, limit: int, window: int) -> None:
        self.scope = scope
        self.limit = limit
        self.window = window

    async def __call__(self, request: Request) -> None:
        overrides = request.app.state.settings.rate_limit_overrides
        limit = overrides.get(self.scope, self.limit)
        await hit(request.app.state.redis, self.scope, client_ip(request), limit=limit, window=self.window)
