"""A stand-in for commerce's internal API, following docs/internal-api.md to the letter.

Most payment tests use it (orders of any state in one line, and it can be taken down); the end-to-end
tests run the real commerce app instead.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


@dataclass
class StubOrder:
    id: uuid.UUID
    user_id: uuid.UUID
    total_amount: int
    currency: str = "INR"
    status: str = "pending"
    paid_amount: int = 0
    refunded_amount: int = 0
    payment_id: str | None = None
    refund_ids: set[str] = field(default_factory=set)
    hold_id: str | None = None
    hold_from: str | None = None
    expires_at: datetime = field(default_factory=lambda: datetime.now(UTC) + timedelta(minutes=15))

    def json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "user_id": str(self.user_id),
            "status": self.status,
            "currency": self.currency,
            "total_amount": self.total_amount,
            "paid_amount": self.paid_amount,
            "refunded_amount": self.refunded_amount,
            "payment_id": self.payment_id,
            "expires_at": self.expires_at.isoformat().replace("+00:00", "Z"),
            "created_at": (self.expires_at - timedelta(minutes=15)).isoformat().replace("+00:00", "Z"),
        }


@dataclass
class CommerceState:
    token: str
    url: str = ""
    orders: dict[uuid.UUID, StubOrder] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)
    down: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.orders.clear()
            self.calls.clear()
            self.down = False

    def add_order(self, user_id: uuid.UUID, total_amount: int = 249900, **fields: Any) -> StubOrder:
        order = StubOrder(id=uuid.uuid4(), user_id=user_id, total_amount=total_amount, **fields)
        with self.lock:
            self.orders[order.id] = order
        return order

    def calls_to(self, action: str) -> list[str]:
        return [order for kind, order in self.calls if kind == action]


def _error(status: int, code: str, message: str = "") -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "details": None}}, status_code=status)


def create_commerce_stub(state: CommerceState) -> FastAPI:
    app = FastAPI(title="commerce stub")

    @app.middleware("http")
    async def availability_and_token(request: Request, call_next: Any) -> Any:
        if state.down:
            return _error(503, "service_unavailable", "down for the test")
        if request.headers.get("x-internal-token") != state.token:
            return _error(401, "unauthorized")
        return await call_next(request)

    @app.get("/internal/v1/orders/{order_id}")
    async def get_order(order_id: uuid.UUID) -> JSONResponse:
        state.calls.append(("get", str(order_id)))
        order = state.orders.get(order_id)
        if order is None:
            return _error(404, "order_not_found")
        return JSONResponse(order.json())

    @app.post("/internal/v1/orders/{order_id}/mark-paid")
    async def mark_paid(order_id: uuid.UUID, request: Request) -> JSONResponse:
        body = await request.json()
        state.calls.append(("mark-paid", str(order_id)))
        with state.lock:
            order = state.orders.get(order_id)
            if order is None:
                return _error(404, "order_not_found")
            if order.payment_id == body["payment_id"]:
                return JSONResponse(order.json())
            if order.status in ("expired", "cancelled"):
                return _error(409, "order_not_payable")
            if order.payment_id is not None:
                return _error(409, "already_paid")
            if body["amount"] != order.total_amount or body["currency"] != order.currency:
                return _error(422, "amount_mismatch")
            order.status, order.payment_id, order.paid_amount = "paid", body["payment_id"], body["amount"]
            return JSONResponse(order.json())

    @app.post("/internal/v1/orders/{order_id}/mark-refunded")
    async def mark_refunded(order_id: uuid.UUID, request: Request) -> JSONResponse:
        body = await request.json()
        state.calls.append(("mark-refunded", str(order_id)))
        with state.lock:
            order = state.orders.get(order_id)
            if order is None:
                return _error(404, "order_not_found")
            if body["refund_id"] in order.refund_ids:
                return JSONResponse(order.json())
            if order.paid_amount == 0:
                return _error(409, "order_not_paid")
            if order.refunded_amount + body["amount"] > order.paid_amount:
                return _error(409, "refund_exceeds_paid")
            order.refund_ids.add(body["refund_id"])
            order.refunded_amount += body["amount"]
            settled = order.refunded_amount == order.paid_amount
            if order.status == "refund_pending" and not (settled or body.get("hold_id") == order.hold_id):
                return JSONResponse(order.json())
            order.hold_id = order.hold_from = None
            order.status = "refunded" if settled else "partially_refunded"
            return JSONResponse(order.json())

    @app.post("/internal/v1/orders/{order_id}/refund-hold")
    async def refund_hold(order_id: uuid.UUID, request: Request) -> JSONResponse:  # noqa: PLR0911
        body = await request.json()
        state.calls.append(("refund-hold", str(order_id)))
        with state.lock:
            order = state.orders.get(order_id)
            if order is None:
                return _error(404, "order_not_found")
            if order.hold_id == body["hold_id"]:
                return JSONResponse(order.json())
            if order.paid_amount == 0:
                return _error(409, "order_not_paid")
            if body["payment_id"] != order.payment_id:
                return _error(409, "payment_mismatch")
            if order.refunded_amount + body["amount"] > order.paid_amount:
                return _error(409, "refund_exceeds_paid")
            if order.status == "refund_pending":
                return _error(409, "refund_in_progress")
            if body["by_owner"] and order.status != "paid":
                return JSONResponse(
                    {
                        "error": {
                            "code": "order_not_refundable_by_owner",
                            "message": "",
                            "details": {"status": order.status},
                        }
                    },
                    status_code=409,
                )
            if body["full"]:
                order.hold_id, order.hold_from, order.status = body["hold_id"], order.status, "refund_pending"
            return JSONResponse(order.json())

    @app.post("/internal/v1/orders/{order_id}/refund-release")
    async def refund_release(order_id: uuid.UUID, request: Request) -> JSONResponse:
        body = await request.json()
        state.calls.append(("refund-release", str(order_id)))
        with state.lock:
            order = state.orders.get(order_id)
            if order is None:
                return _error(404, "order_not_found")
            if order.status == "refund_pending" and order.hold_id == body["hold_id"]:
                order.status, order.hold_id, order.hold_from = order.hold_from or "paid", None, None
            return JSONResponse(order.json())

    return app
