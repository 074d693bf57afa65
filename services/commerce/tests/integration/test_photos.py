"""Product photos: uploaded by admins, stored in PostgreSQL, served under /media/photos with immutable
caching; the product's gallery (`images`) follows every change."""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

from PIL import ExifTags, Image

from .conftest import Person, Shop, error_code, picture, upload

PHOTO_URL = re.compile(r"^/media/photos/([0-9a-f-]{36})/(w\d+\.webp)$")


async def with_photo(
    shop: Shop, product_id: str, *, colour: str | None = None, alt: str | None = None
) -> dict[str, Any]:
    response = await upload(shop, product_id, colour=colour, alt=alt)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def photos_in(product: dict[str, Any]) -> list[dict[str, Any]]:
    return [image for image in product["images"] if image.get("photo_id")]


async def test_an_uploaded_photo_joins_the_gallery_with_its_renditions(shop: Shop) -> None:
    product = await shop.product(colours=("Blue", "Black"))
    listed_before = await shop.client.get(f"/api/v1/products/{product['slug']}")  # cached for shoppers

    response = await upload(shop, product["id"], colour="blue", alt=" Front, in blue ")

    assert response.status_code == 201, response.text
    images = response.json()["images"]
    assert images[0] == {**listed_before.json()["images"][0]}  # the external picture stays first
    photo = images[1]
    photo_id = photo["photo_id"]
    assert photo["url"] == f"/media/photos/{photo_id}/w1024.webp"
    assert (photo["alt"], photo["colour"], photo["width"], photo["height"]) == (
        "Front, in blue",
        "Blue",
        1200,
        1500,
    )
    assert photo["srcset"] == ", ".join(
        f"/media/photos/{photo_id}/w{width}.webp {width}w" for width in (320, 640, 1024, 1200)
    )
    public = (await shop.client.get(f"/api/v1/products/{product['slug']}")).json()
    assert public["images"] == images  # the catalog cache was invalidated
    listing = (await shop.client.get("/api/v1/products")).json()
    assert listing["items"][0]["images"][1]["srcset"] == photo["srcset"]


async def test_photo_files_are_served_immutable_with_an_etag(shop: Shop) -> None:
    product = await shop.product()
    photo = photos_in(await with_photo(shop, product["id"]))[0]

    for name, content_type in (
        ("w320.webp", "image/webp"),
        ("w1024.webp", "image/webp"),
        ("original.jpg", "image/jpeg"),
    ):
        url = f"/media/photos/{photo['photo_id']}/{name}"
        served = await shop.client.get(url)
        assert served.status_code == 200, served.text
        assert served.headers["content-type"] == content_type
        assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert served.headers["x-content-type-options"] == "nosniff"
        assert Image.open(io.BytesIO(served.content)).format == ("WEBP" if name.endswith("webp") else "JPEG")
        etag = served.headers["etag"]
        again = await shop.client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["etag"] == etag
        assert again.headers["cache-control"] == served.headers["cache-control"]
        other = await shop.client.get(url, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200


async def test_unknown_photo_files_are_404(shop: Shop) -> None:
    product = await shop.product()
    photo_id = photos_in(await with_photo(shop, product["id"]))[0]["photo_id"]
    for path in (
        f"/media/photos/{uuid.uuid4()}/w320.webp",
        f"/media/photos/{photo_id}/w321.webp",
        f"/media/photos/{photo_id}/original.png",
        f"/media/photos/{photo_id}/..%2F..%2Fetc%2Fpasswd",
        f"/media/photos/{photo_id}/w320.webp%00",
        "/media/photos/not-a-uuid/w320.webp",
    ):
        response = await shop.client.get(path)
        assert response.status_code == 404, path
        assert error_code(response) in {"photo_file_not_found", "not_found"}, path
    missing = await shop.client.get(f"/media/photos/{uuid.uuid4()}/w320.webp", headers={"If-None-Match": "*"})
    assert missing.status_code == 404


async def test_the_location_and_all_metadata_are_gone_from_every_file(shop: Shop) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (12.0, 58.0, 17.0),
    }
    product = await shop.product()
    photo = photos_in(await with_photo_data(shop, product["id"], picture((1500, 1200), exif=exif)))[0]
    assert (photo["width"], photo["height"]) == (1200, 1500)  # turned upright
    for name in ("original.jpg", "w320.webp", "w1200.webp"):
        served = await shop.client.get(f"/media/photos/{photo['photo_id']}/{name}")
        image = Image.open(io.BytesIO(served.content))
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info


