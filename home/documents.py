"""Documents are public only as far as the pages that publish them.

Wagtail serves every document at /documents/<id>/<filename> to anyone, honouring only
the view restrictions of its collection. A document uploaded for a password-protected
or login-restricted page, or for a draft, was downloadable by anyone holding the link.

`refuse_unpublished_documents` (a `before_serve_document` hook) serves a document to a
visitor only when a live page that this visitor may view uses it: a page of a site open
to the public, whose view restrictions (on the page or an ancestor) accept the request —
a visitor who entered the page's password, or a logged-in user the restriction admits,
passes. "Uses" is Wagtail's reference index: the page's fields, stream blocks, rich-text
links and inline rows (attachments) as last saved to the page, so its live content for a
live page. A document no live page uses (uploaded but never published, in a draft only,
or on a page since unpublished) is not public. Staff who may choose or change the document
in the admin (Wagtail's collection permissions) always get it, as the editor's preview
links need it.

Anonymous visitors are sent to the login page (as Wagtail does for a login-restricted
collection); logged-in users without access get 403.

This needs the documents to be served through this view (WAGTAILDOCS_SERVE_METHOD
"serve_view", see docs/operations.md): with "direct" the links point at the storage and
no hook runs.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField
from django.db.models.functions import Cast
from wagtail.documents import get_permission_policy
from wagtail.models import Page, ReferenceIndex
from wagtail.wagtail_hooks import require_wagtail_login

from govcms.core.tree import under_any_of
from govcms.core.visibility import held_site_paths


def refuse_unpublished_documents(document, request):
    if is_document_staff(request.user, document) or published_to(request, document):
        return None
    if request.user.is_authenticated:
        raise PermissionDenied
    return require_wagtail_login(next=request.get_full_path())


def is_document_staff(user, document):
    return get_permission_policy().user_has_any_permission_for_instance(user, ["change", "choose"], document)


def published_to(request, document):
    """Whether a live page of an open site, viewable by this request, uses `document`."""
    pages = pages_using(document).live().exclude(under_any_of(held_site_paths()))
    if pages.public().exists():
        return True
    return any(
        all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
        for page in pages.not_public()
    )


def pages_using(document):
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return Page.objects.filter(pk__in=page_ids)
