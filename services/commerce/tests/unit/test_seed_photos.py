"""The demo catalog's photos: real pictures in the variant's colour, the same every time."""

from __future__ import annotations

import io

from PIL import Image, ImageStat

from commerce.catalog.photos.processing import process
from commerce.seed.data import COLOURS
from commerce.seed.loader import has_old_seeded_pictures
from commerce.seed.photos import GARMENTS, HEIGHT, WIDTH, garment_photo, polylines, render


def test_a_photo_is_a_1200_by_1500_jpeg_the_store_accepts() -> None:
    data = garment_photo("sarees", COLOURS["Maroon"])

    picture = Image.open(io.BytesIO(data))
    assert (picture.format, picture.size) == ("JPEG", (WIDTH, HEIGHT))
    assert process(data).width == WIDTH


def test_photos_are_deterministic() -> None:
    first = render("jeans", COLOURS["Indigo"]).tobytes()
    assert render("jeans", COLOURS["Indigo"]).tobytes() == first


def test_the_garment_is_in_its_colour_on_a_light_backdrop() -> None:
    for category in GARMENTS:
        dark = render(category, COLOURS["Black"])
        light = render(category, COLOURS["White"])
        corner = dark.getpixel((20, 20))
        assert isinstance(corner, tuple)
        assert min(corner) > 180, category  # studio paper, not the garment
        assert sum(dark.convert("L").histogram()[:60]) > 100_000, category  # a large dark garment
        assert dark.getpixel((20, 20)) == light.getpixel((20, 20))  # the same studio for every colour


def test_white_fabric_is_white_on_the_paper_and_indigo_denim_is_blue() -> None:
    shirt = render("shirts", COLOURS["White"]).convert("L")
    (chest,) = ImageStat.Stat(shirt.crop((520, 560, 680, 900))).mean
    (paper,) = ImageStat.Stat(shirt.crop((20, 600, 60, 900))).mean
    assert chest > 228  # bright fabric, not grey
    assert chest > paper + 10  # and set off the backdrop

    red, green, blue = ImageStat.Stat(render("jeans", COLOURS["Indigo"]).crop((380, 820, 460, 900))).mean
    assert green > red + 20  # blue-indigo, not violet
    assert blue > green + 30


def test_curves_are_flattened_into_points() -> None:
    (line,) = polylines("M0 0 Q100 100 200 0")
    assert len(line) == 17
    assert line[0][1] == line[-1][1]
    assert max(y for _, y in line) > line[0][1] + 100  # the curve bows down


def test_only_a_gallery_of_old_seeded_svgs_is_upgraded() -> None:
    old = {"url": "/media/catalog/linen-blazer-navy.svg", "alt": "Linen Blazer in Navy", "colour": "Navy"}
    assert has_old_seeded_pictures([old])
    assert not has_old_seeded_pictures([])
    assert not has_old_seeded_pictures([old, {"url": "https://cdn.example.com/a.jpg", "alt": "model"}])
    assert not has_old_seeded_pictures([{**old, "photo_id": "5d1c0b7e-8a35-4b59-9f5e-3e0f5a0d2b11"}])
