from kit.migrations import run_env
from payment.config import PaymentSettings
from payment.db import Base
from payment.fraud import models as _fraud_models  # noqa: F401  (registers the tables)
from payment.outbox import models as _outbox_models  # noqa: F401
from payment.payments import models as _payment_models  # noqa: F401
from payment.providers import offline_models as _offline_models  # noqa: F401
from payment.refunds import models as _refund_models  # noqa: F401
from payment.webhooks import models as _webhook_models  # noqa: F401

run_env(Base.metadata, PaymentSettings.from_environment().database_url)
