"""Dependency aliases of the core service (`Annotated` types used by the routers)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from core.auth.service import AuthService, ClientInfo
from core.auth.sessions import SessionStore
from core.config import CoreSettings
from core.otp.repository import OtpRepository
from core.otp.service import OtpService
from core.users.repository import UserRepository
from kit.auth import TokenIssuer
from kit.clientip import client_ip
from kit.db import DbSession
from kit.redis import RedisClient


def _settings(request: Request) -> CoreSettings:
    settings: CoreSettings = request.app.state.settings
    return settings


def _users(session: DbSession) -> UserRepository:
    return UserRepository(session)


Settings = Annotated[CoreSettings, Depends(_settings)]
Users = Annotated[UserRepository, Depends(_users)]


def _auth_service(request: Request, users: Users, redis: RedisClient, settings: Settings) -> AuthService:
    return AuthService(
        users=users,
        passwords=request.app.state.passwords,
        tokens=request.app.state.tokens,
        # Revocations outlive every access token they cover, a guest's longer one included.
        sessions=SessionStore(
            redis,
            settings.refresh_token_ttl_seconds,
            max(settings.access_token_ttl_seconds, settings.guest_token_ttl_seconds),
        ),
        redis=redis,
        settings=settings,
    )


Auth = Annotated[AuthService, Depends(_auth_service)]


def _otp_service(
    request: Request, session: DbSession, users: Users, auth: Auth, redis: RedisClient, settings: Settings
) -> OtpService:
    return OtpService(
        session=session,
        users=users,
        otps=OtpRepository(session),
        auth=auth,
        mailer=request.app.state.mailer,
        redis=redis,
        settings=settings,
    )


Otps = Annotated[OtpService, Depends(_otp_service)]


def _client(request: Request) -> ClientInfo:
    return ClientInfo(ip=client_ip(request), user_agent=request.headers.get("user-agent", ""))


Client = Annotated[ClientInfo, Depends(_client)]


def _guest_tokens(request: Request) -> TokenIssuer:
    issuer: TokenIssuer = request.app.state.guest_tokens
    return issuer


GuestTokens = Annotated[TokenIssuer, Depends(_guest_tokens)]
