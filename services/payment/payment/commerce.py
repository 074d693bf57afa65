"""Client of commerce's internal API (docs/internal-api.md): read an order, mark it paid or refunded, hold
it for a refund (and release the hold). Bodies are kit.contracts' models, the ones commerce validates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from kit.contracts import RefundHold, RefundRelease
from kit.errors import NotFound, ServiceUnavailable
from kit.failover import FailoverTransport, parse_base_urls
from kit.internal import INTERNAL_TOKEN_HEADER


class CommerceUnavailable(ServiceUnavailable):
    code = "commerce_unavailable"
    message = "The order service is unavailable; try again shortly."


class OrderNotFound(NotFound):
    code = "order_not_found"
    message = "No such order."


@dataclass(frozen=True, slots=True)
class Order:
    id: uuid.UUID
    user_id: uuid.UUID
    status: str
    currency: str
    total_amount: int
    paid_amount: int
    refunded_amount: int
    payment_id: str | None
    expires_at: datetime | None

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> Order:
        expires = body.get("expires_at")
        return cls(
            id=uuid.UUID(str(body["id"])),
            user_id=uuid.UUID(str(body["user_id"])),
            status=str(body["status"]),
            currency=str(body["currency"]).upper(),
            total_amount=int(body["total_amount"]),
            paid_amount=int(body.get("paid_amount") or 0),
            refunded_amount=int(body.get("refunded_amount") or 0),
            payment_id=body.get("payment_id"),
            expires_at=datetime.fromisoformat(str(expires).replace("Z", "+00:00")) if expires else None,
        )


@dataclass(frozen=True, slots=True)
class CommerceReply:
    """An answer of a mark-* or refund-* call: 2xx, or the error `code` (and `details`) of commerce's body."""

    status_code: int
    code: str | None
    details: Any = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300


class CommerceClient:
    """commerce's instances: `base_url` lists them comma-separated; kit.failover takes turns among them."""

    def __init__(
        self, base_url: str, token: str, timeout: float, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        urls = parse_base_urls(base_url)
        self._http = httpx.AsyncClient(
            base_url=urls[0],
            headers={INTERNAL_TOKEN_HEADER: token},
            timeout=timeout,
            transport=FailoverTransport(urls, transport),
        )

    async def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        try:
            response = await self._http.request(method, path, json=body)
        except httpx.HTTPError as exc:
            raise CommerceUnavailable() from exc
        if response.status_code >= 500:
            raise CommerceUnavailable()
        return response

    @staticmethod
    def _reply(response: httpx.Response) -> CommerceReply:
        if response.is_success:
            return CommerceReply(response.status_code, None)
        try:
            error = response.json()["error"]
            return CommerceReply(response.status_code, str(error["code"]), error.get("details"))
        except (ValueError, KeyError, TypeError, AttributeError):
            return CommerceReply(response.status_code, None)

    async def get_order(self, order_id: uuid.UUID) -> Order:
        response = await self._send("GET", f"/internal/v1/orders/{order_id}")
        if response.status_code == 404:
            raise OrderNotFound()
        if response.status_code != 200:
            raise CommerceUnavailable(f"The order service answered {response.status_code}.")
        return Order.from_json(response.json())

    async def mark_paid(self, order_id: uuid.UUID, body: dict[str, Any]) -> CommerceReply:
        return self._reply(await self._send("POST", f"/internal/v1/orders/{order_id}/mark-paid", body))

    async def mark_refunded(self, order_id: uuid.UUID, body: dict[str, Any]) -> CommerceReply:
        return self._reply(await self._send("POST", f"/internal/v1/orders/{order_id}/mark-refunded", body))

    async def hold_refund(self, order_id: uuid.UUID, body: RefundHold) -> CommerceReply:
        path = f"/internal/v1/orders/{order_id}/refund-hold"
        return self._reply(await self._send("POST", path, body.model_dump(mode="json")))

    async def release_refund(self, order_id: uuid.UUID, body: RefundRelease) -> CommerceReply:
        path = f"/internal/v1/orders/{order_id}/refund-release"
        return self._reply(await self._send("POST", path, body.model_dump(mode="json")))

    async def aclose(self) -> None:
        await self._http.aclose()
