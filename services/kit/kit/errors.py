"""The one error type of the services and the one handler that turns it into JSON.

Domain code raises `AppError` subclasses; nothing else builds an HTTP error body. Validation errors,
Starlette's HTTP errors and unexpected exceptions are mapped to the same shape:
``{"error": {"code": ..., "message": ..., "details": ...}}``; a stack trace never reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar, cast

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("kit.errors")

# What PostgreSQL answers for text holding a NUL character (U+0000), which it cannot store: 22021
# (character_not_in_repertoire) for text values, 22P05 (untranslatable_character) for `\u0000` in jsonb.
# Nothing the services write holds one, so it came from the request: found by the fuzz run (tests/fuzz) as
# 500s from any query parameter, path segment or body field that reaches a query.
NUL_IN_TEXT_SQLSTATES = frozenset({"22021", "22P05"})


class AppError(Exception):
    """Base of every error a service raises on purpose."""

    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    message: ClassVar[str] = "The request could not be processed."

    def __init__(
        self,
        message: str | None = None,
        *,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.detail_message = message or self.message
        self.details = details
        self.headers = headers
        super().__init__(self.detail_message)


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"
    message = "Authentication is required."

    def __init__(self, message: str | None = None, *, details: Any = None) -> None:
        super().__init__(message, details=details, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"
    message = "You are not allowed to do this."


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    message = "The resource does not exist."


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    message = "The request conflicts with the current state."


class Unprocessable(AppError):
    status_code = 422
    code = "validation_error"
    message = "The request body is not valid."


class RateLimited(AppError):
    status_code = 429
    code = "rate_limited"
    message = "Too many requests; try again later."

    def __init__(self, retry_after: int, message: str | None = None) -> None:
        super().__init__(
            message, details={"retry_after": retry_after}, headers={"Retry-After": str(retry_after)}
        )


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"
    message = "A dependency is unavailable; try again shortly."


class ErrorBody(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    """The JSON body of every 4xx and 5xx response."""

    error: ErrorBody


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries documenting the error body for the given status codes."""
    return {code: {"model": ErrorResponse} for code in status_codes}


def _body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": jsonable_encoder(details)}}


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    exc = cast(AppError, exc)
    return JSONResponse(
        _body(exc.code, exc.detail_message, exc.details), status_code=exc.status_code, headers=exc.headers
    )


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    errors = cast(RequestValidationError, exc).errors()
    details = [
        {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
        for err in errors
    ]
    return JSONResponse(_body("validation_error", "The request is not valid.", details), status_code=422)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    exc = cast(StarletteHTTPException, exc)
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI answers a JSON body whose bytes are not UTF-8 with a bare 400; it is the same mistake as
        # malformed JSON, which it reports as a validation error, and every operation documents 422 for it.
        details = [{"loc": ["body"], "msg": "The body is not UTF-8 encoded JSON.", "type": "json_invalid"}]
        return JSONResponse(_body("validation_error", "The request is not valid.", details), status_code=422)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return JSONResponse(
        _body(code, str(exc.detail)), status_code=exc.status_code, headers=getattr(exc, "headers", None)
    )


# Names of asyncpg's errors for a server that went away or is not accepting connections yet (starting up,
# shutting down); SQLAlchemy wraps them in DBAPIError, a refused connection comes through as OSError.
_UNREACHABLE_DRIVER_ERRORS = frozenset(
    {"CannotConnectNowError", "ConnectionDoesNotExistError", "ConnectionFailureError", "AdminShutdownError"}
)


def _dependency_down(request: Request, exc: Exception) -> JSONResponse:
    """503 with Retry-After: a database or Redis outage is temporary, not the client's fault, not a bug."""
    logger.warning("dependency unavailable on %s %s: %r", request.method, request.url.path, exc)
    unavailable = ServiceUnavailable()
    return JSONResponse(
        _body(unavailable.code, unavailable.message), status_code=503, headers={"Retry-After": "5"}
    )


async def _database_error(request: Request, exc: Exception) -> JSONResponse:
    error = cast(DBAPIError, exc)
    if getattr(error.orig, "sqlstate", None) in NUL_IN_TEXT_SQLSTATES:
        details = [{"loc": [], "msg": "Text must not contain NUL (U+0000) characters.", "type": "string_nul"}]
        return JSONResponse(_body("validation_error", "The request is not valid.", details), status_code=422)
    if (
        error.connection_invalidated
        or isinstance(error.orig, OSError)
        or type(error.orig).__name__ in _UNREACHABLE_DRIVER_ERRORS
    ):
        # Found by the fault scenario: with PostgreSQL stopped, every request that needed it answered 500.
        return _dependency_down(request, exc)
    return await _unexpected_error(request, exc)


async def _connection_error(request: Request, exc: Exception) -> JSONResponse:
    return _dependency_down(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(_body("internal_error", "An unexpected error occurred."), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(DBAPIError, _database_error)
    # A refused or dropped connection to PostgreSQL (asyncpg raises OSError) or Redis
    app.add_exception_handler(ConnectionError, _connection_error)
    app.add_exception_handler(RedisConnectionError, _connection_error)
    app.add_exception_handler(Exception, _unexpected_error)
