"""Catalog reads cached in each worker's memory, invalidated through one small Redis counter.

The shared Redis (`noeviction`: sessions, carts, rate limits, the revocation list) holds no cached page:
anonymous shoppers choose the queries, and one key per distinct query let them fill it and break logins.
Each worker keeps a bounded LRU (`CacheEntries`: at most CATALOG_CACHE_MAX_ENTRIES entries and
CATALOG_CACHE_MAX_BYTES of JSON, each at most CATALOG_CACHE_TTL_SECONDS old) keyed by the canonical
query (`canonical_query`: sorted, normalised, defaults dropped), so `?size=M&colour=blue` and
`?colour=blue&size=M` are one entry. Every catalog or stock write INCRs `cache:catalog:version` after its
transaction commits; an entry remembers the version it was built at and serves only while that is still
the version, which every read fetches (one GET). Redis errors never fail a read: the catalog is then
served from PostgreSQL, uncached.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger("commerce.cache")

VERSION_KEY = "cache:catalog:version"


# List filters the catalog matches without regard to case (commerce.catalog.repository).
CASELESS_LISTS = frozenset({"brand", "colour"})


def canonical_query(filters: BaseModel) -> str:
    """One text per meaning: defaults dropped, lists deduplicated and sorted (folded where the match
    ignores case), keys sorted, runs of spaces in `q` made one."""
    values: dict[str, Any] = filters.model_dump(mode="json", exclude_defaults=True)
    for name, value in values.items():
        if isinstance(value, list):
            items = {str(item).lower() if name in CASELESS_LISTS else str(item) for item in value}
            values[name] = sorted(items)
        elif name == "q" and isinstance(value, str):
            values[name] = " ".join(value.split())
    return json.dumps(values, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class _Entry:
    version: str
    stored_at: float
    payload: str


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a read's result goes: its key, at the catalog version current when it was looked up."""

    key: str
    version: str


class CacheEntries:
    """One worker's cached catalog reads: least recently used first out, bounded in count and size."""

    def __init__(self, *, max_entries: int, max_bytes: int, ttl_seconds: float) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.ttl_seconds = ttl_seconds
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def get(self, key: str, version: str) -> str | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.version != version or time.monotonic() - entry.stored_at > self.ttl_seconds:
            self._drop(key)
            return None
        self._entries.move_to_end(key)
        return entry.payload

    def put(self, key: str, version: str, payload: str) -> None:
        if len(payload) > self.max_bytes:
            return
        self._drop(key)
        self._entries[key] = _Entry(version, time.monotonic(), payload)
        self._bytes += len(payload)
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._bytes -= len(entry.payload)


class CatalogCache:
    """The catalog's cache as a request sees it; without `entries` (the CLI) it only invalidates."""

    def __init__(self, redis: Redis, entries: CacheEntries | None = None) -> None:
        self.redis = redis
        self.entries = entries

    async def lookup(self, kind: str, identity: str) -> tuple[Slot | None, str | None]:
        """(slot at the current catalog version, cached JSON or None); (None, None) if Redis is down."""
        if self.entries is None:
            return None, None
        try:
            raw = await self.redis.get(VERSION_KEY)
        except RedisError:
            logger.warning("catalog cache version unavailable; reading from the database")
            return None, None
        version = raw.decode() if isinstance(raw, bytes) else str(raw or "0")
        slot = Slot(f"{kind}:{identity}", version)
        return slot, self.entries.get(slot.key, slot.version)

    async def put(self, slot: Slot | None, payload: str) -> None:
        if slot is not None and self.entries is not None:
            self.entries.put(slot.key, slot.version, payload)

    async def invalidate(self) -> None:
        """Call only after the write committed: a read between an early bump and the commit would
        cache the old data under the new version."""
        try:
            await self.redis.incr(VERSION_KEY)
        except RedisError:
            logger.warning("catalog cache version not bumped; cached reads expire within the TTL")
