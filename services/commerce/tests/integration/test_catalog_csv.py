"""The catalog as CSV: export, dry run that changes nothing, one-transaction apply, every bad row reported."""

from __future__ import annotations

import csv
import io
from typing import Any

from .conftest import Person, Shop, error_code

EXPORT = "/api/v1/admin/catalog/products/export.csv"
IMPORT = "/api/v1/admin/catalog/products/import"
HEADER = (
    "product_slug,title,description,category,brand,status,attributes,sku,size,colour,colour_hex,"
    "price_amount,compare_at_amount,currency,is_active,on_hand\n"
)


async def _import(shop: Shop, text: str, *, dry_run: bool) -> Any:
    return await shop.client.post(
        IMPORT,
        params={"dry_run": str(dry_run).lower()},
        content=text.encode(),
        headers={**shop.admin.headers, "Content-Type": "text/csv"},
    )


async def _export(shop: Shop) -> str:
    response = await shop.client.get(EXPORT, headers=shop.admin.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    return response.text


async def test_round_trip_export_dry_run_then_apply(shop: Shop) -> None:
    await shop.product(
        title="Round Tee", colours=("Blue", "White"), stock=3, attributes={"care": "Cold wash"}
    )
    exported = await _export(shop)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 2
    assert rows[0]["on_hand"] == "3"
    assert '"care"' in rows[0]["attributes"]

    unchanged = await _import(shop, exported, dry_run=True)
    assert unchanged.status_code == 200
    assert unchanged.json() | {"errors": []} == {
        "dry_run": True,
        "applied": False,
        "rows": 2,
        "products_created": 0,
        "products_updated": 0,
        "variants_created": 0,
        "variants_updated": 0,
        "stock_changes": 0,
        "errors": [],
    }

    rows[0]["price_amount"], rows[0]["on_hand"] = "59900", "8"
    rows.append(
        {**rows[1], "product_slug": "new-kurta", "title": "New Kurta", "sku": "NK-RED-L", "size": "L"}
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    changed = out.getvalue()

    dry = await _import(shop, changed, dry_run=True)
    assert dry.status_code == 200
    assert (dry.json()["variants_updated"], dry.json()["stock_changes"], dry.json()["products_created"]) == (
        1,
        2,  # the changed count, and the new variant's first stock
        1,
    )
    assert await _export(shop) == exported  # the dry run changed nothing

    applied = await _import(shop, changed, dry_run=False)
    assert applied.status_code == 200
    assert applied.json()["applied"] is True
    after = {row["sku"]: row for row in csv.DictReader(io.StringIO(await _export(shop)))}
    assert (after[rows[0]["sku"]]["price_amount"], after[rows[0]["sku"]]["on_hand"]) == ("59900", "8")
    assert after["NK-RED-L"]["product_slug"] == "new-kurta"
    history = await shop.stock(
        str((await shop.client.get("/api/v1/products/round-tee")).json()["id"]),
        next(
            v["id"]
            for v in (await shop.client.get("/api/v1/products/round-tee")).json()["variants"]
            if v["sku"] == rows[0]["sku"]
        ),
    )
    assert history["adjustments"][0]["reason"] == "CSV import"


async def test_every_bad_row_is_reported_with_its_line_and_nothing_changes(shop: Shop) -> None:
    await shop.product(title="Kept Tee", sizes=("M",), colours=("Blue",))
    before = await _export(shop)
    taken_sku = next(csv.DictReader(io.StringIO(before)))["sku"]
    text = HEADER + "\n".join(
        [
            "good-tee,Good Tee,,t-shirts,Aarya,active,,GT-1,M,Blue,#0000FF,49900,,,true,5",
            "bad-hex,Bad Hex,,t-shirts,Aarya,active,,BH-1,M,Blue,blue,49900,,,true,5",
            "cheap,Cheap,,t-shirts,Aarya,active,,CH-1,M,Blue,,49900,100,,true,5",
            "nosize,No Size,,t-shirts,Aarya,active,,NS-1,XXXL,Blue,,49900,,,true,5",
            "good-tee,Good Tee,,t-shirts,Aarya,active,,GT-1,L,Blue,,49900,,,true,5",
            f"other,Other,,t-shirts,Aarya,active,,{taken_sku},M,Red,,49900,,,true,5",
            "words,Words,,t-shirts,Aarya,active,,WD-1,M,Blue,,lots,,,true,5",
            'attrs,Attrs,,t-shirts,Aarya,active,"[1]",AT-1,M,Blue,,49900,,,maybe,5',
        ]
    )

    dry = await _import(shop, text, dry_run=True)
    applied = await _import(shop, text, dry_run=False)

    assert dry.status_code == 200
    reported = {error["line"]: error["reason"] for error in dry.json()["errors"]}
    assert sorted(reported) == [3, 4, 5, 6, 7, 8, 9]
    assert "colour_hex" in reported[3]
    assert "compare_at_amount" in reported[4]
    assert "size" in reported[5]
    assert "line 2" in reported[6]
    assert "belongs to product" in reported[7]
    assert "price_amount" in reported[8]
    assert "attributes" in reported[9]
    assert (applied.status_code, error_code(applied)) == (422, "import_invalid")
    assert applied.json()["error"]["details"]["errors"] == dry.json()["errors"]
    assert await _export(shop) == before


async def test_malformed_files_are_refused_with_a_reason(shop: Shop) -> None:
    missing = await _import(shop, "sku,title\nA,B\n", dry_run=True)
    assert missing.status_code == 200
    assert "missing column" in missing.json()["errors"][0]["reason"]
    binary = await shop.client.post(
        IMPORT, content=b"\xff\xfe\x00bad", headers={**shop.admin.headers, "Content-Type": "text/csv"}
    )
    assert (binary.status_code, error_code(binary)) == (422, "import_not_utf8")
    huge = await _import(shop, HEADER + "x" * (2 * 1024 * 1024 + 1), dry_run=True)
    assert (huge.status_code, error_code(huge)) == (413, "import_too_large")


async def test_shoppers_may_not_export_or_import(shop: Shop, shopper: Person) -> None:
    exported = await shop.client.get(EXPORT, headers=shopper.headers)
    imported = await shop.client.post(
        IMPORT, content=HEADER.encode(), headers={**shopper.headers, "Content-Type": "text/csv"}
    )
    anonymous = await shop.client.get(EXPORT)
    assert (exported.status_code, imported.status_code, anonymous.status_code) == (403, 403, 401)
