"""Authentication: registration, login, refresh rotation, logout, password changes."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError

from core.auth.passwords import Passwords
from core.auth.schemas import AuthResponse, ChangePasswordRequest, LoginRequest, RegisterRequest
from core.auth.sessions import SessionStore
from core.config import CoreSettings
from core.users.models import User
from core.users.repository import UserRepository
from core.users.schemas import UserOut
from kit.auth import CurrentUser, TokenIssuer
from kit.errors import BadRequest, Forbidden, Unauthorized
from kit.ratelimit import hit, refund

LOGIN_FAILURE_WINDOW = 900  # seconds


class InvalidCredentials(Unauthorized):
    code = "invalid_credentials"
    message = "The e-mail or password is wrong."


class AccountInactive(Forbidden):
    code = "account_inactive"
    message = "This account has been deactivated."


class WrongPassword(BadRequest):
    code = "wrong_password"
    message = "The current password is wrong."


class SamePassword(BadRequest):
    code = "same_password"
    message = "The new password must differ from the current one."


@dataclass(frozen=True, slots=True)
class ClientInfo:
    ip: str
    user_agent: str


def email_digest(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:32]


class AuthService:
    def __init__(
        self,
        *,
        users: UserRepository,
        passwords: Passwords,
        tokens: TokenIssuer,
        sessions: SessionStore,
        redis: Redis,
        settings: CoreSettings,
    ) -> None:
        self.users = users
        self.passwords = passwords
        self.tokens = tokens
        self.sessions = sessions
        self.redis = redis
        self.settings = settings

    async def _issue(self, user: User, session_id: str, refresh_token: str) -> AuthResponse:
        access = self.tokens.issue(
            user_id=user.id,
            role=user.role,
            session_id=session_id,
            email=user.email,
            email_verified=user.is_verified,
        )
        return AuthResponse(
            access_token=access.token,
            refresh_token=refresh_token,
            expires_in=self.tokens.ttl_seconds,
            user=UserOut.model_validate(user),
        )

    async def start_session(self, user: User, client: ClientInfo) -> AuthResponse:
        session_id, refresh_token = await self.sessions.create(
            user.id, ip=client.ip, user_agent=client.user_agent
        )
        return await self._issue(user, session_id, refresh_token)

    async def register(self, body: RegisterRequest) -> User | None:
        """Create the customer; None when the address already has an account, after the same work (an
        Argon2 hash) so the two cannot be told apart by time either."""
        email = body.email.lower()
        password_hash = await self.passwords.hash(body.password)
        if await self.users.get_by_email(email) is not None:
            return None
        user = User(email=email, password_hash=password_hash, full_name=body.full_name)
        try:
            async with self.users.session.begin_nested():
                return await self.users.add(user)
        except IntegrityError:  # a concurrent registration of the address won the race
            return None

    async def login(self, body: LoginRequest, client: ClientInfo) -> AuthResponse:
        """Sign in, throttled per (account, client address): `LOGIN_FAILURE_LIMIT` wrong passwords for one
        account from one address in 15 minutes, then that pair waits (plus the per-address `login` limit on
        the route).

        There is deliberately no ceiling per account alone: any limit that refuses the right password once
        strangers have spent it lets anyone lock the owner out (the issue measured 20 wrong passwords from two
        addresses locking the owner out everywhere). Guessing from many addresses is slowed instead by the
        per-address limits, Argon2's cost on every try, and the pair limit multiplying with each address.
        """
        email = body.email.lower()
        scope = "login-account-address"
        pair = f"{email_digest(email)}:{client.ip}"
        service = self.settings.service_name
        limit = self.settings.rate_limit_overrides.get(scope, self.settings.login_failure_limit)
        # Counted before the check and refunded on success, so parallel guesses cannot overshoot the limit.
        await hit(self.redis, scope, pair, service=service, limit=limit, window=LOGIN_FAILURE_WINDOW)
        user = await self.users.get_by_email(email)
        # Always verify, against a dummy hash when the user is unknown: a miss takes as long as a hit.
        valid = await self.passwords.verify(user.password_hash if user else None, body.password)
        if user is None or not valid:
            raise InvalidCredentials()
        await refund(self.redis, scope, pair, service=service)
        if not user.is_active:
            raise AccountInactive()
        if self.passwords.needs_rehash(user.password_hash):
            user.password_hash = await self.passwords.hash(body.password)
        user.last_login_at = datetime.now(UTC)
        await self.users.save(user)
        return await self.start_session(user, client)

    async def refresh(self, refresh_token: str | None) -> AuthResponse:
        if not refresh_token:
            raise Unauthorized("A refresh token is required.")
        rotation = await self.sessions.rotate(refresh_token)
        user = await self.users.get(rotation.user_id)
        if user is None or not user.is_active:
            await self.sessions.revoke(rotation.session_id)
            raise AccountInactive() if user else Unauthorized("The refresh token is not valid.")
        return await self._issue(user, rotation.session_id, rotation.refresh_token)

    async def logout(self, current: CurrentUser) -> None:
        await self.sessions.revoke(current.session_id)

    async def change_password(self, current: CurrentUser, body: ChangePasswordRequest) -> int:
        """Change the password and revoke every other session; returns how many were revoked."""
        user = await self.users.get(current.id, for_update=True)
        if user is None or not user.is_active:
            raise Unauthorized()
        if not await self.passwords.verify(user.password_hash, body.current_password):
            raise WrongPassword()
        if body.new_password == body.current_password:
            raise SamePassword()
        await self.set_password(user, body.new_password)
        return await self.sessions.revoke_all(user.id, keep=current.session_id)

    async def set_password(self, user: User, password: str) -> None:
        user.password_hash = await self.passwords.hash(password)
        user.password_changed_at = datetime.now(UTC)
        await self.users.save(user)

    async def revoke_user(self, user_id: uuid.UUID) -> int:
        """Deactivation and password reset: every session and access token of the user ends."""
        return await self.sessions.revoke_user(user_id)
