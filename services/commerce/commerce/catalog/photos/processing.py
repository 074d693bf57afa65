"""Turning an uploaded picture into what the shop serves (Pillow; CPU-bound, so run in a worker thread).

The type is decided by the content (the filename and the client's content type are ignored). The stored
original is a re-encode of the pixels only: EXIF (GPS included), XMP and comments are gone, the
orientation is applied and colours are converted to sRGB. Renditions are WebP at fixed widths, never
upscaled.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from commerce.catalog.photos.errors import (
    MAX_PHOTO_BYTES,
    MAX_PHOTO_PIXELS,
    MIN_PHOTO_SIDE,
    PhotoAnimated,
    PhotoNotImage,
    PhotoTooLarge,
    PhotoTooManyPixels,
    PhotoTooSmall,
    PhotoUnreadable,
)

RENDITION_WIDTHS = (320, 640, 1024, 1600)
# The width a product's `url` points at: sharp on a product page, light in a listing.
DISPLAY_WIDTH = 1024
RENDITION_QUALITY = 80
ORIGINAL_QUALITY = 92
# Pillow's names for what is accepted; MPO is the JPEG with a depth or preview frame many phones write.
_OPENERS = ("JPEG", "PNG", "WEBP")
_ORIGINALS = {
    "JPEG": ("original.jpg", "image/jpeg"),
    "MPO": ("original.jpg", "image/jpeg"),
    "PNG": ("original.png", "image/png"),
    "WEBP": ("original.webp", "image/webp"),
}


@dataclass(frozen=True, slots=True)
class PhotoFileData:
    name: str
    content_type: str
    width: int
    height: int
    data: bytes


@dataclass(frozen=True, slots=True)
class ProcessedPhoto:
    width: int
    height: int
    content_type: str
    byte_size: int
    sha256: str
    files: tuple[PhotoFileData, ...]


def rendition_widths(width: int) -> list[int]:
    """The WebP widths made for an original this wide: the fixed ones up to it, and its own when smaller."""
    widths = [w for w in RENDITION_WIDTHS if w <= width]
    if width < RENDITION_WIDTHS[-1] and width not in widths:
        widths.append(width)
    return widths


def rendition_name(width: int) -> str:
    return f"w{width}.webp"


def process(data: bytes) -> ProcessedPhoto:
    """Check and convert an upload; raises the photo errors of commerce.catalog.photos.errors."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoTooLarge()
    image_format, pixels = _decode(data)
    original_name, content_type = _ORIGINALS[image_format]
    width, height = pixels.size
    files = [
        PhotoFileData(original_name, content_type, width, height, _encode_original(pixels, image_format))
    ]
    smaller = pixels
    for target in sorted(rendition_widths(width), reverse=True):
        size = (target, max(1, round(height * target / width)))
        # Each from the one above it: a large original is read once, not once per width.
        smaller = smaller.resize(size, Image.Resampling.LANCZOS) if smaller.size != size else smaller
        out = io.BytesIO()
        smaller.save(out, "WEBP", quality=RENDITION_QUALITY, method=4)
        files.append(PhotoFileData(rendition_name(target), "image/webp", size[0], size[1], out.getvalue()))
    return ProcessedPhoto(
        width=width,
        height=height,
        content_type=content_type,
        byte_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        files=tuple(files),
    )


def _decode(data: bytes) -> tuple[str, Image.Image]:
    """(format, upright sRGB pixels with no metadata), checked before the pixels are decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=_OPENERS)
    except UnidentifiedImageError as exc:
        raise PhotoNotImage() from exc
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise PhotoTooManyPixels() from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise PhotoUnreadable() from exc
    with image:
        image_format = image.format or ""
        if image_format not in _ORIGINALS:
            raise PhotoNotImage()
        width, height = image.size
        if width * height > MAX_PHOTO_PIXELS:
            raise PhotoTooManyPixels()
        if min(width, height) < MIN_PHOTO_SIDE:
            raise PhotoTooSmall()
        if image_format != "MPO" and getattr(image, "is_animated", False):
            raise PhotoAnimated()
        try:
            image.load()
            upright = ImageOps.exif_transpose(image)
            return image_format, _pixels_only(upright)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise PhotoUnreadable() from exc


def _pixels_only(image: Image.Image) -> Image.Image:
    """RGB (or RGBA when some pixel is see-through) in sRGB, in a new image that carries no metadata."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    converted = _to_srgb(image, mode)
    if mode == "RGBA" and converted.getchannel("A").getextrema() == (255, 255):
        converted, mode = converted.convert("RGB"), "RGB"
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    return clean


def _to_srgb(image: Image.Image, mode: str) -> Image.Image:
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if image.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None  # a broken profile: the pixels as they are
        if converted is not None:
            return converted.convert(mode)
    return image.convert(mode)


def _encode_original(pixels: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if image_format in ("JPEG", "MPO"):
        pixels.save(out, "JPEG", quality=ORIGINAL_QUALITY, optimize=True)
    elif image_format == "PNG":
        pixels.save(out, "PNG")
    else:
        pixels.save(out, "WEBP", quality=ORIGINAL_QUALITY, method=4)
    return out.getvalue()
