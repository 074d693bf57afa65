"""Real servers for the services' tests: PostgreSQL, Redis and an SMTP sink, started on free ports."""
