"""Photo processing (Pillow): the type comes from the content, metadata is dropped, renditions are WebP
at fixed widths never upscaled, and the limits hold before the pixels are decoded."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms

from commerce.catalog.photos.errors import (
    PhotoAnimated,
    PhotoNotImage,
    PhotoTooLarge,
    PhotoTooManyPixels,
    PhotoTooSmall,
    PhotoUnreadable,
)
from commerce.catalog.photos.processing import ProcessedPhoto, process, rendition_widths


def picture(
    size: tuple[int, int] = (800, 1000),
    image_format: str = "JPEG",
    mode: str = "RGB",
    colour: int | tuple[int, ...] = (180, 40, 60),
    **save: object,
) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, image_format, **save)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (12.0, 58.0, 17.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (77.0, 35.0, 40.0),
    }
    return exif


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def file_named(photo: ProcessedPhoto, name: str) -> bytes:
    return next(file.data for file in photo.files if file.name == name)


def test_a_jpeg_with_gps_comes_back_upright_with_no_metadata() -> None:
    data = picture((1000, 800), exif=gps_exif(orientation=6), xmp=b"<x:xmpmeta>secret</x:xmpmeta>")
    source = opened(data)
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload does carry a location

    photo = process(data)

    # Orientation 6 (rotate 90°): the 1000x800 pixels are shown 800 wide, 1000 high.
    assert (photo.width, photo.height, photo.content_type) == (800, 1000, "image/jpeg")
    assert photo.files[0].name == "original.jpg"
    for file in photo.files:
        image = opened(file.data)
        assert dict(image.getexif()) == {}, file.name
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(image.info), file.name
        assert b"PhoneCo" not in file.data
        assert image.height > image.width


def test_a_png_is_a_png_whatever_it_is_called() -> None:
    photo = process(picture(image_format="PNG"))
    assert photo.content_type == "image/png"
    assert photo.files[0].name == "original.png"
    assert opened(photo.files[0].data).format == "PNG"


def test_a_webp_original_stays_webp() -> None:
    photo = process(picture(image_format="WEBP"))
    assert (photo.content_type, photo.files[0].name) == ("image/webp", "original.webp")


@pytest.mark.parametrize(
    "data",
    [
        b"just some text, saved as photo.jpg\n" * 20,
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"",
    ],
)
def test_what_is_not_a_jpeg_png_or_webp_is_refused(data: bytes) -> None:
    with pytest.raises(PhotoNotImage):
        process(data)


def test_a_gif_is_refused() -> None:
    with pytest.raises(PhotoNotImage):
        process(picture(image_format="GIF", mode="P", colour=3))


def test_more_than_8_mb_is_refused_before_anything_is_read() -> None:
    with pytest.raises(PhotoTooLarge):
        process(b"\xff\xd8\xff" + bytes(8 * 1024 * 1024))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds (almost) no pixels: decoding it would fail, not succeed."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


@pytest.mark.parametrize(("width", "height"), [(10_000, 5_000), (100_000, 100_000)])
def test_a_picture_over_40_megapixels_is_refused_without_decoding_it(width: int, height: int) -> None:
    data = _png_header_only(width, height)
    started = time.perf_counter()
    with pytest.raises(PhotoTooManyPixels):
        process(data)
    assert time.perf_counter() - started < 0.5


def test_a_truncated_picture_is_refused() -> None:
    data = picture((1200, 900))
    with pytest.raises(PhotoUnreadable):
        process(data[: len(data) // 2])


def test_a_picture_under_200_pixels_on_its_short_side_is_refused() -> None:
    with pytest.raises(PhotoTooSmall):
        process(picture((1200, 199)))
    assert process(picture((200, 900))).width == 200


def test_animated_pictures_are_refused() -> None:
    frames = [Image.new("RGB", (300, 300), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    for image_format in ("WEBP", "PNG"):
        out = io.BytesIO()
        frames[0].save(out, image_format, save_all=True, append_images=frames[1:], duration=100, loop=0)
        with pytest.raises(PhotoAnimated):
            process(out.getvalue())


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (2400, [320, 640, 1024, 1600]),
        (1600, [320, 640, 1024, 1600]),
        (1200, [320, 640, 1024, 1200]),
        (800, [320, 640, 800]),
        (640, [320, 640]),
        (250, [250]),
    ],
)
def test_renditions_are_fixed_widths_never_upscaled(width: int, widths: list[int]) -> None:
    assert sorted(rendition_widths(width)) == widths


def test_renditions_are_webp_at_their_width_with_the_originals_aspect() -> None:
    photo = process(picture((1200, 1500)))
    renditions = {file.name: file for file in photo.files if file.name != "original.jpg"}
    assert sorted(renditions) == ["w1024.webp", "w1200.webp", "w320.webp", "w640.webp"]
    for name, file in renditions.items():
        image = opened(file.data)
        assert image.format == "WEBP"
        assert file.content_type == "image/webp"
        assert image.size == (file.width, file.height) == (int(name[1:-5]), round(int(name[1:-5]) * 1.25))


def test_transparency_is_kept_only_when_a_pixel_uses_it() -> None:
    clear = process(picture(image_format="PNG", mode="RGBA", colour=(10, 200, 10, 0)))
    opaque = process(picture(image_format="PNG", mode="RGBA", colour=(10, 200, 10, 255)))
    assert opened(file_named(clear, "w320.webp")).mode == "RGBA"
    assert opened(file_named(opaque, "w320.webp")).mode == "RGB"


def test_colours_are_converted_to_srgb_and_the_profile_dropped() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    lab_tagged = picture(icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    photo = process(lab_tagged)
    assert "icc_profile" not in opened(photo.files[0].data).info
    # A profile that cannot apply to the pixels is ignored rather than refusing the photo.
    assert process(picture(icc_profile=profile)).width == 800
    assert process(picture(mode="CMYK", colour=(0, 200, 200, 0))).content_type == "image/jpeg"


def test_the_upload_is_fingerprinted() -> None:
    data = picture()
    photo = process(data)
    assert photo.byte_size == len(data)
    assert len(photo.sha256) == 64
