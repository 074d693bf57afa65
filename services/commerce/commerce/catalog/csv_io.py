"""The catalog as CSV: one row per variant, its product's fields repeated on each of the product's rows.

Columns (header row required, in any order; `docs/api.md` documents them for shop owners):
product_slug, title, description, category, brand, status, attributes (a JSON object such as
{"care": "Machine wash cold", "fit": "Regular"}), sku, size, colour, colour_hex, price_amount,
compare_at_amount, currency, is_active (true/false), on_hand (blank: leave the stock as it is).

A product is matched by its slug and a variant by its SKU: rows that name an existing one change it,
others create it. Parsing and checking here touch no database; `CatalogAdmin` compares with the catalog.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from commerce.catalog.schemas import ProductCreate, VariantCreate

COLUMNS = (
    "product_slug",
    "title",
    "description",
    "category",
    "brand",
    "status",
    "attributes",
    "sku",
    "size",
    "colour",
    "colour_hex",
    "price_amount",
    "compare_at_amount",
    "currency",
    "is_active",
    "on_hand",
)
OPTIONAL = frozenset({"description", "attributes", "colour_hex", "compare_at_amount", "currency", "on_hand"})
REQUIRED = frozenset(COLUMNS) - OPTIONAL
MAX_ROWS = 5000
ATTRIBUTES_EXAMPLE = '{"care": "Hand wash", "fit": "Slim"}'
PRODUCT_FIELDS = ("title", "description", "category", "brand", "status", "attributes")


class RowError(BaseModel):
    line: int
    sku: str | None
    reason: str


@dataclass
class ParsedRow:
    line: int
    slug: str
    product: dict[str, Any]
    variant: VariantCreate
    on_hand: int | None


@dataclass
class Parsed:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _reason(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def _integer(value: str, column: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{column}: {value!r} is not a whole number of paise (49900 is ₹499)") from None


def _boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"true", "yes", "1", ""}:
        return True
    if lowered in {"false", "no", "0"}:
        return False
    raise ValueError(f"is_active: {value!r} is not true or false")


def _attributes(value: str) -> dict[str, Any]:
    if not value.strip():
        return {}
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        parsed = None
    if not isinstance(parsed, dict):
        raise ValueError(f"attributes: not a JSON object such as {ATTRIBUTES_EXAMPLE}")
    return parsed


def _row(line: int, raw: dict[str, str]) -> ParsedRow:
    cells = {name: (raw.get(name) or "").strip() for name in COLUMNS}
    missing = [name for name in sorted(REQUIRED) if not cells[name]]
    if missing:
        raise ValueError(f"empty required column(s): {', '.join(missing)}")
    product = {
        "title": cells["title"],
        "slug": cells["product_slug"],
        "description": raw.get("description") or "",
        "category": cells["category"],
        "brand": cells["brand"],
        "status": cells["status"],
        "attributes": _attributes(cells["attributes"]),
    }
    status = product.pop("status")
    if status not in ("draft", "active", "archived"):
        raise ValueError(f"status: {status!r} is not draft, active or archived")
    checked = ProductCreate.model_validate({**product, "status": "draft"})
    variant = VariantCreate.model_validate(
        {
            "sku": cells["sku"],
            "size": cells["size"],
            "colour": cells["colour"],
            "colour_hex": cells["colour_hex"] or None,
            "price_amount": _integer(cells["price_amount"], "price_amount"),
            "compare_at_amount": _integer(cells["compare_at_amount"], "compare_at_amount"),
            "currency": cells["currency"] or None,
            "is_active": _boolean(cells["is_active"]),
        }
    )
    on_hand = _integer(cells["on_hand"], "on_hand")
    if on_hand is not None and not 0 <= on_hand <= 1_000_000:
        raise ValueError("on_hand: must be between 0 and 1000000")
    fields = checked.model_dump(include=set(PRODUCT_FIELDS))
    fields["status"] = status
    return ParsedRow(line, checked.slug or cells["product_slug"], fields, variant, on_hand)


def parse(text: str) -> Parsed:
    """Every row checked on its own and against the file's other rows; each problem with its line."""
    parsed = Parsed()
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        parsed.errors.append(RowError(line=1, sku=None, reason=f"missing column(s): {', '.join(missing)}"))
        return parsed
    reader.fieldnames = header
    first_of_slug: dict[str, ParsedRow] = {}
    line_of_sku: dict[str, int] = {}
    line_of_option: dict[tuple[str, str, str], int] = {}
    start = reader.line_num + 1
    for raw in reader:
        line, start = start, reader.line_num + 1
        if len(parsed.rows) + len(parsed.errors) >= MAX_ROWS:
            parsed.errors.append(RowError(line=line, sku=None, reason=f"more than {MAX_ROWS} rows"))
            break
        sku = (raw.get("sku") or "").strip() or None
        if None in raw:
            parsed.errors.append(RowError(line=line, sku=sku, reason="more cells than columns"))
            continue
        try:
            row = _row(line, raw)
        except ValidationError as exc:
            parsed.errors.append(RowError(line=line, sku=sku, reason=_reason(exc)))
            continue
        except ValueError as exc:
            parsed.errors.append(RowError(line=line, sku=sku, reason=str(exc)))
            continue
        reason = None
        if row.variant.sku in line_of_sku:
            reason = f"SKU {row.variant.sku} is already on line {line_of_sku[row.variant.sku]}"
        option = (row.slug, row.variant.size, row.variant.colour.lower())
        if reason is None and option in line_of_option:
            reason = f"size {option[1]} in {row.variant.colour} is already on line {line_of_option[option]}"
        first = first_of_slug.get(row.slug)
        if reason is None and first is not None and first.product != row.product:
            differing = [name for name in PRODUCT_FIELDS if first.product[name] != row.product[name]]
            reason = f"{', '.join(differing)} differ(s) from line {first.line} for the same product_slug"
        if reason is not None:
            parsed.errors.append(RowError(line=line, sku=row.variant.sku, reason=reason))
            continue
        line_of_sku[row.variant.sku] = line
        line_of_option[option] = line
        first_of_slug.setdefault(row.slug, row)
        parsed.rows.append(row)
    return parsed


def render(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()
