"""Carts in Redis: one hash `cart:{user_id}` of variant id -> quantity, expiring after idle days.

The hash also holds the discount code the shopper applied (field `CODE_FIELD`), so it expires and
clears with the cart; the cart and checkout re-check it (commerce.discounts.service).

Redis runs with AOF on, so carts survive a restart; every read or write pushes the expiry back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from redis.asyncio import Redis

CODE_FIELD = "discount_code"


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
            if field == CODE_FIELD:
                continue
            try:
                lines[uuid.UUID(field)] = int(value)
            except ValueError:
                continue  # not written by this service; ignore rather than fail the cart
        return {variant: quantity for variant, quantity in lines.items() if quantity > 0}

    async def put(self, user_id: uuid.UUID, variant_id: uuid.UUID, quantity: int) -> None:
        await self.put_field(user_id, str(variant_id), quantity)

    async def remove(self, user_id: uuid.UUID, variant_ids: Iterable[uuid.UUID]) -> int:
        fields = [str(variant_id) for variant_id in variant_ids]
        if not fields:
            return 0
        removed: int = await self.redis.hdel(cart_key(user_id), *fields)
        return removed

    async def code(self, user_id: uuid.UUID) -> str | None:
        code = await self.redis.hget(cart_key(user_id), CODE_FIELD)
        return code.decode() if isinstance(code, bytes) else code

    async def set_code(self, user_id: uuid.UUID, code: str) -> None:
        await self.put_field(user_id, CODE_FIELD, code)

    async def drop_code(self, user_id: uuid.UUID) -> bool:
        return bool(await self.redis.hdel(cart_key(user_id), CODE_FIELD))

    async def put_field(self, user_id: uuid.UUID, field: str, value: str | int) -> None:
        key = cart_key(user_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, field, value)
            pipe.expire(key, self.ttl_seconds)
            await pipe.execute()

    async def clear(self, user_id: uuid.UUID) -> None:
        await self.redis.delete(cart_key(user_id))
