"""Carts in Redis: one hash `cart:{user_id}` of variant id -> quantity, expiring after idle days.

Redis runs with AOF on, so carts survive a restart; every read or write pushes the expiry back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from redis.asyncio import Redis


def cart_key(user_id: uuid.UUID) -> str:
    return f"cart:{user_id}"


class CartStore:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self.redis = redis
        self.ttl_seconds = ttl_seconds

    async def lines(self, user_id: uuid.UUID) -> dict[uuid.UUID, int]:
        key = cart_key(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(key)
            pipe.expire(key, self.ttl_seconds)
            raw, _ = await pipe.execute()
        lines: dict[uuid.UUID, int] = {}
        for field, value in raw.items():
            try:
                lines[uuid.UUID(field)] = int(value)
            except ValueError:
                continue  # not written by this service; ignore rather than fail the cart
        return {variant: quantity for variant, quantity in lines.items() if quantity > 0}

    async def put(self, user_id: uuid.UUID, variant_id: uuid.UUID, quantity: int) -> None:
        key = cart_key(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, str(variant_id), quantity)
            pipe.expire(key, self.ttl_seconds)
            await pipe.execute()

    async def remove(self, user_id: uuid.UUID, variant_ids: Iterable[uuid.UUID]) -> int:
        fields = [str(variant_id) for variant_id in variant_ids]
        if not fields:
            return 0
        removed: int = await self.redis.hdel(cart_key(user_id), *fields)
        return removed

    async def clear(self, user_id: uuid.UUID) -> None:
        await self.redis.delete(cart_key(user_id))
