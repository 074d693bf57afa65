"""Service-to-service authentication for `/internal/v1/...` endpoints.

The caller sends the shared INTERNAL_API_TOKEN in `X-Internal-Token`. nginx never routes `/internal/`,
so these endpoints are reachable only on the private network; the token is the second lock.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from kit.errors import Unauthorized

INTERNAL_TOKEN_HEADER = "X-Internal-Token"  # noqa: S105  (a header name)


async def _require_internal_caller(
    request: Request,
    token: Annotated[str | None, Header(alias=INTERNAL_TOKEN_HEADER, include_in_schema=False)] = None,
) -> None:
    expected = request.app.state.settings.internal_api_token.get_secret_value()
    if not expected or not token or not hmac.compare_digest(token.encode(), expected.encode()):
        raise Unauthorized("Internal endpoint: a valid service token is required.")


InternalCaller = Depends(_require_internal_caller)
