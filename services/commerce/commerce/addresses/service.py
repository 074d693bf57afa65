"""The address book: a shopper's saved delivery addresses, reused at checkout.

At most `MAX_ADDRESSES` per shopper and, as soon as there is one, exactly one default: the first address
is the default, making another the default unmarks the old one, and deleting the default hands it to the
newest remaining address. Saving an address the book already holds returns that entry instead of a copy
(checkout's "Save this address" on a reused address). Guests have no book: it belongs to an account.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from commerce.addresses.models import Address
from commerce.addresses.repository import AddressRepository
from commerce.addresses.schemas import AddressIn, AddressOut
from kit.auth import CurrentUser, ensure_self_or_admin
from kit.errors import Conflict, Forbidden, NotFound

MAX_ADDRESSES = 10
FIELDS = ("name", "line1", "line2", "city", "state", "postal_code", "country", "phone")


class AddressNotFound(NotFound):
    code = "address_not_found"
    message = "No such saved address."


class AddressBookFull(Conflict):
    code = "address_book_full"
    message = f"You can keep up to {MAX_ADDRESSES} addresses: delete one in your account to save another."


class GuestsHaveNoAddressBook(Forbidden):
    code = "guest_address_book"
    message = "Guests have no address book: create an account with your e-mail address to save addresses."


def _ensure_book_owner(viewer: CurrentUser, user_id: uuid.UUID) -> None:
    if viewer.role == "guest":
        raise GuestsHaveNoAddressBook()
    ensure_self_or_admin(viewer, user_id)


def _same_place(address: Address, body: AddressIn) -> bool:
    return all(getattr(address, field) == getattr(body, field) for field in FIELDS)


class AddressService:
    def __init__(self, session: AsyncSession) -> None:
        self.addresses = AddressRepository(session)

    async def list_for(self, viewer: CurrentUser, user_id: uuid.UUID) -> list[AddressOut]:
        _ensure_book_owner(viewer, user_id)
        return [AddressOut.model_validate(row) for row in await self.addresses.list_for(user_id)]

    async def add(self, viewer: CurrentUser, user_id: uuid.UUID, body: AddressIn) -> AddressOut:
        _ensure_book_owner(viewer, user_id)
        await self.addresses.lock_book(user_id)
        book = await self.addresses.list_for(user_id)
        existing = next((address for address in book if _same_place(address, body)), None)
        if existing is None and len(book) >= MAX_ADDRESSES:
            raise AddressBookFull(details={"limit": MAX_ADDRESSES})
        make_default = body.is_default or not book
        if make_default and (existing is None or not existing.is_default):
            await self.addresses.clear_default(user_id)
        if existing is not None:
            existing.is_default = existing.is_default or make_default
            await self.addresses.flush()
            return AddressOut.model_validate(existing)
        address = Address(user_id=user_id, **body.model_dump(include=set(FIELDS)), is_default=make_default)
        return AddressOut.model_validate(await self.addresses.add(address))

    async def update(
        self, viewer: CurrentUser, user_id: uuid.UUID, address_id: uuid.UUID, body: AddressIn
    ) -> AddressOut:
        _ensure_book_owner(viewer, user_id)
        await self.addresses.lock_book(user_id)
        address = await self._get(user_id, address_id)
        for field in FIELDS:
            setattr(address, field, getattr(body, field))
        if body.is_default and not address.is_default:
            await self.addresses.clear_default(user_id)
            address.is_default = True
        # Unticking the default keeps it: a book always has one; another address becomes it by being chosen.
        await self.addresses.flush()
        return AddressOut.model_validate(address)

    async def delete(self, viewer: CurrentUser, user_id: uuid.UUID, address_id: uuid.UUID) -> None:
        _ensure_book_owner(viewer, user_id)
        await self.addresses.lock_book(user_id)
        address = await self._get(user_id, address_id)
        await self.addresses.delete(address)
        if address.is_default:
            remaining = await self.addresses.list_for(user_id)
            if remaining:
                newest = max(remaining, key=lambda row: (row.created_at, str(row.id)))
                newest.is_default = True
                await self.addresses.flush()

    async def _get(self, user_id: uuid.UUID, address_id: uuid.UUID) -> Address:
        address = await self.addresses.get(user_id, address_id)
        if address is None:
            raise AddressNotFound()
        return address
