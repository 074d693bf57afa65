from __future__ import annotations

import socket

import httpx
from fastapi import FastAPI
from pydantic import BaseModel
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kit.db import Database
from kit.errors import Conflict, RateLimited, install_error_handlers


class OutOfStock(Conflict):
    code = "out_of_stock"
    message = "Not enough stock."


class DriverError(Exception):
    """What SQLAlchemy's asyncpg adapter wraps: the driver's error, with PostgreSQL's SQLSTATE."""

    def __init__(self, sqlstate: str) -> None:
        super().__init__("refused")
        self.sqlstate = sqlstate


class Body(BaseModel):
    quantity: int


def make_app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/domain")
    async def domain(body: Body) -> None:
        raise OutOfStock(details={"available": body.quantity - 1})

    @app.get("/limited")
    async def limited() -> None:
        raise RateLimited(retry_after=7)

    @app.get("/database/{sqlstate}")
    async def database(sqlstate: str) -> None:
        raise DBAPIError("SELECT :text", {"text": "?"}, DriverError(sqlstate))

    @app.get("/postgres-refused")
    async def postgres_refused() -> None:
        raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")

    @app.get("/postgres-gone")
    async def postgres_gone() -> None:
        raise DBAPIError("SELECT 1", {}, ConnectionResetError("connection lost"), connection_invalidated=True)

    @app.get("/redis-down")
    async def redis_down() -> None:
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    return app


async def call(method: str, path: str, **kwargs: object) -> httpx.Response:
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path, **kwargs)  # type: ignore[arg-type]


async def test_domain_errors_map_to_their_status_and_json_body() -> None:
    response = await call("POST", "/domain", json={"quantity": 3})

    assert response.status_code == 409
    assert response.json() == {
        "error": {"code": "out_of_stock", "message": "Not enough stock.", "details": {"available": 2}}
    }


async def test_validation_errors_list_the_fields() -> None:
    response = await call("POST", "/domain", json={"quantity": "many"})

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"][0]["loc"] == ["body", "quantity"]


async def test_a_body_that_is_not_utf8_is_a_validation_error_like_malformed_json() -> None:
    # Found by the schemathesis run (tests/fuzz): FastAPI answered these bytes with an undocumented 400.
    not_utf8 = await call(
        "POST", "/domain", content=b"\xf0\x28\x8c\x28", headers={"Content-Type": "application/json"}
    )
    malformed = await call(
        "POST", "/domain", content=b"{quantity", headers={"Content-Type": "application/json"}
    )

    for response in (not_utf8, malformed):
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert error["details"][0]["type"] == "json_invalid"
        assert error["details"][0]["loc"][0] == "body"


async def test_postgresql_refusing_a_nul_character_is_a_validation_error() -> None:
    # 22021 (text) and 22P05 (jsonb) come from U+0000 in what the client sent; other database errors
    # stay 500s.
    for sqlstate in ("22021", "22P05"):
        response = await call("GET", f"/database/{sqlstate}")
        assert response.status_code == 422
        assert response.json()["error"]["details"][0]["type"] == "string_nul"

    other = await call("GET", "/database/22012")
    assert other.status_code == 500
    assert other.json()["error"]["code"] == "internal_error"


async def test_rate_limited_sets_retry_after() -> None:
    response = await call("GET", "/limited")

    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"


async def test_unexpected_errors_never_leak_internals() -> None:
    response = await call("GET", "/boom")

    assert response.status_code == 500
    assert response.json()["error"]["code"] == "internal_error"
    assert "secret" not in response.text
    assert "Traceback" not in response.text


async def test_an_unreachable_database_or_redis_is_a_503_with_retry_after() -> None:
    # Found by the fault scenario (molecule/full-stack): with PostgreSQL stopped every request answered 500.
    for path in ("/postgres-refused", "/postgres-gone", "/redis-down"):
        response = await call("GET", path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "5"
        assert response.json()["error"]["code"] == "service_unavailable"


async def test_a_real_refused_database_connection_is_a_503() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: connections are refused
        database = Database(f"postgresql+asyncpg://nobody:x@127.0.0.1:{port}/none")
        app = FastAPI()
        install_error_handlers(app)

        @app.get("/needs-the-database")
        async def needs_the_database() -> None:
            async with database.sessionmaker() as session:
                await session.execute(text("SELECT 1"))

        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/needs-the-database")
        await database.dispose()
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
