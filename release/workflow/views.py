"""Wagtail's page editor, whose review actions save a revision only for real edits (release/admin_urls.py)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.admin.views.pages.edit import EditView

from release.models import edited_content, edited_fields


class ReviewingEditView(EditView):
    """Wagtail's page editor, where acting on a review step (批准, 要求修改) saves a revision only for real edits.

    Wagtail saves the posted form as a new revision whenever the form "has
    changed", which a StreamField with a table reports when nobody edited
    anything. Under WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT that empty
    revision by the approver voided the earlier steps' approvals: 批准 in the
    editor sent the page back to the content check instead of publishing it.
    """

    def form_valid(self, form):
        self.has_content_changes = form.has_changed() and (
            self.action_name != "perform_workflow_action" or self.edits_content(form)
        )
        return self.action_method()

    def edits_content(self, form):
        latest = self.page.get_latest_revision()
        if latest is None:
            return True
        fields = edited_fields(self.page.specific_class)
        # As a revision stores it: dates and times as JSON strings.
        posted = json.loads(json.dumps(form.save(commit=False).serializable_data(), cls=DjangoJSONEncoder))
        return edited_content(posted, fields) != edited_content(latest.content, fields)
