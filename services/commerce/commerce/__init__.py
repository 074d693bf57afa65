"""Aarya Clothing commerce service: catalog, inventory, carts and orders (port 8010)."""

__version__ = "0.1.0"
