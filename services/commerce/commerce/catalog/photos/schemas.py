"""Request bodies of the photo endpoints (the upload itself is multipart: see router.py)."""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from commerce.catalog.photos.errors import MAX_ALT_LENGTH, MAX_PICTURES
from commerce.catalog.schemas import Colour

Alt = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_ALT_LENGTH)]


class PhotoUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    alt: Alt | None = Field(default=None, description="Leave out to keep the alt text")
    colour: Colour | None = Field(
        default=None,
        description="A colour of the product's variants; null: a picture of every colour; leave out to keep",
    )


class PhotoOrder(BaseModel):
    model_config = ConfigDict(extra="forbid")

    photo_ids: Annotated[list[uuid.UUID], Field(max_length=MAX_PICTURES)] = Field(
        description="Every photo of the product, each once, in the order the shop shows them"
    )
