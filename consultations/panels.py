"""意见统计 in the consultation's editor, next to the feedback it helps to write: the figures the page will publish
(ConsultationPage.moderated_counts), the comments still waiting, and the way to 意见审核 for those who moderate the
consultation's site (the rule of the page's 意见审核 button)."""

from wagtail.admin.panels import Panel


class FeedbackCountsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/feedback_counts_panel.html"

        def get_context_data(self, parent_context=None):
            # The admin views import the models, which import this module: read them at call time.
            from consultations.admin_views import moderation_url

            context = super().get_context_data(parent_context)
            consultation = self.instance
            context["counts"] = consultation.moderated_counts() if consultation.pk else None
            if consultation.pk:
                context["moderation_url"] = moderation_url(self.request.user, consultation)
            return context
