"""Settings shared by every environment.

Everything that differs between a laptop, CI and production is read from the
environment with django-environ; see .env.example for the documented variables.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE

from govcms.core.object_storage import media_origin, s3_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A developer's .env is optional; production passes real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", ".localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "sitegroup",
    "release",
    "emergency",
    "policy",
    "search",
    "disclosure",
    "citizen_mailbox",
    "submissions",
    "interviews",
    "consultations",
    "monitoring",
    "translations",  # before wagtail_localize: it extends wagtail-localize's editor template
    "workdays",
    "adminui",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "wagtail_localize",
    "wagtail_localize.locales",
    "captcha",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    # After wagtail.contrib.frontend_cache: it replaces that app's own purge-on-publish signal handlers.
    "pagecache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "sitegroup.apps.UsersAppConfig",  # wagtail.users with sitegroup.users' views
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "govcms.middleware.HealthCheckMiddleware",
    # Anonymous page hits answered here, with the headers the middlewares below gave the page when it was stored
    # (pagecache.middleware says how each of their checks still holds for a hit).
    "pagecache.middleware.PageCacheMiddleware",
    # Content-Security-Policy on every response: the public policy, or the admin's under /admin/.
    "govcms.middleware.ContentSecurityPolicyMiddleware",
    # Vary: Cookie on HTML responses, which carry the 长者模式 class from its cookie (govcms/middleware.py).
    "govcms.middleware.ElderModeVaryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Two-factor verification and password age before any admin view (accounts/middleware.py).
    "accounts.middleware.LoginProtectionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A site answers "网站建设中" until its mandatory identity is filled in (sitegroup/holding.py).
    "sitegroup.holding.HoldingPageMiddleware",
    # Last, as django-axes requires: turns a locked-out login into accounts' lock-out page.
    "axes.middleware.AxesMiddleware",
]

# The health check's address (govcms.middleware.HealthCheckMiddleware; the page cache leaves it alone too).
HEALTH_CHECK_PATH = "/healthz"

# Public endpoints that hide a held site's content themselves, so sitegroup.holding skips them: the live
# transcript every open interview page polls (interviews.live answers 404 for a held site's interview).
HOLDING_SELF_CHECKED_PATHS = [r"/interviews/\d+/live\.json\Z"]

ROOT_URLCONF = "govcms.urls"
WSGI_APPLICATION = "govcms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "govcms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file under var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Read replica (govcms.db_router, docs/scaling.md): off unless DATABASE_REPLICA_URL names one. Anonymous visitors'
# GETs then read from it; the admin, logged-in users and every write use "default".
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {**env.db_url_config(DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["govcms.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "govcms.db_router.PublicReadMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Audit log entries older than this are deleted by `purge_audit_log` (at least 183 days: sitegroup.retention).
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=365)

# Cache: local memory unless CACHE_URL names Redis (production does), through Django's Redis backend with one
# client object per connection pool (govcms.core.redis_cache says why).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://govcms")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "govcms.core.redis_cache.ReusedClientRedisCache"

# Page cache (pagecache, docs/operations.md "Page cache"): anonymous GETs of public pages from the cache above,
# renewed on publish, unpublish, move, delete, emergencies and setting changes. Entries live PAGE_CACHE_SECONDS
# at most; browsers may keep a page PAGE_CACHE_BROWSER_SECONDS, a proxy or CDN PAGE_CACHE_PROXY_SECONDS (it is
# purged on changes when FRONTEND_CACHE_PURGE_URL is set, so it can keep pages longer than a browser).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# 0: a browser asks again on every visit (a cheap hit here or at the proxy), so an emergency notice or a
# correction reaches a citizen's next visit, not a minute later.
PAGE_CACHE_BROWSER_SECONDS = env.int("PAGE_CACHE_BROWSER_SECONDS", default=0)
PAGE_CACHE_PROXY_SECONDS = env.int("PAGE_CACHE_PROXY_SECONDS", default=300)
# The fragment cache (pagecache.fragments): the site-wide chrome of public pages (menus, footer, emergency banner)
# rendered once per site and language for anonymous visitors, under the same generations as the page cache.
FRAGMENT_CACHE_ENABLED = env.bool("FRAGMENT_CACHE_ENABLED", default=True)
# Page types whose public content changes outside page publishing (letters and replies, interview questions,
# consultation comments and survey results): never stored, so they are never stale.
PAGE_CACHE_EXCLUDED_PAGE_TYPES = [
    "citizen_mailbox.MailboxPage",
    "interviews.InterviewPage",
    "consultations.ConsultationPage",
    "consultations.SurveyPage",
]
# The nginx proxy cache of deploy/nginx/govcms.conf is purged through its PURGE location when this is set
# (e.g. http://127.0.0.1:8081): wagtail.contrib.frontend_cache's HTTP backend, batches from pagecache.invalidation.
FRONTEND_CACHE_PURGE_URL = env.str("FRONTEND_CACHE_PURGE_URL", default="")
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
# The batches already name each language's addresses; Wagtail would otherwise add every language's prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Login protection (accounts; docs/administrators.md "Login protection", docs/operations.md "Settings").
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.validators.PasswordAgeValidator"},
]
PASSWORD_MAX_AGE_DAYS = env.int("PASSWORD_MAX_AGE_DAYS", default=90)
# Five failures lock the account and, separately, the address for 30 minutes (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A password login does not clear earlier failures: wrong two-factor codes would otherwise be guessed 4 at a time.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password", "token"]
# Wagtail's audit log records logins and failures; axes' own access log would be a second, unscoped copy.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
# No start-up banner on stderr, which `check --deploy` must leave empty.
AXES_VERBOSE = False
# Every admin user verifies a TOTP code (or a recovery code) after the password; dev and test settings turn it off.
OTP_ENFORCED = env.bool("OTP_ENFORCED", default=True)
OTP_TOTP_ISSUER = "govcms"
# Idle sessions end after 30 minutes: each request pushes the expiry back.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
# Sessions (docs/scaling.md, "Stateless nodes"): with the shared Redis cache, read from it and written through to the
# database (cached_db), so any node serves any session and logins survive a restart of a node or of Redis (which
# keeps no data in docker-compose.yml). With a per-process cache, database sessions only: a copy cached in one
# worker would outlive a logout done in another.
if "redis" in CACHES["default"]["BACKEND"].lower():
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Internationalisation: Chinese first, English second. Content languages are
# enabled from the start so foreign-language versions need no tree migration.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="zh-hans")
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True
# Content languages: Chinese, unprefixed, and the foreign languages sites may offer under /<code>/ (each site
# chooses its own: translations.SiteLanguage). Each is named in its own language in the language switcher.
CONTENT_LANGUAGE_NAMES = {
    "zh-hans": "简体中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "ja": "日本語",
    "ko": "한국어",
}
# How the Chinese admin names them (开设英文版, “本站未开设英文版”): as government sites name their 英文版, not
# Django's 英语; a language missing here gets Django's Chinese name (translations.languages.language_name).
CONTENT_LANGUAGE_CHINESE_NAMES = {
    "zh-hans": "中文",
    "en": "英文",
    "fr": "法文",
    "ru": "俄文",
    "ja": "日文",
    "ko": "韩文",
}
FOREIGN_LANGUAGES = env.list("GOVCMS_FOREIGN_LANGUAGES", default=["en"])
LANGUAGES = [(code, CONTENT_LANGUAGE_NAMES[code]) for code in ["zh-hans", *FOREIGN_LANGUAGES]]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks the languages it has catalogues for.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# A new translation starts as a draft and goes through its site's workflow; wagtail-localize
# would publish it at once when its source is live (docs/publishing.md, "Every publish path").
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The editor's "Machine translate" fills segments from the translation memory (翻译记忆) only: no
# outside service sees government text before its release (translations/memory.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "translations.memory.MemoryMachineTranslator", "OPTIONS": {}}
# locale/ holds the project's own strings (`make messages`); locale_overrides/ fills the gaps of
# Wagtail's zh_Hans catalogues and is edited by hand, since makemessages would drop its msgids.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "govcms" / "locale_overrides"]
# Dates per language (4 December 2026 in English, 2026-12-04 in Chinese lists): govcms/formats.
FORMAT_MODULE_PATH = ["govcms.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "govcms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Private files (citizens' mailbox attachments): outside MEDIA_ROOT, served only by permission-checked views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))

# Object storage (govcms.core.object_storage, docs/scaling.md): with S3_MEDIA_BUCKET set, images and documents go to
# that S3-compatible bucket (MinIO, or any S3) and citizens' attachments to S3_PRIVATE_BUCKET; the file system
# (MEDIA_ROOT, PRIVATE_MEDIA_ROOT) otherwise.
S3_MEDIA_BUCKET = env.str("S3_MEDIA_BUCKET", default="")
# A CDN in front of the media bucket (host and path). Empty: images are linked at MEDIA_URL on each site's own
# hostname, whose reverse proxy passes /media/ to the bucket (govcms.core.media_storage).
S3_MEDIA_DOMAIN = env.str("S3_MEDIA_DOMAIN", default="")
if S3_MEDIA_BUCKET:
    STORAGES.update(
        s3_storages(
            media_bucket=S3_MEDIA_BUCKET,
            private_bucket=env.str("S3_PRIVATE_BUCKET", default=""),
            endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
            region=env.str("S3_REGION", default="us-east-1"),
            access_key=env.str("S3_ACCESS_KEY_ID", default=""),
            secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
            media_domain=S3_MEDIA_DOMAIN,
        )
    )
# The request header holding the client's address, when a reverse proxy sits in front (see .env.example).
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default=None)
# Public form captchas (django-simple-captcha, citizen_mailbox.captchas, docs/accessibility.md): a small sum
# drawn large (the package's font, about 220×60 px, twice that for high-density screens), straight and without
# noise, which the page also gives as a text question. The challenge's characters count as "punctuation" so the
# package draws them as one line of text rather than as separately cropped, misaligned glyphs.
CAPTCHA_CHALLENGE_FUNCT = "citizen_mailbox.captchas.arithmetic_challenge"
CAPTCHA_FONT_SIZE = 46
CAPTCHA_PUNCTUATION = "0123456789+-=? "
CAPTCHA_LETTER_ROTATION = None
CAPTCHA_NOISE_FUNCTIONS = ()
CAPTCHA_FILTER_FUNCTIONS = ()
CAPTCHA_FOREGROUND_COLOR = "#000000"

# Email: console output unless EMAIL_URL names a real SMTP server.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="govcms@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Search: Elasticsearch 8 when ELASTICSEARCH_URL is set, else Wagtail's database backend
# (FTS5 on SQLite, full text search on PostgreSQL) fed with jieba's words (search/database_backend.py).
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Elasticsearch 8 with analyzers for Chinese (search/backends.py).
            "BACKEND": "search.backends",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env.str("ELASTICSEARCH_INDEX_PREFIX", default="govcms_"),
            "TIMEOUT": 5,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}
# The public search on the database (search/engine.py) counts and ranks at most this many of a query's most recent
# matches, so a common word costs the same at any size of the site (docs/search.md, "The candidate bound").
SEARCH_CANDIDATE_LIMIT = env.int("SEARCH_CANDIDATE_LIMIT", default=300)

WAGTAIL_SITE_NAME = "govcms 政府网站集约化平台"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "ofd", "wps", "txt", "zip"]
# Documents are always served through Wagtail's view, whatever the storage: only there do the privacy checks run
# (home.documents: a document is public only as far as its live pages; collections' view restrictions).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Editors can choose a page only within sites they work on; see sitegroup.wagtail_hooks.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's "things have changed" banner links to Wagtail's English guide; help is adminui's 编辑指南.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Wagtail's login form with a label for the password field (Wagtail's has none, so it reads "Password").
WAGTAILADMIN_USER_LOGIN_FORM = "adminui.forms.LoginForm"
WAGTAIL_USAGE_COUNT_ENABLED = True
# An approval counts for the revision approved: text changed after it goes through the content
# check and the reviews again, and a resubmission restarts at the check (release.models, docs/release.md).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# Images from a CDN in front of the media bucket (S3_MEDIA_DOMAIN), on public pages and in the admin.
IMAGE_ORIGINS = [media_origin(S3_MEDIA_DOMAIN)] if S3_MEDIA_BUCKET and S3_MEDIA_DOMAIN else []
# Content-Security-Policy (django-csp, docs/operations.md "Content-Security-Policy"). Public pages run no
# inline script and load scripts and styles from this site only. Wagtail's responsive embeds size their frame
# with a style attribute, and embedded media (EmbedBlock) come from the video services editors link to.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *IMAGE_ORIGINS],
        "frame-src": [SELF, "https:"],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin (govcms.middleware.ContentSecurityPolicyMiddleware): Wagtail's and wagtail-localize's templates
# still hold inline <script> and <style> (inline panels, date pickers, the translation editor), image
# previews use data: and blob: URLs, and the preview panel frames this site's preview views.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *IMAGE_ORIGINS],
        "frame-ancestors": [SELF],
    }
}
# Where Wagtail's public login (/_util/login/, for login-restricted pages) and its page password form send
# a visitor whose `next` or `return_url` is missing or not on this site: the site's home page.
LOGIN_REDIRECT_URL = "/"
# Wagtail would load avatars from gravatar.com: a third-party request from the admin, blocked by the policy.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Background tasks run inline by default; their start/finish lines are noise.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