async def with_photo_data(shop: Shop, product_id: str, data: bytes) -> dict[str, Any]:
    response = await upload(shop, product_id, data)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_type_is_decided_by_the_content_not_the_name(shop: Shop) -> None:
    product = await shop.product()
    as_png = await upload(shop, product["id"], picture(image_format="PNG"), filename="photo.jpg")
    assert as_png.status_code == 201, as_png.text
    photo_id = photos_in(as_png.json())[0]["photo_id"]
    original = await shop.client.get(f"/media/photos/{photo_id}/original.png")
    assert original.headers["content-type"] == "image/png"

    text = await upload(shop, product["id"], b"not a picture at all\n" * 50, filename="photo.jpg")
    assert (text.status_code, error_code(text)) == (422, "photo_not_image")
    svg = await upload(
        shop, product["id"], b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml"
    )
    assert (svg.status_code, error_code(svg)) == (422, "photo_not_image")


async def test_limits_of_an_upload(shop: Shop) -> None:
    product = await shop.product()
    too_big = await upload(shop, product["id"], b"\xff\xd8\xff" + bytes(10 * 1024 * 1024))
    assert (too_big.status_code, error_code(too_big)) == (413, "photo_too_large")
    tiny = await upload(shop, product["id"], picture((180, 400)))
    assert (tiny.status_code, error_code(tiny)) == (422, "photo_too_small")
    long_alt = await upload(shop, product["id"], alt="x" * 201)
    assert (long_alt.status_code, error_code(long_alt)) == (422, "photo_alt_too_long")
    unknown_colour = await upload(shop, product["id"], colour="Mauve")
    assert (unknown_colour.status_code, error_code(unknown_colour)) == (422, "photo_colour_unknown")
    damaged = picture()
    cut = await upload(shop, product["id"], damaged[: len(damaged) // 2])
    assert (cut.status_code, error_code(cut)) == (422, "photo_unreadable")

    no_file = await shop.client.post(
        f"/api/v1/admin/catalog/products/{product['id']}/photos",
        data={"alt": "no file"},
        files={"other": ("x.txt", b"x", "text/plain")},
        headers=shop.admin.headers,
    )
    assert (no_file.status_code, error_code(no_file)) == (422, "photo_upload_invalid")
    as_json = await shop.client.post(
        f"/api/v1/admin/catalog/products/{product['id']}/photos",
        json={"file": "x"},
        headers=shop.admin.headers,
    )
    assert (as_json.status_code, error_code(as_json)) == (422, "photo_upload_invalid")
    after = (await shop.client.get(f"/api/v1/products/{product['id']}", headers=shop.admin.headers)).json()
    assert photos_in(after) == []


async def test_a_product_has_at_most_20_pictures(shop: Shop) -> None:
    product = await shop.product(images=[{"url": f"/pictures/{n}.jpg", "alt": ""} for n in range(19)])
    await with_photo(shop, product["id"])
    twenty_first = await upload(shop, product["id"])
    assert (twenty_first.status_code, error_code(twenty_first)) == (422, "too_many_pictures")


async def test_alt_text_and_colour_change(shop: Shop) -> None:
    product = await shop.product(colours=("Blue", "Black"))
    photo_id = photos_in(await with_photo(shop, product["id"], colour="Blue", alt="Front"))[0]["photo_id"]
    url = f"/api/v1/admin/catalog/products/{product['id']}/photos/{photo_id}"

    alt_only = await shop.client.patch(url, json={"alt": "Front view"}, headers=shop.admin.headers)
    assert alt_only.status_code == 200, alt_only.text
    photo = photos_in(alt_only.json())[0]
    assert (photo["alt"], photo["colour"]) == ("Front view", "Blue")

    recoloured = await shop.client.patch(url, json={"colour": "BLACK"}, headers=shop.admin.headers)
    assert photos_in(recoloured.json())[0]["colour"] == "Black"
    unknown = await shop.client.patch(url, json={"colour": "Mauve"}, headers=shop.admin.headers)
    assert (unknown.status_code, error_code(unknown)) == (422, "photo_colour_unknown")
    every_colour = await shop.client.patch(url, json={"colour": None}, headers=shop.admin.headers)
    assert photos_in(every_colour.json())[0]["colour"] is None
    assert photos_in(every_colour.json())[0]["alt"] == "Front view"
    public = (await shop.client.get(f"/api/v1/products/{product['slug']}")).json()
    assert public["images"] == every_colour.json()["images"]


async def test_photos_are_reordered_around_external_pictures(shop: Shop) -> None:
    product = await shop.product()
    await with_photo(shop, product["id"], alt="first")
    gallery = await with_photo(shop, product["id"], alt="second")
    first, second = (image["photo_id"] for image in photos_in(gallery))
    url = f"/api/v1/admin/catalog/products/{product['id']}/photos/order"

    reordered = await shop.client.put(url, json={"photo_ids": [second, first]}, headers=shop.admin.headers)

    assert reordered.status_code == 200, reordered.text
    images = reordered.json()["images"]
    assert [image.get("photo_id") or image["url"] for image in images] == [
        gallery["images"][0]["url"],
        second,
        first,
    ]
    for wrong in ([first], [first, first, second], [first, second, str(uuid.uuid4())]):
        refused = await shop.client.put(url, json={"photo_ids": wrong}, headers=shop.admin.headers)
        assert (refused.status_code, error_code(refused)) == (422, "photo_order_mismatch")


async def test_a_deleted_photo_leaves_the_gallery_and_its_files_go(shop: Shop) -> None:
    product = await shop.product()
    await with_photo(shop, product["id"], alt="kept")
    gallery = await with_photo(shop, product["id"], alt="deleted")
    kept, deleted = photos_in(gallery)

    response = await shop.client.delete(
        f"/api/v1/admin/catalog/products/{product['id']}/photos/{deleted['photo_id']}",
        headers=shop.admin.headers,
    )

    assert response.status_code == 200, response.text
    assert photos_in(response.json()) == [kept]
    assert (await shop.client.get(deleted["url"])).status_code == 404
    assert (await shop.client.get(kept["url"])).status_code == 200
    again = await shop.client.delete(
        f"/api/v1/admin/catalog/products/{product['id']}/photos/{deleted['photo_id']}",
        headers=shop.admin.headers,
    )
    assert (again.status_code, error_code(again)) == (404, "photo_not_found")


async def test_another_products_photo_is_not_found(shop: Shop) -> None:
    mine, theirs = await shop.product(), await shop.product()
    their_photo = photos_in(await with_photo(shop, theirs["id"]))[0]
    base = f"/api/v1/admin/catalog/products/{mine['id']}/photos"
    headers = shop.admin.headers

    changed = await shop.client.patch(f"{base}/{their_photo['photo_id']}", json={"alt": "x"}, headers=headers)
    deleted = await shop.client.delete(f"{base}/{their_photo['photo_id']}", headers=headers)
    ordered = await shop.client.put(
        f"{base}/order", json={"photo_ids": [their_photo["photo_id"]]}, headers=headers
    )
    claimed = await shop.client.patch(
        f"/api/v1/products/{mine['id']}", json={"images": [their_photo]}, headers=headers
    )

    assert (changed.status_code, error_code(changed)) == (404, "photo_not_found")
    assert (deleted.status_code, error_code(deleted)) == (404, "photo_not_found")
    assert (ordered.status_code, error_code(ordered)) == (422, "photo_order_mismatch")
    assert (claimed.status_code, error_code(claimed)) == (422, "unknown_photo")
    theirs_now = (await shop.client.get(f"/api/v1/products/{theirs['id']}", headers=headers)).json()
    assert photos_in(theirs_now) == [their_photo]
    no_product = await upload(shop, str(uuid.uuid4()))
    assert (no_product.status_code, error_code(no_product)) == (404, "product_not_found")


async def test_only_admins_manage_photos(shop: Shop, shopper: Person) -> None:
    product = await shop.product()
    photo_id = photos_in(await with_photo(shop, product["id"]))[0]["photo_id"]
    base = f"/api/v1/admin/catalog/products/{product['id']}/photos"
    as_shopper = await upload(shop, product["id"], who=shopper)
    anonymous = await shop.client.post(base, files={"file": ("p.jpg", picture(), "image/jpeg")})
    assert (as_shopper.status_code, anonymous.status_code) == (403, 401)
    for method, url, body in (
        ("PATCH", f"{base}/{photo_id}", {"alt": "mine now"}),
        ("PUT", f"{base}/order", {"photo_ids": [photo_id]}),
        ("DELETE", f"{base}/{photo_id}", None),
    ):
        response = await shop.client.request(method, url, json=body, headers=shopper.headers)
        assert response.status_code == 403, (method, url)


async def test_the_product_patch_keeps_photos_it_names_and_deletes_the_rest(shop: Shop) -> None:
    product = await shop.product(colours=("Blue", "Black"))
    await with_photo(shop, product["id"], alt="one")
    gallery = await with_photo(shop, product["id"], alt="two")
    external, one, two = gallery["images"]
    forged = {
        **two,
        "url": "https://evil.example/x.webp",
        "srcset": "https://evil.example/x.webp 99w",
        "width": 1,
    }

    response = await shop.client.patch(
        f"/api/v1/products/{product['id']}",
        json={"images": [{**forged, "alt": "two, edited", "colour": "Black"}, external]},
        headers=shop.admin.headers,
    )

    assert response.status_code == 200, response.text
    assert response.json()["images"] == [{**two, "alt": "two, edited", "colour": "Black"}, external]
    assert (await shop.client.get(one["url"])).status_code == 404
    bad_colour = await shop.client.patch(
        f"/api/v1/products/{product['id']}",
        json={"images": [{**two, "colour": "Mauve"}]},
        headers=shop.admin.headers,
    )
    assert (bad_colour.status_code, error_code(bad_colour)) == (422, "photo_colour_unknown")
    twice = await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"images": [two, two]}, headers=shop.admin.headers
    )
    assert (twice.status_code, error_code(twice)) == (422, "unknown_photo")
    cleared = await shop.client.patch(
        f"/api/v1/products/{product['id']}", json={"images": None}, headers=shop.admin.headers
    )
    assert cleared.json()["images"] == []
    assert (await shop.client.get(two["url"])).status_code == 404


