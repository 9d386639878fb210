"""An index on wagtailcore_page (depth, path) for the children of a page.

Treebeard reads a page's children as `depth = d AND path BETWEEN p AND pZZZZ`: with the path index alone, the
range covers every descendant, so the site navigation (the children of a site home) read all of a site's pages,
100,000 articles included. With depth first, the database reads only the children.
"""

from django.db import migrations

INDEX = "home_page_children"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0009_article_newest_first_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
