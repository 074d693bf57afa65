"""The declarative base of the core schema (tables `users`, `otps`)."""

from kit.db import make_metadata
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    metadata = make_metadata()
