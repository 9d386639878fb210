"""Password policy beyond Django's validators: character classes, and the date a password was set."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PasswordRecord

CHARACTER_CLASSES = (
    (str.islower, "lower"),
    (str.isupper, "upper"),
    (str.isdigit, "digit"),
    (lambda char: char in string.punctuation or not char.isalnum(), "symbol"),
)


class CharacterClassValidator:
    """At least `min_classes` of lower-case letters, upper-case letters, digits and symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        used = sum(1 for test, _name in CHARACTER_CLASSES if any(test(char) for char in password))
        if used < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_few_character_classes")

    def get_help_text(self):
        return _("密码须包含小写字母、大写字母、数字、符号中的至少%(count)d类。") % {"count": self.min_classes}


class PasswordAgeValidator:
    """Records when a password is set, so that one older than PASSWORD_MAX_AGE_DAYS must be changed.

    Django calls every validator's `password_changed` when a user saved after `set_password` — by any
    form, view, command or script — which is exactly when the age starts again.
    """

    def validate(self, password, user=None):
        """Any new password is acceptable here; its age starts when it is saved."""

    def password_changed(self, password, user=None):
        if user is not None and user.pk:
            PasswordRecord.objects.update_or_create(user=user, defaults={"changed_at": timezone.now()})

    def get_help_text(self):
        return _("密码每%(days)d天须更换一次。") % {"days": settings.PASSWORD_MAX_AGE_DAYS}
