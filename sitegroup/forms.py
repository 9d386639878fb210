from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from home.models import HomePage, SiteKind
from sitegroup.models import MANDATORY_IDENTITY_FIELDS, SiteIdentity


class ParentSiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Indent by tree depth so the site group's hierarchy shows in the list.
        return "\u3000" * (obj.depth - 2) + obj.title


class ProvisionSubsiteForm(forms.Form):
    """The arguments of `provision_subsite`; it does the checking that needs the database."""

    parent = ParentSiteChoiceField(
        label=_("上级站点"),
        queryset=HomePage.objects.none(),
        help_text=_("新站点的首页将建在上级站点之下，上级站点可以汇集和检索它的内容。"),
    )
    name = forms.CharField(label=_("站点名称"), max_length=60, help_text=_("如“东城区人民政府”。"))
    slug = forms.SlugField(label=_("路径名"), max_length=255, help_text=_("网址中的路径，如 dongcheng。"))
    kind = forms.ChoiceField(label=_("站点类型"), choices=SiteKind.choices)
    hostname = forms.CharField(
        label=_("独立域名"),
        max_length=255,
        required=False,
        help_text=_("可选。填写后该域名直接打开新站点，并可单独设置网站标识。"),
    )
    port = forms.IntegerField(label=_("端口"), initial=80, min_value=1, max_value=65535)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        parent.queryset = HomePage.objects.live().filter(locale=Locale.get_default()).order_by("path")
        # The portal is opened once, at the top of the tree; after that every site has a parent.
        portal_exists = HomePage.objects.child_of(Page.get_first_root_node()).exists()
        parent.required = portal_exists
        parent.empty_label = None if portal_exists else _("无：这是门户网站本身")
        # The site's mandatory identity, optional here: without it the site shows "网站建设中" to the
        # public until it is completed in Settings → 网站标识 (sitegroup.holding).
        self.fields.update(forms.fields_for_model(SiteIdentity, fields=MANDATORY_IDENTITY_FIELDS))

    def provisioning_arguments(self):
        arguments = dict(self.cleaned_data)
        arguments["parent"] = arguments["parent"] or Page.get_first_root_node()
        arguments["identity"] = {name: value for name in MANDATORY_IDENTITY_FIELDS if (value := arguments.pop(name))}
        return arguments
