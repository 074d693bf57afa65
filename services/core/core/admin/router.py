from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from core.deps import Auth, Users
from core.users import service
from core.users.schemas import UserOut
from kit.auth import AdminUser
from kit.errors import error_responses
from kit.pagination import Page, Pagination

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


@router.get(
    "/users",
    response_model=Page[UserOut],
    responses=error_responses(401, 403, 422),
    summary="List users, paginated and filterable",
)
async def list_users(
    admin: AdminUser,
    users: Users,
    pagination: Pagination,
    q: Annotated[str | None, Query(max_length=100, description="Part of the e-mail or name")] = None,
    role: Literal["customer", "admin"] | None = None,
    is_active: bool | None = None,
    is_verified: bool | None = None,
    sort: Literal["created_at", "-created_at"] = "-created_at",
) -> Page[UserOut]:
    rows, total = await users.page(
        offset=pagination.offset,
        limit=pagination.page_size,
        query=q,
        role=role,
        is_active=is_active,
        is_verified=is_verified,
        newest_first=sort.startswith("-"),
    )
    return Page[UserOut].of([UserOut.model_validate(row) for row in rows], total, pagination)


@router.patch(
    "/users/{user_id}/activate",
    response_model=UserOut,
    responses=error_responses(401, 403, 404, 422),
    summary="Let a user sign in again",
)
async def activate_user(user_id: uuid.UUID, admin: AdminUser, users: Users) -> UserOut:
    return UserOut.model_validate(await service.set_active(users, admin, user_id, active=True))


@router.patch(
    "/users/{user_id}/deactivate",
    response_model=UserOut,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Stop a user signing in and end all of their sessions",
)
async def deactivate_user(user_id: uuid.UUID, admin: AdminUser, users: Users, auth: Auth) -> UserOut:
    user = await service.set_active(users, admin, user_id, active=False)
    await auth.revoke_user(user.id)
    return UserOut.model_validate(user)
