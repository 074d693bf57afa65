"""Photo administration: upload, alt text and colour, order, delete; each committed, then the catalog
cache is invalidated, and the product returned as the admin sees it."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from commerce.catalog.cache import CatalogCache
from commerce.catalog.models import Product
from commerce.catalog.photos import gallery
from commerce.catalog.photos.errors import PhotoFileNotFound, PhotoNotFound, PhotoOrderMismatch
from commerce.catalog.photos.models import PhotoFile, ProductPhoto
from commerce.catalog.photos.processing import process
from commerce.catalog.photos.schemas import PhotoOrder, PhotoUpdate
from commerce.catalog.repository import CatalogRepository
from commerce.catalog.schemas import ProductOut
from commerce.catalog.service import ProductNotFound, product_out
from commerce.deps import Cache
from kit.auth import CurrentUser
from kit.db import DbSession


class PhotoAdmin:
    def __init__(self, session: AsyncSession, cache: CatalogCache) -> None:
        self.session = session
        self.products = CatalogRepository(session)
        self.cache = cache

    async def upload(
        self, admin: CurrentUser, product_id: uuid.UUID, data: bytes, *, colour: str | None, alt: str
    ) -> ProductOut:
        await gallery.check_new_photo(self.session, await self._product(product_id), colour=colour, alt=alt)
        # No transaction stays open while the picture is converted (a second or so for a phone photo).
        await self.session.rollback()
        processed = await asyncio.to_thread(process, data)
        product = await self._product(product_id, for_update=True)
        await gallery.store_photo(self.session, product, processed, colour=colour, alt=alt, actor_id=admin.id)
        return await self._commit(product_id)

    async def change(self, product_id: uuid.UUID, photo_id: uuid.UUID, body: PhotoUpdate) -> ProductOut:
        product = await self._product(product_id, for_update=True)
        photo = await self._photo(product_id, photo_id)
        given = body.model_fields_set
        await gallery.change_photo(
            self.session,
            photo,
            alt=body.alt if "alt" in given else None,
            colour=body.colour if "colour" in given else photo.colour,
        )
        await gallery.rewrite_gallery(self.session, product, product.images)
        return await self._commit(product_id)

    async def reorder(self, product_id: uuid.UUID, body: PhotoOrder) -> ProductOut:
        product = await self._product(product_id, for_update=True)
        photos = await gallery.photos_of(self.session, product_id)
        wanted = [str(photo_id) for photo_id in body.photo_ids]
        if len(set(wanted)) != len(wanted) or set(wanted) != {str(photo_id) for photo_id in photos}:
            raise PhotoOrderMismatch()
        # The photos take the gallery's photo places in the new order; external pictures stay put.
        following = iter(wanted)
        images: list[dict[str, Any]] = [
            {"photo_id": next(following)} if image.get("photo_id") else image for image in product.images
        ]
        images.extend({"photo_id": photo_id} for photo_id in following)
        await gallery.rewrite_gallery(self.session, product, images)
        return await self._commit(product_id)

    async def delete(self, product_id: uuid.UUID, photo_id: uuid.UUID) -> ProductOut:
        product = await self._product(product_id, for_update=True)
        await self._photo(product_id, photo_id)
        remaining = [image for image in product.images if image.get("photo_id") != str(photo_id)]
        await gallery.rewrite_gallery(self.session, product, remaining)
        return await self._commit(product_id)

    async def _product(self, product_id: uuid.UUID, *, for_update: bool = False) -> Product:
        product = await self.products.product(str(product_id), for_update=for_update)
        if product is None:
            raise ProductNotFound()
        return product

    async def _photo(self, product_id: uuid.UUID, photo_id: uuid.UUID) -> ProductPhoto:
        photo = await self.session.scalar(
            select(ProductPhoto).where(ProductPhoto.id == photo_id, ProductPhoto.product_id == product_id)
        )
        if photo is None:
            raise PhotoNotFound()
        return photo

    async def _commit(self, product_id: uuid.UUID) -> ProductOut:
        await self.session.commit()
        await self.cache.invalidate()
        return product_out(await self._product(product_id), include_inactive=True)


async def read_file(session: AsyncSession, photo_id: uuid.UUID, name: str, *, with_data: bool) -> PhotoFile:
    """A file of a photo (its bytes only when asked: a revalidation needs none)."""
    statement = select(PhotoFile).where(PhotoFile.photo_id == photo_id, PhotoFile.name == name)
    if with_data:
        statement = statement.options(undefer(PhotoFile.data))
    found = await session.scalar(statement)
    if found is None:
        raise PhotoFileNotFound()
    return found


async def _photo_admin(session: DbSession, cache: Cache) -> PhotoAdmin:
    return PhotoAdmin(session, cache)


Photos = Annotated[PhotoAdmin, Depends(_photo_admin)]
