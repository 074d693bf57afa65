"""Shared kit of the Aarya Clothing services.

Everything every service needs lives here once: settings, the database session per request, the Redis
client, access-token verification, the error type and its handler, health and metrics, JSON logging and
rate limiting keyed on the real client IP.
"""
