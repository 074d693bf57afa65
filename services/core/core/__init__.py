"""Aarya Clothing core service: auth, users, OTP and admin (port 8001)."""

__version__ = "0.1.0"
