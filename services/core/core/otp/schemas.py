from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from core.auth.schemas import Password, check_password_strength

Purpose = Literal["verify_email", "reset_password"]


class SendOtpRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    purpose: Purpose = "verify_email"


class VerifyOtpRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr
    purpose: Purpose = "verify_email"
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] = Field(description="The 6-digit code")
    new_password: Password | None = Field(default=None, description="Required when purpose is reset_password")

    _strong = field_validator("new_password")(lambda v: v if v is None else check_password_strength(v))

    @model_validator(mode="after")
    def _password_for_reset(self) -> VerifyOtpRequest:
        if self.purpose == "reset_password" and self.new_password is None:
            raise ValueError("new_password is required to reset a password")
        return self


class OtpSent(BaseModel):
    message: str = Field(
        default="If an account matches, a code is on its way.",
        description="The same answer whether or not the account exists",
    )
    expires_in: int
    resend_after: int


class OtpVerified(BaseModel):
    purpose: Purpose
    email: EmailStr
    verified: bool = True
