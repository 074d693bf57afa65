"""Service-to-service authentication for `/internal/v1/...` endpoints, one token per caller.

A caller sends its own token in `X-Internal-Token`; the called service knows each caller's token from
INTERNAL_CALLER_TOKENS (`payment=<token>[,caller=<token>]`) and each internal route names the callers it
admits (`dependencies=[internal_caller("payment")]`). So a token is only where it is used, and one
caller's token opens only the routes meant for that caller. nginx never routes `/internal/`, so these
endpoints are reachable only on the private network; the token is the second lock.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from kit.errors import Forbidden, Unauthorized

INTERNAL_TOKEN_HEADER = "X-Internal-Token"  # noqa: S105  (a header name)


def _caller_of(request: Request, token: str) -> str | None:
    """The caller whose configured token this is (every entry compared, in constant time each)."""
    found = None
    for caller, expected in request.app.state.settings.internal_caller_tokens.items():
        secret = expected.get_secret_value()
        if secret and hmac.compare_digest(token.encode(), secret.encode()):
            found = caller
    return found


def internal_caller(*admitted: str) -> Any:
    """A route dependency: a valid caller token (else 401), of one of the `admitted` callers (else 403)."""

    async def require(
        request: Request,
        token: Annotated[str | None, Header(alias=INTERNAL_TOKEN_HEADER, include_in_schema=False)] = None,
    ) -> str:
        caller = _caller_of(request, token) if token else None
        if caller is None:
            raise Unauthorized("Internal endpoint: a valid service token is required.")
        if caller not in admitted:
            raise Forbidden("This internal endpoint does not admit this caller.")
        return caller

    return Depends(require)
