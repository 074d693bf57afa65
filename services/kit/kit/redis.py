"""The Redis client of a service (one connection pool, namespaced keys)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# A pooled connection Redis has closed (a restart, ACL LOAD, an idle timeout) fails the first command sent on
# it; connections made from a URL do not retry by default, so that command's request failed. Retry on a fresh
# connection, a few times within about a second, which also rides out a quick Redis restart.
RETRY = Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=4)


def make_redis(url: str) -> Redis:
    return Redis.from_url(
        url,
        decode_responses=True,
        health_check_interval=30,
        socket_timeout=5,
        retry=RETRY,
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
    )


def get_redis(request: Request) -> Redis:
    redis: Redis = request.app.state.redis
    return redis


RedisClient = Annotated[Redis, Depends(get_redis)]
