"""Settings for a developer's machine (`make run`)."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is acceptable only here: dev settings are never used in production.
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")

# The demo site group (`manage.py load_demo`): `make run` loads it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# The demo users log in with their password alone on a developer's machine (docs/operations.md, OTP_ENFORCED).
OTP_ENFORCED = env.bool("OTP_ENFORCED", default=False)
