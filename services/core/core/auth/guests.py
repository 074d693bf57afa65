"""Guest checkout sessions: an access token with role "guest" and no account behind it.

Each call mints a fresh guest id (`sub`), never one derived from the e-mail address: typing someone
else's address starts an empty session that reaches none of their orders. The address rides in the
`email` claim (unverified), so commerce can snapshot it on the order and its verified owner can claim the
order later by signing in.
"""

from __future__ import annotations

import uuid

from core.auth.schemas import GuestRequest, GuestSession
from kit.auth import TokenIssuer

GUEST_ROLE = "guest"


def start_guest_session(issuer: TokenIssuer, body: GuestRequest) -> GuestSession:
    guest_id = uuid.uuid4()
    access = issuer.issue(
        user_id=guest_id,
        role=GUEST_ROLE,
        session_id=f"guest-{uuid.uuid4().hex}",
        email=str(body.email),
        email_verified=False,
    )
    return GuestSession(
        access_token=access.token,
        expires_in=issuer.ttl_seconds,
        guest_id=str(guest_id),
        email=str(body.email),
        full_name=body.full_name,
    )
