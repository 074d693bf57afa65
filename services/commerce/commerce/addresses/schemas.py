from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from commerce.orders.schemas import ShippingAddress


class AddressIn(ShippingAddress):
    """A delivery address to keep (checked as checkout checks one: state, PIN code in its zone)."""

    is_default: bool = Field(
        default=False, description="Make it the default (the shopper's first address always is)"
    )


class AddressOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    user_id: uuid.UUID
    name: str
    line1: str
    line2: str | None
    city: str
    state: str
    postal_code: str
    country: str
    phone: str
    is_default: bool = Field(description="Exactly one saved address is the default; checkout starts with it")
    created_at: datetime
    updated_at: datetime
