"""The declarative base of the payment schema."""

from sqlalchemy.orm import DeclarativeBase

from kit.db import make_metadata


class Base(DeclarativeBase):
    metadata = make_metadata()
