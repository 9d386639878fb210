"""Factories shared by every test package."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from home.models import ArticlePage

PASSWORD = "correct-horse-battery-staple"


def site_identity(number):
    """A complete mandatory identity: without one a site shows the public "网站建设中" (sitegroup.holding)."""
    return {
        "identifier_code": f"99000000{number:02d}",
        "icp_number": f"示ICP备123456{number:02d}号",
        "police_record_number": f"示公网安备990100020001{number:02d}号",
        "sponsor": "示例市人民政府办公室",
    }


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.cn")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, groups):
        if create and groups:
            self.groups.add(*groups)
        self.save()


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"文章标题{n}")
    source = "示例市人民政府办公室"
    body = wagtail_factories.StreamFieldFactory({})
