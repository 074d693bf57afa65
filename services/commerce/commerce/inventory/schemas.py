from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator


class StockAdjustmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delta: Annotated[int, Field(ge=-1_000_000, le=1_000_000, description="Units added (+) or removed (-)")]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)] = Field(
        description="Why: delivery received, damaged, stock count, customer return, …"
    )

    @field_validator("delta")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("delta must not be zero")
        return value


class StockThresholdRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    low_stock_threshold: Annotated[
        int,
        Field(
            ge=0,
            le=1_000_000,
            description="Running low when available units are at or below this (0: only when sold out)",
        ),
    ]


class StockAdjustmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    delta: int
    on_hand_after: int
    reason: str
    actor_id: uuid.UUID | None = Field(description="The administrator; null for the system (seed data)")
    created_at: datetime


class StockOut(BaseModel):
    variant_id: uuid.UUID
    sku: str
    on_hand: int
    reserved: int = Field(description="Held by pending orders")
    available: int
    low_stock_threshold: int = Field(description="Running low when available is at or below this")
    low_stock: bool = Field(description="available <= low_stock_threshold")
    adjustments: list[StockAdjustmentOut] = Field(description="The most recent adjustments, newest first")
