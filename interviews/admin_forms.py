"""The live console's forms. Every choice offered is checked again on the server: a speaker select
accepts only this interview's guests, its host and its adopted questions; the image field only the images
the user may choose (interviews.console checks both again)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.images.widgets import AdminImageChooser

from interviews.console import choosable_images
from interviews.models import ANNOUNCEMENT_MAX_LENGTH, ENTRY_MAX_LENGTH, QuestionStatus, Speaker

HOST_CHOICE = "host"


class MinuteDateTimeField(forms.DateTimeField):
    """A time shown and typed to the minute: unchanged when the minute is, whatever the stored seconds."""

    def has_changed(self, initial, data):
        try:
            value = self.to_python(data)
        except forms.ValidationError:
            return True
        return _to_the_minute(initial) != _to_the_minute(value)


def _to_the_minute(moment):
    return moment.replace(second=0, microsecond=0) if moment else None


class EntryContentForm(forms.Form):
    """What an entry says: text, an optional picture with its description, the time it was said."""

    text = forms.CharField(
        label=gettext_lazy("内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=ENTRY_MAX_LENGTH
    )
    image = forms.ModelChoiceField(label=gettext_lazy("图片（选填）"), queryset=None, required=False)
    image_alt = forms.CharField(
        label=gettext_lazy("图片说明"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("有图片时必填，供读屏软件朗读。"),
    )
    spoken_at = MinuteDateTimeField(
        label=gettext_lazy("时间"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=gettext_lazy("不填为当前时间。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].queryset = choosable_images(user)
        self.fields["image"].widget = AdminImageChooser()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("有图片时须填写图片说明。"))
        return cleaned


class EntryEditForm(EntryContentForm):
    """A correction of an entry (initial: its current values). The time is saved only when the user changed it:
    the form shows it to the minute, so saving it back would drop its seconds and move the entry among those
    of the same minute."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spoken_at"].help_text = _("精确到分钟；不改则保持原时间。")

    def changes(self):
        """The fields for console.edit_entry: all but an unchanged or cleared time."""
        changes = dict(self.cleaned_data)
        if "spoken_at" not in self.changed_data or changes["spoken_at"] is None:
            del changes["spoken_at"]
        return changes


class EntryForm(EntryContentForm):
    """A new entry: its speaker is the host, a guest of the interview, or 网友 quoting an adopted question."""

    speaker = forms.ChoiceField(
        label=gettext_lazy("发言人"),
        # The choice is gone when another host answered the quoted question meanwhile: say so, not its id.
        error_messages={"invalid_choice": gettext_lazy("该发言人已不可选（提问可能已被回答），请重新选择。")},
    )
    field_order = ["speaker", "text", "image", "image_alt", "spoken_at"]

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.guests = {str(guest.pk): guest for guest in interview.guests.all()}
        adopted = interview.questions.filter(status=QuestionStatus.ADOPTED)
        self.questions = {str(question.pk): question for question in adopted}
        self.fields["speaker"].choices = self._speaker_choices(interview)
        # A quoted question speaks for itself: the text defaults to the question's.
        self.fields["text"].required = False
        self.fields["text"].help_text = _("引用网友提问时可不填，默认为提问原文。")

    def _speaker_choices(self, interview):
        choices = [(HOST_CHOICE, _("主持人：%(name)s") % {"name": interview.host or _("主持人")})]
        choices += [(f"guest:{pk}", _("嘉宾：%(name)s") % {"name": guest.name}) for pk, guest in self.guests.items()]
        choices += [
            (f"question:{pk}", _("网友 %(nickname)s：%(text)s") % {"nickname": q.nickname, "text": q.text[:40]})
            for pk, q in self.questions.items()
        ]
        return choices

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("speaker", "")
        if not (cleaned.get("text") or "").strip() and not choice.startswith("question:"):
            self.add_error("text", _("请填写内容。"))
        return cleaned

    def speaker_arguments(self):
        """The speaker, speaker_name and question for console.add_entry, from the chosen option."""
        kind, _sep, pk = self.cleaned_data["speaker"].partition(":")
        if kind == "guest":
            return {"speaker": Speaker.GUEST, "speaker_name": self.guests[pk].name, "question": None}
        if kind == "question":
            question = self.questions[pk]
            return {"speaker": Speaker.NETIZEN, "speaker_name": question.nickname, "question": question}
        return {"speaker": Speaker.HOST, "speaker_name": "", "question": None}

    def entry_arguments(self):
        content = {name: self.cleaned_data[name] for name in ("text", "image", "image_alt", "spoken_at")}
        return {**self.speaker_arguments(), **content}


class AnnouncementForm(forms.Form):
    announcement = forms.CharField(
        label=gettext_lazy("置顶公告"),
        max_length=ANNOUNCEMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("显示在文字直播上方；清空即撤下公告。"),
    )


class ExtendForm(forms.Form):
    until = forms.DateTimeField(label=gettext_lazy("新的结束时间"), widget=AdminDateTimeInput)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError(_("新的结束时间须晚于现在。"))
        return until
