"""User domain rules: profiles, look-ups with the ownership rule, activation."""

from __future__ import annotations

import uuid

from core.users.models import User
from core.users.repository import UserRepository
from core.users.schemas import ProfileUpdate
from kit.auth import CurrentUser, ensure_self_or_admin
from kit.errors import Conflict, NotFound


class UserNotFound(NotFound):
    code = "user_not_found"
    message = "No such user."


class CannotDeactivateSelf(Conflict):
    code = "cannot_deactivate_self"
    message = "Administrators cannot deactivate their own account."


async def get_user(users: UserRepository, user_id: uuid.UUID) -> User:
    user = await users.get(user_id)
    if user is None:
        raise UserNotFound()
    return user


async def read_user(users: UserRepository, viewer: CurrentUser, user_id: uuid.UUID) -> User:
    ensure_self_or_admin(viewer, user_id)
    return await get_user(users, user_id)


async def update_profile(users: UserRepository, user_id: uuid.UUID, changes: ProfileUpdate) -> User:
    user = await get_user(users, user_id)
    for field, value in changes.model_dump(exclude_unset=True).items():
        if field == "full_name" and value is None:
            continue
        setattr(user, field, value)
    return await users.save(user)


async def set_active(users: UserRepository, admin: CurrentUser, user_id: uuid.UUID, *, active: bool) -> User:
    if not active and admin.id == user_id:
        raise CannotDeactivateSelf()
    user = await users.get(user_id, for_update=True)
    if user is None:
        raise UserNotFound()
    user.is_active = active
    return await users.save(user)
