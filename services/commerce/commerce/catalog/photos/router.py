"""Photo endpoints: the admin's upload and edits, and the public files under /media/photos."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from commerce.catalog.photos.errors import (
    MAX_ALT_LENGTH,
    MAX_PHOTO_BYTES,
    PhotoAltTooLong,
    PhotoFileNotFound,
    PhotoTooLarge,
    PhotoUploadInvalid,
)
from commerce.catalog.photos.schemas import PhotoOrder, PhotoUpdate
from commerce.catalog.photos.service import Photos, read_file
from commerce.catalog.schemas import ProductOut
from kit.auth import AdminUser
from kit.db import DbSession
from kit.errors import error_responses

# The multipart envelope around the picture: boundaries, part headers, the alt and colour fields.
MAX_UPLOAD_BODY = MAX_PHOTO_BYTES + 64 * 1024
IMMUTABLE = "public, max-age=31536000, immutable"
FILE_NAME = re.compile(r"[a-z0-9]{1,20}\.(jpg|png|webp)")

router = APIRouter(prefix="/api/v1/admin/catalog/products/{product_id}/photos", tags=["catalog admin"])
media_router = APIRouter(prefix="/media/photos", tags=["media"])

_UPLOAD_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "A JPEG, PNG or WebP picture, at most 8 MB and 40 megapixels, "
                        "at least 200 pixels on its short side",
                    },
                    "colour": {
                        "type": "string",
                        "maxLength": 40,
                        "description": "The variant colour it shows; leave out for every colour",
                    },
                    "alt": {"type": "string", "maxLength": MAX_ALT_LENGTH, "description": "Alt text"},
                },
            }
        }
    },
}


@dataclass(frozen=True, slots=True)
class Upload:
    data: bytes
    colour: str | None
    alt: str


async def _upload(request: Request) -> Upload:
    """The multipart body, read with a cap (a larger one is refused as it arrives, not after)."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise PhotoUploadInvalid()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BODY:
        raise PhotoTooLarge()
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_UPLOAD_BODY:
            raise PhotoTooLarge()

    async def received() -> AsyncGenerator[bytes, None]:
        yield bytes(body)

    parser = MultiPartParser(request.headers, received(), max_files=1, max_fields=2, max_part_size=4096)
    try:
        form = await parser.parse()
    except (MultiPartException, KeyError, ValueError) as exc:
        raise PhotoUploadInvalid() from exc
    try:
        file, colour, alt = form.get("file"), form.get("colour"), form.get("alt", "")
        if not isinstance(file, UploadFile) or isinstance(colour, UploadFile) or isinstance(alt, UploadFile):
            raise PhotoUploadInvalid()
        data = await file.read()
    finally:
        await form.close()
    if len(alt) > MAX_ALT_LENGTH:
        raise PhotoAltTooLong()
    return Upload(data=data, colour=colour or None, alt=alt)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ProductOut,
    responses=error_responses(401, 403, 404, 413, 422),
    openapi_extra={"requestBody": _UPLOAD_BODY},
    summary="Upload a photo of a product, last in its gallery (admins); returns the product",
    description=(
        "multipart/form-data with `file` (JPEG, PNG or WebP, decided by the content; at most 8 MB: "
        "`413 photo_too_large`), optional `colour` (one of the product's variant colours, else "
        "`422 photo_colour_unknown`) and `alt` (at most 200 characters). The picture is turned upright, "
        "stripped of EXIF/GPS and every other metadata, and served as WebP renditions 320, 640, 1024 and "
        "1600 pixels wide (never upscaled) under `/media/photos/<photo_id>/`. Refused with 422: not a "
        "picture (`photo_not_image`), damaged (`photo_unreadable`), over 40 megapixels "
        "(`photo_too_many_pixels`), under 200 pixels on the short side (`photo_too_small`), animated "
        "(`photo_animated`), a 21st picture (`too_many_pictures`)."
    ),
)
async def upload_photo(
    product_id: uuid.UUID, admin: AdminUser, photos: Photos, upload: Annotated[Upload, Depends(_upload)]
) -> ProductOut:
    return await photos.upload(admin, product_id, upload.data, colour=upload.colour, alt=upload.alt)


@router.patch(
    "/{photo_id}",
    response_model=ProductOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Change a photo's alt text or colour (admins); returns the product",
)
async def change_photo(
    product_id: uuid.UUID, photo_id: uuid.UUID, body: PhotoUpdate, admin: AdminUser, photos: Photos
) -> ProductOut:
    return await photos.change(product_id, photo_id, body)


@router.put(
    "/order",
    response_model=ProductOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Put the product's photos in this order (admins); every photo named once, else 422",
)
async def reorder_photos(
    product_id: uuid.UUID, body: PhotoOrder, admin: AdminUser, photos: Photos
) -> ProductOut:
    return await photos.reorder(product_id, body)


@router.delete(
    "/{photo_id}",
    response_model=ProductOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Delete a photo and its files (admins); returns the product",
)
async def delete_photo(
    product_id: uuid.UUID, photo_id: uuid.UUID, admin: AdminUser, photos: Photos
) -> ProductOut:
    return await photos.delete(product_id, photo_id)


@media_router.get(
    "/{photo_id}/{name}",
    response_class=Response,
    responses={
        200: {"content": {"image/webp": {}, "image/jpeg": {}, "image/png": {}}},
        304: {"description": "The copy the client holds (If-None-Match) is current"},
        **error_responses(404, 422),
    },
    summary="A photo file: `original.jpg|png|webp` or a WebP rendition `w<width>.webp` (anyone)",
    description=(
        "The URLs never change content (a photo id is never reused), so they are cached for a year as "
        "immutable; `If-None-Match` with the ETag answers 304."
    ),
)
async def photo_file(photo_id: str, name: str, request: Request, session: DbSession) -> Response:
    try:
        key = uuid.UUID(photo_id)
    except ValueError as exc:
        raise PhotoFileNotFound() from exc
    if not FILE_NAME.fullmatch(name):
        raise PhotoFileNotFound()
    etag = f'"{key}/{name}"'
    tags = {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}
    revalidating = etag in tags or "*" in tags
    found = await read_file(session, key, name, with_data=not revalidating)
    headers = {"Cache-Control": IMMUTABLE, "ETag": etag, "X-Content-Type-Options": "nosniff"}
    if revalidating:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(content=found.data, media_type=found.content_type, headers=headers)
