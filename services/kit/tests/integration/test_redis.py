from __future__ import annotations

from kit.redis import make_redis
from kit.testing.servers import RedisServer


async def test_a_closed_connection_is_replaced_without_failing_the_command(
    redis_server: RedisServer,
) -> None:
    client = make_redis(redis_server.url)
    admin = make_redis(redis_server.url)
    try:
        await client.set("kit:test:retry", "kept")
        # What a Redis restart or an ACL LOAD does to the pool's open connections.
        killed = await admin.client_kill_filter(_type="normal", skipme=True)
        assert killed >= 1

        assert await client.get("kit:test:retry") == "kept"
        assert await client.ping() is True
    finally:
        await client.delete("kit:test:retry")
        await client.aclose()
        await admin.aclose()
