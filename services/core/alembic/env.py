from core.config import CoreSettings
from core.db import Base
from core.otp import models as _otp_models  # noqa: F401  (registers the table)
from core.users import models as _user_models  # noqa: F401
from kit.migrations import run_env

run_env(Base.metadata, CoreSettings.from_environment().database_url)
