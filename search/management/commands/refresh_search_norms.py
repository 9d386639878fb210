"""Reweigh title matches in Wagtail's database search index (the admin's page search and the choosers).

Saves weigh only their own rows, against a stored average title length (search.database_backend.segmented);
this measures the average again and reweighs every row in one UPDATE. Run daily by the scheduler
(docker-compose.yml); update_index does the same at its end. With Elasticsearch (or any backend without title
weights) there is nothing to do.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from search.database_backend.segmented import SegmentedIndexMixin


def weighted_indexes():
    """The index of every configured search backend whose rows carry title weights of ours."""
    backends = get_search_backends(with_auto_update=False)
    return [
        backend.get_index_for_model(Page)
        for backend in backends
        if issubclass(getattr(backend, "index_class", object), SegmentedIndexMixin)
    ]


class Command(BaseCommand):
    help = "重新计算后台页面搜索索引的标题权重（平均标题长度）。建议每天运行一次；使用 Elasticsearch 时无需运行。"

    def handle(self, *args, **options):
        indexes = weighted_indexes()
        for index in indexes:
            average = index.refresh_title_norms()
            self.stdout.write(_("已更新标题权重，平均标题长度 %(average)s。") % {"average": f"{average or 0:.2f}"})
        if not indexes:
            self.stdout.write(_("当前搜索后端无需更新标题权重。"))
