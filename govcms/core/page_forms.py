"""The page editor's form refuses images, documents and pages from outside the editor's sites.

Wagtail's choosers offer only what the user may choose (collection permissions,
the page chooser hooks), but the form takes whatever ids a POST names: an image or
document block, an attachment row, a rich-text page or document link. Wagtail
checks none of them, so a county editor could attach another county's document by
its id, see its title in the preview and publish its download link.

`ScopedPageForm` is the base form (`base_form_class`) of every page model. After
Wagtail's own validation it collects the references the submitted values make —
the way Wagtail's reference index reads them: each field's `extract_references`
(StreamField, RichTextField) and foreign keys, in the page's fields and its inline
rows — and refuses, on the field that names it:

* an image or document outside the collections where the user holds a collection
  permission to choose it (Wagtail's collection permission policy);
* a page outside the user's working subtrees, the pages leading down to them and
  the live pages of the sites above (`SiteScope.chooser_q(sites_above=True)`:
  a county may link the city's live policies, never a sibling county's pages).

A reference the page already held before the edit is kept: a platform
administrator may have attached a shared document that the county's editors
could not choose themselves, and they must still be able to save the page.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.documents import get_permission_policy as document_permission_policy
from wagtail.documents.models import AbstractDocument
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images import get_permission_policy as image_permission_policy
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from govcms.core.scope import SiteScope
from govcms.core.wording import join_words

DOCUMENT, IMAGE, PAGE = "document", "image", "page"
KIND_NAMES = {DOCUMENT: _("文件"), IMAGE: _("图片"), PAGE: _("页面")}


def reference_kind(model):
    """Which kind of scoped object `model` is, or None for what this form does not scope (snippets, users)."""
    if issubclass(model, AbstractDocument):
        return DOCUMENT
    if issubclass(model, AbstractImage):
        return IMAGE
    if issubclass(model, Page):
        return PAGE
    return None


def field_references(model, name, value):
    """{(kind, pk)} of the documents, images and pages that `value` of the model field `name` refers to."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return set()
    if value in (None, ""):
        return set()
    if hasattr(field, "extract_references"):
        found = ((to_model, pk) for to_model, pk, _path, _content in field.extract_references(value))
    elif field.is_relation and field.many_to_one and not isinstance(field, ParentalKey):
        found = [(field.related_model, getattr(value, "pk", value))]
    else:
        return set()
    return {(reference_kind(to_model), str(pk)) for to_model, pk in found if reference_kind(to_model)}


def out_of_scope_ids(user, kind, ids):
    """The ids among `ids` (strings) of existing objects of `kind` that `user` may not use on their pages.

    An id of nothing is not refused here: it reveals nothing, and the release workflow's content check
    reports the link as broken (a link to a page or document deleted since).
    """
    numeric = [int(pk) for pk in ids if pk.isdigit()]
    if kind == PAGE:
        model, allowed = Page, Page.objects.filter(SiteScope.of(user).chooser_q(sites_above=True))
    elif kind == DOCUMENT:
        model = get_document_model()
        allowed = document_permission_policy().instances_user_has_any_permission_for(user, ["choose"])
    else:
        model = get_image_model()
        allowed = image_permission_policy().instances_user_has_any_permission_for(user, ["choose"])
    refused = model.objects.filter(pk__in=numeric).exclude(pk__in=allowed.values("pk"))
    return {str(pk) for pk in refused.values_list("pk", flat=True)}


class ScopedPageForm(WagtailAdminPageForm):
    """A page form that refuses documents, images and pages from outside the user's sites (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the page refers to before this edit (the latest revision, as the editor opened it).
        self.references_before = self.instance_references()

    def instance_references(self):
        found = set()
        for name in self.fields:
            found |= self.stored_references(self.instance, name)
        for formset in self.formsets.values():
            for child in formset.get_queryset():
                for name in formset.form.base_fields:
                    found |= self.stored_references(child, name)
        return found

    @staticmethod
    def stored_references(obj, name):
        try:
            value = obj._meta.get_field(name).value_from_object(obj)
        except (FieldDoesNotExist, AttributeError):
            return set()
        return field_references(type(obj), name, value)

    def is_valid(self):
        # Inline formsets are cleaned after the form's own clean(), so the checks run once all are cleaned.
        valid = super().is_valid()
        return all([self.check_inline_rows(), self.check_references(), valid])

    def check_inline_rows(self):
        """A subclass's own checks of its inline rows; they run first, and a field they refuse is not checked again."""
        return True

    def check_references(self):
        if self.for_user is None:
            return True
        placed = list(self.submitted_references())
        wanted = {}
        for _form, _name, references in placed:
            for kind, pk in references - self.references_before:
                wanted.setdefault(kind, set()).add(pk)
        out_of_scope = {(kind, pk) for kind, ids in wanted.items() for pk in out_of_scope_ids(self.for_user, kind, ids)}
        clean = True
        for form, name, references in placed:
            refused = (references - self.references_before) & out_of_scope
            if not refused:
                continue
            if name not in form.errors:
                form.add_error(name, self.refusal(form, name, refused))
            self.show_value_before_edit(form, name)
            clean = False
        return clean

    def submitted_references(self):
        """(form, field name, {(kind, pk)}) for every field of the form and its kept inline rows that refers to any."""
        forms = [self] + [
            form
            for formset in self.formsets.values()
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        for form in forms:
            model = form._meta.model
            for name, value in self.submitted_values(form):
                references = field_references(model, name, value)
                if references:
                    yield form, name, references

    @staticmethod
    def submitted_values(form):
        """(name, value) of the form's fields: cleaned, or as submitted for a field that failed its own
        validation (a stream with one invalid block): its other references are shown back to the user too."""
        cleaned = getattr(form, "cleaned_data", {})
        for name in form.fields:
            if name in cleaned:
                yield name, cleaned[name]
            elif name in form.errors:
                try:
                    yield name, form[name].data
                except (TypeError, ValueError, ValidationError):
                    continue

    @staticmethod
    def show_value_before_edit(form, name):
        """Render the refused field again with its value before the edit, not the submitted one.

        The choosers would otherwise show the refused object's title and link in the form sent
        back. The form's fields are its own copies, so this changes this form only.
        """
        form.fields[name].bound_data = lambda data, initial: initial

    @staticmethod
    def refusal(form, name, refused):
        kinds = sorted({kind for kind, _pk in refused})
        message = _("“%(field)s”中的%(kinds)s（编号 %(ids)s）不属于您可以使用的站点，请用选择器重新选择。") % {
            "field": form.fields[name].label,
            "kinds": join_words(str(KIND_NAMES[kind]) for kind in kinds),
            "ids": join_words(sorted({pk for _kind, pk in refused}, key=lambda pk: (len(pk), pk))),
        }
        if isinstance(form._meta.model._meta.get_field(name), StreamField):
            # The stream widget shows its errors from a StreamBlockValidationError only.
            return StreamBlockValidationError(non_block_errors=[ValidationError(message)])
        return ValidationError(message)
