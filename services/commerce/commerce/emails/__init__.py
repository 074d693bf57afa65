"""Order e-mails: an outbox written with each order change, and the worker that delivers it."""
