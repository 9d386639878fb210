"""意见统计 in the consultation's editor, next to the feedback it helps to write: the figures the page will publish
(ConsultationPage.moderated_counts), the comments still waiting, and the way to 意见审核 for those who moderate."""

from django.urls import reverse
from wagtail.admin.panels import Panel

MODERATE_PERMISSION = "consultations.moderate_comment"


class FeedbackCountsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/feedback_counts_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            consultation = self.instance
            context["counts"] = consultation.moderated_counts() if consultation.pk else None
            if consultation.pk and self.request.user.has_perm(MODERATE_PERMISSION):
                context["moderation_url"] = f"{reverse('consultations_comments')}?consultation={consultation.pk}"
            return context
