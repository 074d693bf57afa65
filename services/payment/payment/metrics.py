"""Payment counters, in the service's own Prometheus registry (served by kit's /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter


class PaymentMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.attempts = Counter(
            "payment_attempts_total",
            "Payment attempts made, by provider and outcome.",
            ["provider", "status"],
            registry=registry,
        )
        self.webhooks = Counter(
            "payment_webhook_events_total",
            "Verified provider events, by type and whether they were replays.",
            ["type", "duplicate"],
            registry=registry,
        )
