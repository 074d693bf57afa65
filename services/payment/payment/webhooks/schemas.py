from __future__ import annotations

from pydantic import BaseModel, Field


class WebhookAck(BaseModel):
    received: bool = True
    event_id: str
    type: str
    duplicate: bool = Field(
        description="True when this event id was processed before (a replay): nothing done"
    )
    outcome: str
