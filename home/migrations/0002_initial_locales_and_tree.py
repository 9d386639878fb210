"""Prepare a fresh database for the site group.

Wagtail's own migrations leave a placeholder "Welcome" page and a default Site
pointing at it. The portal is provisioned instead (`create_subsite --parent
root` or `load_demo`), so the placeholder goes. The English locale is created
now so foreign-language versions never need a tree migration.
"""

from django.db import migrations


def prepare_tree(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")

    Locale.objects.get_or_create(language_code="en")

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    placeholder = Page.objects.filter(depth=2, slug="home", content_type=page_type, numchild=0).first()
    if placeholder is None:
        return
    Site.objects.filter(root_page=placeholder).delete()
    placeholder.delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(prepare_tree, migrations.RunPython.noop)]
