"""`update_index`: rebuild the public search index (SearchDocument), then Wagtail's own indexes as usual."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from search.indexing import rebuild


class Command(RebuildCommand):
    def handle(self, **options):
        count = rebuild()
        self.stdout.write(f"Public search index: {count} documents")
        super().handle(**options)
