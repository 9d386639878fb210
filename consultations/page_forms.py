"""The consultation's page form: ScopedPageForm, with each kind offered with its legal minimum period, so the
editor chooses a kind knowing the shortest period it allows rather than learning it from a refusal."""

from django.utils.translation import gettext as _

from govcms.core.page_forms import ScopedPageForm


def kind_label(kind):
    return _("%(kind)s（不少于%(minimum)s）") % {"kind": kind.name, "minimum": kind.minimum_text}


class ConsultationPageForm(ScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].label_from_instance = kind_label
