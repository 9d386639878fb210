"""ASGI entry point. The page cache answers here through its middleware (pagecache.middleware); the release its
entries are keyed by is computed at import, as in govcms.wsgi, rather than during a first request."""

import os

from django.core.asgi import get_asgi_application

from pagecache import release

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.production")
application = get_asgi_application()
release.current()
