"""Settings for the test suite: fast hashing, in-memory mail, local cache."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - the test suite never serves real users  # nosec B105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": env.cache_url("TEST_CACHE_URL", default="locmemcache://govcms-test")}
ALLOWED_HOSTS = ["*"]
# Neither search index follows page changes: most tests never search, and indexing (jieba, two indexes)
# more than doubles the SQL of every page saved. Tests that search turn both on (`search_index`, docs/testing.md).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend", "AUTO_UPDATE": False}}
SEARCH_AUTO_UPDATE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Look static files up per request instead of scanning STATIC_ROOT at start-up: collectstatic never
# runs for tests, and the scan would warn about the missing directory in every test process.
WHITENOISE_AUTOREFRESH = True

# The demo site group (`manage.py load_demo`): its tests and the search evaluation load it.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# Two-factor verification is off so tests log in with force_login; accounts' tests turn it on (override_settings)
# and go through the real set-up and verification (docs/testing.md).
OTP_ENFORCED = False
# Each test process counts rate limits in its own local-memory cache, as it should: govcms.core.ratelimit's
# shared-cache check is for servers with several workers.
SILENCED_SYSTEM_CHECKS = ["govcms.E001"]

# The page cache is off for the suite: most tests change data and read it back in one test, without the commit
# that renews the cache. tests/pagecache turns it on (its `page_cache` fixture).
PAGE_CACHE_ENABLED = False
# The fragment cache too, so query counts stay those of a full render; tests/pagecache/test_fragments.py turns it on.
FRAGMENT_CACHE_ENABLED = False
# A "replica" alias mirroring the test database, for the read-replica router's tests (tests/govcms/test_db_router.py);
# no router uses it unless a test turns DATABASE_ROUTERS on.
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}  # noqa: F405