async def test_a_new_product_cannot_claim_a_photo(shop: Shop) -> None:
    product = await shop.product()
    photo = photos_in(await with_photo(shop, product["id"]))[0]
    response = await shop.client.post(
        "/api/v1/products",
        json={"title": "Copycat", "category": "t-shirts", "brand": "Aarya", "images": [photo]},
        headers=shop.admin.headers,
    )
    assert (response.status_code, error_code(response)) == (422, "unknown_photo")


async def test_a_colours_photo_is_the_cart_and_order_lines_picture(shop: Shop, shopper: Person) -> None:
    product = await shop.product(colours=("Blue", "Black"))
    await with_photo(shop, product["id"], colour="Blue", alt="In blue")
    gallery = await with_photo(shop, product["id"], colour="Black", alt="In black")
    black_photo = photos_in(gallery)[1]
    black = next(v for v in gallery["variants"] if v["colour"] == "Black")

    added = await shop.add(shopper, black["id"])
    assert added.status_code == 200, added.text
    cart = (await shop.client.get(f"/api/v1/cart/{shopper.id}", headers=shopper.headers)).json()
    assert cart["items"][0]["image"] == black_photo
    placed = await shop.checkout(shopper)
    assert placed.status_code == 201, placed.text
    assert placed.json()["items"][0]["image_url"] == black_photo["url"]


async def test_deleting_a_product_deletes_its_photos(shop: Shop) -> None:
    product = await shop.product()
    photo = photos_in(await with_photo(shop, product["id"]))[0]
    deleted = await shop.client.delete(
        f"/api/v1/admin/catalog/products/{product['id']}", headers=shop.admin.headers
    )
    assert deleted.status_code == 204, deleted.text
    assert (await shop.client.get(photo["url"])).status_code == 404
