from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from commerce.addresses.schemas import AddressIn, AddressOut
from commerce.deps import Addresses
from kit.auth import AuthenticatedUser
from kit.errors import error_responses

router = APIRouter(prefix="/api/v1/addresses", tags=["addresses"])


@router.get(
    "/{user_id}",
    response_model=list[AddressOut],
    responses=error_responses(401, 403, 422),
    summary="A shopper's saved addresses, the default first (your own; admins any; not for guests)",
)
async def list_addresses(
    user_id: uuid.UUID, user: AuthenticatedUser, addresses: Addresses
) -> list[AddressOut]:
    return await addresses.list_for(user, user_id)


@router.post(
    "/{user_id}",
    status_code=status.HTTP_201_CREATED,
    response_model=AddressOut,
    responses=error_responses(401, 403, 409, 422),
    summary="Save an address (the first one becomes the default; an address already saved is returned)",
    description=(
        "`409 address_book_full` at 10 addresses; `403 guest_address_book` for a guest; `422 "
        "validation_error` for a state that is not one of India's, or a PIN code that is not 6 digits "
        "starting 1-9 in the state's postal zone (the details say which)."
    ),
)
async def add_address(
    user_id: uuid.UUID, body: AddressIn, user: AuthenticatedUser, addresses: Addresses
) -> AddressOut:
    return await addresses.add(user, user_id, body)


@router.put(
    "/{user_id}/{address_id}",
    response_model=AddressOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Change a saved address (or make it the default)",
)
async def update_address(
    user_id: uuid.UUID, address_id: uuid.UUID, body: AddressIn, user: AuthenticatedUser, addresses: Addresses
) -> AddressOut:
    return await addresses.update(user, user_id, address_id, body)


@router.delete(
    "/{user_id}/{address_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 422),
    summary="Delete a saved address (deleting the default makes the newest remaining one the default)",
)
async def delete_address(
    user_id: uuid.UUID, address_id: uuid.UUID, user: AuthenticatedUser, addresses: Addresses
) -> None:
    await addresses.delete(user, user_id, address_id)
