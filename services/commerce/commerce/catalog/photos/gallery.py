"""A product's photos and its gallery (`products.images`, the ordered pictures the shop reads).

Every photo change rewrites the photo entries of the gallery in the same transaction; external pictures
(a url, no photo_id) stay where they are. Functions here only flush: the caller commits. A caller that
may race other writers of the product holds its row (SELECT … FOR UPDATE) first.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from commerce.catalog.models import Product, Variant
from commerce.catalog.photos.errors import (
    MAX_ALT_LENGTH,
    MAX_PICTURES,
    PhotoAltTooLong,
    PhotoColourUnknown,
    TooManyPictures,
    UnknownPhoto,
)
from commerce.catalog.photos.models import PhotoFile, ProductPhoto
from commerce.catalog.photos.processing import DISPLAY_WIDTH, ProcessedPhoto, process, rendition_name

MEDIA_PREFIX = "/media/photos"


def photo_url(photo_id: uuid.UUID, name: str) -> str:
    return f"{MEDIA_PREFIX}/{photo_id}/{name}"


async def add_photo(
    session: AsyncSession,
    product: Product,
    data: bytes,
    *,
    colour: str | None,
    alt: str,
    actor_id: uuid.UUID | None = None,
) -> ProductPhoto:
    """Check, convert and store an uploaded picture as the product's last; rewrites its gallery."""
    await check_new_photo(session, product, colour=colour, alt=alt)
    processed = await asyncio.to_thread(process, data)
    return await store_photo(session, product, processed, colour=colour, alt=alt, actor_id=actor_id)


async def check_new_photo(session: AsyncSession, product: Product, *, colour: str | None, alt: str) -> None:
    """The refusals that need no picture: checked before the (slow) conversion."""
    if len(product.images) >= MAX_PICTURES:
        raise TooManyPictures()
    _clean_alt(alt)
    await variant_colour(session, product.id, colour)


async def store_photo(
    session: AsyncSession,
    product: Product,
    processed: ProcessedPhoto,
    *,
    colour: str | None,
    alt: str,
    actor_id: uuid.UUID | None = None,
) -> ProductPhoto:
    if len(product.images) >= MAX_PICTURES:
        raise TooManyPictures()
    photo = ProductPhoto(
        id=uuid.uuid4(),
        product_id=product.id,
        colour=await variant_colour(session, product.id, colour),
        alt=_clean_alt(alt),
        position=len(product.images),
        width=processed.width,
        height=processed.height,
        content_type=processed.content_type,
        byte_size=processed.byte_size,
        sha256=processed.sha256,
        created_by=actor_id,
    )
    session.add(photo)
    await session.flush()
    session.add_all(
        PhotoFile(
            photo_id=photo.id,
            name=file.name,
            content_type=file.content_type,
            width=file.width,
            height=file.height,
            data=file.data,
        )
        for file in processed.files
    )
    await session.flush()
    await rewrite_gallery(session, product, [*product.images, {"photo_id": str(photo.id)}])
    return photo


async def variant_colour(session: AsyncSession, product_id: uuid.UUID, colour: str | None) -> str | None:
    """The colour as the product's variants spell it (matched without regard to case); None for none."""
    wanted = (colour or "").strip()
    if not wanted:
        return None
    colours = await session.scalars(select(Variant.colour).where(Variant.product_id == product_id).distinct())
    match = next((c for c in colours if c.lower() == wanted.lower()), None)
    if match is None:
        raise PhotoColourUnknown()
    return match


async def photos_of(session: AsyncSession, product_id: uuid.UUID) -> dict[uuid.UUID, ProductPhoto]:
    rows = await session.scalars(select(ProductPhoto).where(ProductPhoto.product_id == product_id))
    return {photo.id: photo for photo in rows}


async def rewrite_gallery(session: AsyncSession, product: Product, images: Sequence[dict[str, Any]]) -> None:
    """Make `images` the product's gallery: photo entries (those with a photo_id) are rebuilt from their
    photo; the product's photos the list leaves out are deleted; external pictures keep url, alt, colour."""
    photos = await photos_of(session, product.id)
    renditions = await _rendition_widths(session, list(photos))
    gallery: list[dict[str, Any]] = []
    kept: list[ProductPhoto] = []
    for image in images:
        photo_id = image.get("photo_id")
        if photo_id is None:
            gallery.append({name: image[name] for name in ("url", "alt", "colour") if name in image})
            continue
        photo = photos.get(uuid.UUID(str(photo_id)))
        if photo is None or photo in kept:
            raise UnknownPhoto()
        kept.append(photo)
        gallery.append(photo_entry(photo, renditions.get(photo.id, [])))
    if len(gallery) > MAX_PICTURES:
        raise TooManyPictures()
    for position, photo in enumerate(kept):
        photo.position = position
    dropped = [photo_id for photo_id, photo in photos.items() if photo not in kept]
    if dropped:
        await session.execute(delete(ProductPhoto).where(ProductPhoto.id.in_(dropped)))
        for photo_id in dropped:
            session.expunge(photos[photo_id])
    product.images = gallery
    await session.flush()


async def apply_image_changes(
    session: AsyncSession, product: Product, images: Sequence[dict[str, Any]]
) -> None:
    """A gallery the admin sent (the product PATCH): alt and colour of photo entries change their photo;
    url, srcset and sizes of photo entries come from the photo, never from the client."""
    photos = await photos_of(session, product.id)
    for image in images:
        photo_id = image.get("photo_id")
        if photo_id is None:
            continue
        photo = photos.get(uuid.UUID(str(photo_id)))
        if photo is None:
            raise UnknownPhoto()
        await change_photo(session, photo, alt=image.get("alt"), colour=image.get("colour", photo.colour))
    await rewrite_gallery(session, product, images)


async def change_photo(
    session: AsyncSession, photo: ProductPhoto, *, alt: str | None, colour: str | None
) -> None:
    """Set a photo's alt text (None: leave it) and colour (a variant's; validated only when it changes)."""
    if alt is not None:
        photo.alt = _clean_alt(alt)
    unchanged = (colour or "").strip().lower() == (photo.colour or "").lower()
    if not unchanged:
        photo.colour = await variant_colour(session, photo.product_id, colour)


def photo_entry(photo: ProductPhoto, widths: Sequence[int]) -> dict[str, Any]:
    """The gallery entry of a photo, as products.images stores it (the `Image` schema)."""
    widths = sorted(widths) or [photo.width]
    shown = DISPLAY_WIDTH if DISPLAY_WIDTH in widths else widths[-1]
    entry: dict[str, Any] = {
        "url": photo_url(photo.id, rendition_name(shown)),
        "alt": photo.alt,
        "photo_id": str(photo.id),
        "width": photo.width,
        "height": photo.height,
        "srcset": ", ".join(f"{photo_url(photo.id, rendition_name(w))} {w}w" for w in widths),
    }
    if photo.colour:
        entry["colour"] = photo.colour
    return entry


async def _rendition_widths(session: AsyncSession, photo_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[int]]:
    widths: dict[uuid.UUID, list[int]] = {}
    if not photo_ids:
        return widths
    rows = await session.execute(
        select(PhotoFile.photo_id, PhotoFile.width).where(
            PhotoFile.photo_id.in_(photo_ids),
            PhotoFile.content_type == "image/webp",
            PhotoFile.name.like("w%"),
        )
    )
    for photo_id, width in rows:
        widths.setdefault(photo_id, []).append(width)
    return widths


def _clean_alt(alt: str) -> str:
    cleaned = alt.strip()
    if len(cleaned) > MAX_ALT_LENGTH:
        raise PhotoAltTooLong()
    return cleaned
