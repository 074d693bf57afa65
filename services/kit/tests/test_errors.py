from __future__ import annotations

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from kit.errors import Conflict, RateLimited, install_error_handlers


class OutOfStock(Conflict):
    code = "out_of_stock"
    message = "Not enough stock."


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
