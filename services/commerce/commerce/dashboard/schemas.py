from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field


class DashboardDay(BaseModel):
    day: date = Field(description="A calendar day in the shop's time zone (Asia/Kolkata)")
    orders: int = Field(description="Orders paid that day")
    revenue: int = Field(description="What those orders paid, in minor units (paise)")
    refunds: int = Field(description="Refunds settled that day")
    refunded: int = Field(description="What those refunds returned, in minor units")


class DashboardTotals(BaseModel):
    orders: int = Field(description="Orders paid in the period")
    revenue: int = Field(description="What they paid, in minor units, before refunds")
    average_order_value: int = Field(description="revenue / orders, rounded half up to a whole minor unit")
    refunds: int = Field(description="Refunds settled in the period")
    refunded: int = Field(description="What they returned, in minor units")


class TopProduct(BaseModel):
    product_id: uuid.UUID
    title: str = Field(description="The product's title as last sold")
    units: int = Field(description="Units sold in orders paid in the period")
    revenue: int = Field(description="Their line totals in minor units (before order-level discounts)")


class LowStockVariant(BaseModel):
    product_id: uuid.UUID
    product_title: str
    variant_id: uuid.UUID
    sku: str
    size: str
    colour: str
    available: int
    low_stock_threshold: int


class Dashboard(BaseModel):
    days: int = Field(description="Length of the period in days, ending today (inclusive)")
    start: date = Field(description="First day of the period (Asia/Kolkata)")
    end: date = Field(description="Last day of the period: today in Asia/Kolkata")
    time_zone: str
    currency: str = Field(description="ISO 4217 code of every amount")
    totals: DashboardTotals
    per_day: list[DashboardDay] = Field(
        description="One entry per day of the period, oldest first, zero-filled"
    )
    top_products: list[TopProduct] = Field(description="At most 10, most units first, then most revenue")
    low_stock: list[LowStockVariant] = Field(
        description="Active variants at or below their low-stock threshold, fewest first (at most 50)"
    )
    low_stock_count: int = Field(description="How many variants are running low in all")
