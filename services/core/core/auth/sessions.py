"""Refresh sessions in Redis: opaque rotating refresh tokens, one family per login.

`session:{sid}` holds the hash of the family's current refresh token; `session:user:{user_id}` indexes a
user's families. Presenting a refresh token that has already been rotated means it leaked: the whole family
is revoked. Revoking a family writes `blacklist:sid:{sid}`, revoking a user `blacklist:user:{user_id}`
(kit.auth), so every access token the family or user was issued stops working in every service at once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
import uuid
from dataclasses import dataclass

from redis.asyncio import Redis

from kit.auth import session_blacklist_key, user_blacklist_key
from kit.errors import Unauthorized

# Compare-and-swap the family's current token hash. 1: rotated, 0: no such family, -1: stale token.
_ROTATE = """
local current = redis.call('HGET', KEYS[1], 'token_hash')
if not current then return 0 end
if current ~= ARGV[1] then return -1 end
redis.call('HSET', KEYS[1], 'token_hash', ARGV[2], 'rotated_at', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"""


# A session id is uuid4().hex and a secret token_urlsafe(32): 43 URL-safe characters.
_SESSION_ID = re.compile(r"[0-9a-f]{32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")


def _session_key(sid: str) -> str:
    return f"session:{sid}"


def _user_key(user_id: uuid.UUID | str) -> str:
    return f"session:user:{user_id}"


def _text(value: bytes | str | None) -> str:
    """The client decodes responses; this narrows redis-py's `bytes | str` for the type checker."""
    return value.decode() if isinstance(value, bytes) else (value or "")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Rotation:
    user_id: uuid.UUID
    session_id: str
    refresh_token: str


class SessionStore:
    def __init__(self, redis: Redis, ttl_seconds: int, access_ttl_seconds: int) -> None:
        self.redis = redis
        self.ttl = ttl_seconds
        # Revocations outlive every access token they cover by being kept for one access-token lifetime.
        self.access_ttl = access_ttl_seconds

    async def create(self, user_id: uuid.UUID, *, ip: str, user_agent: str) -> tuple[str, str]:
        """Start a family; returns (session id, refresh token)."""
        sid = uuid.uuid4().hex
        secret = secrets.token_urlsafe(32)
        now = str(int(time.time()))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(
                _session_key(sid),
                mapping={
                    "user_id": str(user_id),
                    "token_hash": _digest(secret),
                    "created_at": now,
                    "rotated_at": now,
                    "ip": ip,
                    "user_agent": user_agent[:200],
                },
            )
            pipe.expire(_session_key(sid), self.ttl)
            pipe.sadd(_user_key(user_id), sid)
            pipe.expire(_user_key(user_id), self.ttl)
            await pipe.execute()
        return sid, f"{sid}.{secret}"

    async def rotate(self, refresh_token: str) -> Rotation:
        sid, _, secret = refresh_token.partition(".")
        # Checked before Redis sees it: a crafted id such as `user:<uuid>` would name another kind of key.
        if not _SESSION_ID.fullmatch(sid) or not _SECRET.fullmatch(secret):
            raise Unauthorized("The refresh token is not valid.")
        new_secret = secrets.token_urlsafe(32)
        result = await self.redis.eval(
            _ROTATE, 1, _session_key(sid), _digest(secret), _digest(new_secret), int(time.time()), self.ttl
        )
        if int(result) == 0:
            raise Unauthorized("The refresh token is not valid or has expired.")
        if int(result) == -1:
            await self.revoke(sid)
            raise Unauthorized("The refresh token was already used; the session has been revoked.")
        user_id = _text(await self.redis.hget(_session_key(sid), "user_id"))
        if not user_id:
            raise Unauthorized("The refresh token is not valid or has expired.")
        # A family kept alive by refreshes must stay in the user's index, or revoking the user would miss it.
        await self.redis.expire(_user_key(user_id), self.ttl)
        return Rotation(uuid.UUID(user_id), sid, f"{sid}.{new_secret}")

    async def revoke(self, sid: str) -> None:
        """End the family and every access token it was issued, in every service, at once."""
        user_id = _text(await self.redis.hget(_session_key(sid), "user_id"))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.set(session_blacklist_key(sid), "1", ex=self.access_ttl)
            pipe.delete(_session_key(sid))
            if user_id:
                pipe.srem(_user_key(user_id), sid)
            await pipe.execute()

    async def revoke_all(self, user_id: uuid.UUID, *, keep: str) -> int:
        """End every other family of the user (a password change keeps the session that made it)."""
        revoked = 0
        for member in await self.redis.smembers(_user_key(user_id)):
            sid = _text(member)
            if sid != keep:
                await self.revoke(sid)
                revoked += 1
        return revoked

    async def revoke_user(self, user_id: uuid.UUID) -> int:
        """End every family of the user and every access token issued to the user until now."""
        revoked_ms = time.time_ns() // 1_000_000
        # Written first, so a token minted while the families are being deleted is covered; each family is
        # also revoked by id, which covers a refresh already past its rotation when this runs.
        await self.redis.set(
            user_blacklist_key(user_id), f"{revoked_ms // 1000}.{revoked_ms % 1000:03d}", ex=self.access_ttl
        )
        members = [_text(member) for member in await self.redis.smembers(_user_key(user_id))]
        async with self.redis.pipeline(transaction=True) as pipe:
            for sid in members:
                pipe.set(session_blacklist_key(sid), "1", ex=self.access_ttl)
                pipe.delete(_session_key(sid))
            pipe.delete(_user_key(user_id))
            await pipe.execute()
        return len(members)
