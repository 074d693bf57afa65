from __future__ import annotations

import uuid

from fastapi import APIRouter

from core.deps import Users
from core.users import service
from core.users.schemas import ProfileUpdate, UserOut
from kit.auth import AuthenticatedUser
from kit.errors import error_responses

router = APIRouter(prefix="/api/v1/users", tags=["users"])


@router.get(
    "/me",
    response_model=UserOut,
    # 404: the token is valid but its account no longer exists.
    responses=error_responses(401, 404),
    summary="The signed-in user",
)
async def read_me(user: AuthenticatedUser, users: Users) -> UserOut:
    return UserOut.model_validate(await service.get_user(users, user.id))


@router.patch(
    "/me",
    response_model=UserOut,
    responses=error_responses(401, 404, 422),
    summary="Update the signed-in user's profile",
)
async def update_me(user: AuthenticatedUser, changes: ProfileUpdate, users: Users) -> UserOut:
    return UserOut.model_validate(await service.update_profile(users, user.id, changes))


@router.get(
    "/{user_id}",
    response_model=UserOut,
    responses=error_responses(401, 403, 404, 422),
    summary="A user by id (yourself, or anyone for admins)",
)
async def read_user(user_id: uuid.UUID, user: AuthenticatedUser, users: Users) -> UserOut:
    return UserOut.model_validate(await service.read_user(users, user, user_id))
