"""The interview's page form: its linked policies are checked like an interpretation's."""

from govcms.core.page_forms import ScopedPageForm
from policy.models import PolicyLinksFormMixin


class InterviewPageForm(PolicyLinksFormMixin, ScopedPageForm):
    """Refuses a policy the chooser would not offer (another county's, a draft) and a policy linked twice."""
