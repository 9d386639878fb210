"""The mailbox page's form: a department's 办理人员 are chosen from the people of the mailbox's own site.

Wagtail's many-to-many field offers every account on the platform, naming every site's staff to each
site's editors, and accepts any of them. Here the choices, and so what the form accepts when it is
posted, are the site's own staff (the groups with page permissions in the site, not in the sites
below it) and the members of 信箱办理人员 who handle no other site's letters.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission, Page

from govcms.core.page_forms import ScopedPageForm
from govcms.core.tree import site_home_model, site_home_of, under_any_of


def handler_choices(mailbox, site_home):
    """Users a department of `mailbox` (of `site_home`'s site) may name as its handlers."""
    # The models import this module.
    from citizen_mailbox.models import HANDLERS_GROUP, MailboxDepartment

    below = site_home_model().objects.filter(path__startswith=site_home.path, depth__gt=site_home.depth)
    own_pages = Page.objects.filter(under_any_of([site_home.path])).exclude(
        under_any_of(list(below.values_list("path", flat=True)))
    )
    staff = Q(groups__in=GroupPagePermission.objects.filter(page__in=own_pages).values("group_id"))
    other_departments = MailboxDepartment.objects.exclude(page_id=mailbox.pk)
    handling_elsewhere = MailboxDepartment.handlers.through.objects.filter(mailboxdepartment__in=other_departments)
    free_handlers = Q(groups__name=HANDLERS_GROUP) & ~Q(pk__in=handling_elsewhere.values("user_id"))
    users = get_user_model().objects
    return users.filter(pk__in=users.filter(staff | free_handlers).values("pk")).order_by("username")


class MailboxPageForm(ScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = self.formsets.get("departments")
        site_home = site_home_of(self.instance if self.instance.pk else self.parent_page)
        if departments is None or site_home is None:
            return
        choices = handler_choices(self.instance, site_home)
        departments.form = with_handler_choices(departments.form, choices)
        for form in departments.forms:
            form.fields["handlers"].queryset = choices


def with_handler_choices(form_class, choices):
    """The department form class, offering `choices` (the formset's empty form for new rows is built from it)."""

    class DepartmentForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["handlers"].queryset = choices

    return DepartmentForm
