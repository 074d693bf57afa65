"""kit's verification refuses a token core revoked by itself, by its session or by its user, in one read."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import jwt
import pytest
from pydantic import SecretStr
from redis.exceptions import NoPermissionError

from kit.auth import TokenIssuer, is_revoked, session_blacklist_key, user_blacklist_key
from kit.redis import make_redis
from kit.settings import ServiceSettings
from kit.testing.apps import api_client
from kit.testing.servers import RedisServer

from .conftest import bare_service


def issuer(keys: Path) -> TokenIssuer:
    return TokenIssuer(
        private_key=(keys / "jwt-private.pem").read_text(),
        algorithm="EdDSA",
        issuer="aarya-core",
        audience="aarya",
        ttl_seconds=900,
    )


async def test_a_revoked_session_or_user_ends_every_token_in_a_service_that_only_verifies(
    bare_settings: Callable[..., ServiceSettings], jwt_keys: Path
) -> None:
    tokens = issuer(jwt_keys)
    alice, bob = uuid.uuid4(), uuid.uuid4()
    session = uuid.uuid4().hex
    # Two tokens of one session (before and after a refresh), another session of the same user, another user.
    first, refreshed = (tokens.issue(user_id=alice, role="customer", session_id=session) for _ in range(2))
    other_session = tokens.issue(user_id=alice, role="customer", session_id=uuid.uuid4().hex)
    bystander = tokens.issue(user_id=bob, role="customer", session_id=uuid.uuid4().hex)

    async with bare_service(bare_settings()) as app, api_client(app, base_url="http://bare.test") as http:

        async def status(token: str) -> int:
            response = await http.get("/api/v1/things/mine", headers={"Authorization": f"Bearer {token}"})
            if response.status_code == 401:
                assert response.json()["error"]["message"] == "The access token has been revoked."
            return response.status_code

        assert [await status(t.token) for t in (first, refreshed, other_session)] == [200, 200, 200]
        await app.state.redis.set(session_blacklist_key(session), "1", ex=900)
        after_logout = [await status(t.token) for t in (first, refreshed, other_session)]
        await app.state.redis.set(user_blacklist_key(alice), f"{time.time():.3f}", ex=900)
        after_user = await status(other_session.token)
        bob_after = await status(bystander.token)
        await asyncio.sleep(0.002)  # the next millisecond: a sign-in after the revocation
        fresh = tokens.issue(user_id=alice, role="customer", session_id=uuid.uuid4().hex)
        fresh_status = await status(fresh.token)

    assert after_logout == [401, 401, 200]
    assert after_user == 401
    assert bob_after == 200
    assert fresh_status == 200


async def test_the_user_revocation_compares_milliseconds_not_seconds(
    bare_settings: Callable[..., ServiceSettings],
) -> None:
    """A password reset and the login right after it usually share a second: the new token must work."""
    user = uuid.uuid4()
    second = int(time.time())
    claims = {"sub": str(user), "sid": uuid.uuid4().hex, "jti": uuid.uuid4().hex, "iat": second}
    async with bare_service(bare_settings()) as app:
        redis = app.state.redis
        await redis.set(user_blacklist_key(user), f"{second}.500", ex=60)

        before = await is_revoked(redis, {**claims, "iat_ms": second * 1000 + 499})
        at = await is_revoked(redis, {**claims, "iat_ms": second * 1000 + 500})
        after = await is_revoked(redis, {**claims, "iat_ms": second * 1000 + 501})
        legacy = await is_revoked(redis, claims)  # no iat_ms: counted from the start of its second
        await redis.set(user_blacklist_key(user), "not a time", ex=60)
        unreadable = await is_revoked(redis, {**claims, "iat_ms": second * 1000 + 501})
        await redis.delete(user_blacklist_key(user))

    assert (before, at, after, legacy, unreadable) == (True, True, False, True, True)


def test_tokens_carry_their_issue_time_in_milliseconds(jwt_keys: Path) -> None:
    started = time.time_ns() // 1_000_000
    token = issuer(jwt_keys).issue(user_id=uuid.uuid4(), role="customer", session_id=uuid.uuid4().hex)
    claims = jwt.decode(token.token, options={"verify_signature": False})

    assert started <= claims["iat_ms"] <= time.time_ns() // 1_000_000
    assert claims["iat"] == claims["iat_ms"] // 1000
    assert claims["exp"] - claims["iat"] == 900


async def test_revocation_is_read_in_one_round_trip(
    bare_settings: Callable[..., ServiceSettings], jwt_keys: Path
) -> None:
    token = issuer(jwt_keys).issue(user_id=uuid.uuid4(), role="customer", session_id=uuid.uuid4().hex)
    async with bare_service(bare_settings()) as app, api_client(app, base_url="http://bare.test") as http:
        monitor = app.state.redis
        before = int((await monitor.info("commandstats")).get("cmdstat_mget", {}).get("calls", 0))
        other_before = {
            name: int((await monitor.info("commandstats")).get(f"cmdstat_{name}", {}).get("calls", 0))
            for name in ("get", "exists")
        }
        response = await http.get("/api/v1/things/mine", headers={"Authorization": f"Bearer {token.token}"})
        stats = await monitor.info("commandstats")

    assert response.status_code == 200
    assert int(stats["cmdstat_mget"]["calls"]) == before + 1
    for name, calls in other_before.items():
        assert int(stats.get(f"cmdstat_{name}", {}).get("calls", 0)) == calls


async def test_a_service_with_read_only_access_to_the_blacklist_verifies_and_cannot_unrevoke(
    bare_settings: Callable[..., ServiceSettings], jwt_keys: Path, redis_server: RedisServer
) -> None:
    """The deploy gives commerce and payment `%R~blacklist:*` (ansible/group_vars/stack.yml): one MGET is all
    verification needs, and a DEL of a revocation is refused."""
    admin = make_redis(redis_server.url)
    await admin.execute_command(  # type: ignore[no-untyped-call]
        "ACL",
        "SETUSER",
        "verifier",
        "on",
        ">verifier-pass",
        "resetkeys",
        "%R~blacklist:*",
        "~ratelimit:bare:*",
        "+@all",
        "-@admin",
        "-@dangerous",
    )
    session = uuid.uuid4().hex
    token = issuer(jwt_keys).issue(user_id=uuid.uuid4(), role="customer", session_id=session)
    await admin.set(session_blacklist_key(session), "1", ex=60)
    url = f"redis://verifier:verifier-pass@127.0.0.1:{redis_server.port}/0"
    try:
        async with bare_service(bare_settings(redis_url=SecretStr(url))) as app:
            async with api_client(app, base_url="http://bare.test") as http:
                revoked = await http.get(
                    "/api/v1/things/mine", headers={"Authorization": f"Bearer {token.token}"}
                )
            with pytest.raises(NoPermissionError):
                await app.state.redis.delete(session_blacklist_key(session))
    finally:
        await admin.delete(session_blacklist_key(session))
        await admin.acl_deluser("verifier")
        await admin.aclose()

    assert revoked.status_code == 401
    assert revoked.json()["error"]["message"] == "The access token has been revoked."
