"""Rendering an order e-mail: Jinja2 templates (HTML autoescaped, plus a plain-text part) per event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from commerce.config import CommerceSettings
from commerce.orders.models import Order
from kit.mail import compose

INDIA = ZoneInfo("Asia/Kolkata")
SYMBOLS = {"INR": "₹"}


def group_indian(whole: int) -> str:
    """1234567 -> 12,34,567: the last three digits, then pairs (the Indian numbering system)."""
    digits = str(whole)
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs: list[str] = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def format_money(amount: int, currency: str = "INR") -> str:
    """Minor units as the shopper reads them: ₹1,23,456 (paise only when there are some: ₹499.50)."""
    sign = "-" if amount < 0 else ""
    whole, minor = divmod(abs(amount), 100)
    text = group_indian(whole) if currency == "INR" else f"{whole:,}"
    if minor:
        text += f".{minor:02d}"
    symbol = SYMBOLS.get(currency)
    return f"{sign}{symbol}{text}" if symbol else f"{sign}{currency} {text}"


def order_reference(order: Order) -> str:
    """How the storefront names an order: #1A2B3C4D."""
    return f"#{str(order.id)[:8].upper()}"


def india_time(moment: datetime | None) -> str:
    """3 Dec 2026, 9:05 PM IST."""
    if moment is None:
        return ""
    local = moment.astimezone(INDIA)
    hour, half = local.hour % 12 or 12, "AM" if local.hour < 12 else "PM"
    return f"{local.day} {local:%b %Y}, {hour}:{local:%M} {half} IST"


def absolute_url(site_url: str, url: str | None) -> str | None:
    """A picture or link the mail client can fetch: relative paths against SITE_URL; only http(s)."""
    if not url:
        return None
    joined = urljoin(site_url + "/", url)
    return joined if urlsplit(joined).scheme in ("http", "https") else None


ORDER_EMAIL_HEADER = "X-Aarya-Order-Email"
ADDRESS_FIELDS = ("name", "line1", "line2", "city", "state", "postal_code")

SUBJECTS = {
    "confirmation": "We have your order {ref}",
    "payment": "Payment received for your order {ref}",
    "shipment": "Your order {ref} is on its way",
    "refund": "Refund of {amount} for your order {ref}",
    "cancellation": "Your order {ref} was cancelled",
}


@dataclass(frozen=True, slots=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class EmailRenderer:
    """The shop's order e-mails; one Jinja2 environment per process (templates are compiled once)."""

    def __init__(self, settings: CommerceSettings) -> None:
        self.settings = settings
        self.html = Environment(
            loader=PackageLoader("commerce.emails", "templates"),
            autoescape=select_autoescape(enabled_extensions=("html",), default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.text = Environment(
            loader=PackageLoader("commerce.emails", "templates"),
            autoescape=False,  # noqa: S701  (plain text, never shown as markup)
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        for environment in (self.html, self.text):
            environment.filters["money"] = format_money

    def context(self, order: Order, event: str, amount: int | None) -> dict[str, Any]:
        site = self.settings.site_url
        lines = [
            {
                "title": item.product_title,
                "size": item.size,
                "colour": item.colour,
                "quantity": item.quantity,
                "unit_price": item.unit_price_amount,
                "line_total": item.line_total_amount,
                "image_url": absolute_url(site, item.image_url),
                "product_url": absolute_url(site, f"/products/{item.product_slug}"),
            }
            for item in order.items
        ]
        shipping = order.shipping_address or {}
        address = {key: shipping.get(key) for key in ADDRESS_FIELDS}
        return {
            "shop_name": self.settings.shop_name,
            "site_url": site,
            "event": event,
            "ref": order_reference(order),
            "order": order,
            "status": order.status,
            "currency": order.currency,
            "lines": lines,
            "subtotal": order.subtotal_amount,
            "total": order.total_amount,
            "paid": order.paid_amount,
            "refunded": order.refunded_amount,
            "amount": amount,
            "placed_at": india_time(order.created_at),
            "pay_by": india_time(order.expires_at),
            "paid_at": india_time(order.paid_at),
            "carrier": order.carrier,
            "tracking_number": order.tracking_number,
            "address": address,
            "order_url": absolute_url(site, f"/orders/{order.id}"),
            "pay_url": absolute_url(site, f"/orders/{order.id}/pay"),
        }

    def render(self, order: Order, event: str, amount: int | None = None) -> RenderedEmail:
        context = self.context(order, event, amount)
        subject = SUBJECTS[event].format(ref=context["ref"], amount=format_money(amount or 0, order.currency))
        context["subject"] = subject
        html = self.html.get_template(f"{event}.html").render(context)
        text = self.text.get_template(f"{event}.txt").render(context)
        return RenderedEmail(subject=f"{subject} · {self.settings.shop_name}", text=text, html=html)

    def message(self, order: Order, event: str, to: str, amount: int | None = None) -> EmailMessage:
        rendered = self.render(order, event, amount)
        message = compose(
            self.settings, to=to, subject=rendered.subject, body=rendered.text, html=rendered.html
        )
        # Which order and event, for the shop's tooling (the demo's e2e suite finds the caught mail by it).
        message[ORDER_EMAIL_HEADER] = f"{event} {order.id}"
        return message
