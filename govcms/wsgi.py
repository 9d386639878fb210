"""WSGI entry point (gunicorn govcms.wsgi, with gunicorn.conf.py).

jieba's dictionary is loaded here, at import: with gunicorn's preload_app the master does it once before forking
and every worker shares the ~64 MB copy-on-write (docs/operations.md, "Workers"); without preload each worker
loads it at start instead of in the middle of its first search or page save. The release the page cache keys its
entries by (pagecache.release) is computed here too, for the same reason. Page cache hits are answered in front of
Django's handler (pagecache.wsgi).
"""

import os

from django.core.wsgi import get_wsgi_application

from pagecache import release
from search.segment import tokenizer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcms.settings.production")
django_application = get_wsgi_application()
# Imported once Django's apps are loaded (by get_wsgi_application): the page cache reads Wagtail's models.
from pagecache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)
tokenizer()
release.current()
