from commerce.catalog import models as _catalog_models  # noqa: F401  (registers the tables)
from commerce.catalog.photos import models as _photo_models  # noqa: F401
from commerce.config import CommerceSettings
from commerce.db import Base
from commerce.discounts import models as _discount_models  # noqa: F401
from commerce.emails import models as _email_models  # noqa: F401
from commerce.inventory import models as _inventory_models  # noqa: F401
from commerce.orders import models as _order_models  # noqa: F401
from kit.migrations import run_env

run_env(Base.metadata, CommerceSettings.from_environment().database_url)
