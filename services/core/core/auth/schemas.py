from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

from core.users.schemas import FullName, UserOut

Password = Annotated[
    str,
    StringConstraints(min_length=8, max_length=128),
    Field(description="8 to 128 characters, with at least one letter and one digit"),
]


def check_password_strength(value: str) -> str:
    if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
        raise ValueError("the password needs at least one letter and one digit")
    return value


class RegisterRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: Password
    full_name: FullName

    _strong = field_validator("password")(check_password_strength)


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    password: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class RefreshRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: str | None = Field(
        default=None, description="Omit to use the `refresh_token` cookie", max_length=200
    )


class ChangePasswordRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: Annotated[str, StringConstraints(min_length=1, max_length=128)]
    new_password: Password

    _strong = field_validator("new_password")(check_password_strength)


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105
    expires_in: int = Field(description="Seconds until the access token expires")


class AuthResponse(TokenPair):
    user: UserOut


class Message(BaseModel):
    message: str


class RegisterAccepted(BaseModel):
    """The one answer to a registration, whether or not the address already had an account: a new account
    is mailed its verification code, the owner of a taken address a note instead. Sign in to continue."""

    message: str = Field(
        default="Check your e-mail to continue.",
        description="The same answer whether or not the address already has an account",
    )
    expires_in: int = Field(description="Seconds the mailed code stays valid")
    resend_after: int = Field(description="Seconds before another code can be asked for")


class GuestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(description="Where the order's e-mails go (its verified owner may claim it)")
    full_name: FullName | None = None


class GuestSession(BaseModel):
    """A guest checkout's access token (also set as the `access_token` cookie); no refresh token."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105
    expires_in: int = Field(description="Seconds until the access token (and so the guest session) ends")
    guest_id: str = Field(description="The guest's id (the token's `sub`), new for every guest session")
    email: str
    full_name: str | None
