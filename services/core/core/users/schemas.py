from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()-]{6,32}$")]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: EmailStr
    full_name: str
    phone: str | None
    role: Literal["customer", "admin"]
    is_active: bool
    is_verified: bool
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None


class ProfileUpdate(BaseModel):
    """Fields a user may change about themselves; anything else (role, e-mail, …) is refused."""

    model_config = ConfigDict(extra="forbid")

    full_name: FullName | None = Field(default=None, description="Display name")
    phone: Phone | None = Field(default=None, description="Phone number, digits with optional +, spaces")
