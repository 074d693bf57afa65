"""Catalog reads cached in Redis under `cache:products:<version>:…`.

Every catalog or stock write bumps `cache:products:version` (one INCR) after its transaction commits,
so every cached page becomes unreachable at once and expires by TTL. Redis errors never fail a read:
the catalog is then served from PostgreSQL.
"""

from __future__ import annotations

import hashlib
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger("commerce.cache")

VERSION_KEY = "cache:products:version"


def _text(value: bytes | str | None) -> str | None:
    return value.decode() if isinstance(value, bytes) else value


# One round trip per read: the current version, then the entry stored under it. (The entry's key is
# built in the script, which is fine on a single Redis; a cluster would need a hash tag.)
_LOOKUP = """
local version = redis.call('GET', KEYS[1]) or '0'
local key = 'cache:products:' .. version .. ':' .. ARGV[1]
return {key, redis.call('GET', key)}
"""


class CatalogCache:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self.redis = redis
        self.ttl_seconds = ttl_seconds

    async def lookup(self, kind: str, identity: str) -> tuple[str | None, str | None]:
        """(key at the current catalog version, cached JSON or None); (None, None) if Redis is down."""
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        try:
            key, value = await self.redis.eval(_LOOKUP, 1, VERSION_KEY, f"{kind}:{digest}")
        except RedisError:
            logger.warning("catalog cache unavailable; reading from the database")
            return None, None
        return _text(key), _text(value)

    async def put(self, key: str | None, payload: str) -> None:
        if key is None:
            return
        try:
            await self.redis.set(key, payload, ex=self.ttl_seconds)
        except RedisError:
            logger.warning("catalog cache unavailable; the read was not cached")

    async def invalidate(self) -> None:
        """Call only after the write committed: a read between an early bump and the commit would
        cache the old data under the new version."""
        try:
            await self.redis.incr(VERSION_KEY)
        except RedisError:
            logger.warning("catalog cache version not bumped; cached reads expire within the TTL")
