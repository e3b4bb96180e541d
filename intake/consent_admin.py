"""Staff side of the Part 2 consent: consent versions (superusers only), disclosures, revocations, printing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views import View
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from audit.models import AuditEvent
from audit.services import record

from .consent import REDISCLOSURE_NOTICE, ConsentVersion, disclosure_block_reason
from .consent_forms import DisclosureForm, RevocationForm
from .models import VerificationRequest
from .record_tables import disclosures_table


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Consent wording is legal text: nobody but a superuser may touch it, whatever their groups say."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser

    def user_has_permission_for_instance(self, user, action, instance):
        """A version someone signed is their record: even a superuser cannot delete it."""
        if action == "delete" and instance.is_used():
            return False
        return self.user_has_permission(user, action)


register_permission_policy(ConsentVersion, SuperuserOnlyPolicy(ConsentVersion))

#: Shown at the top of every consent version form (and said in the README): the wording is ours, not counsel's.
COUNSEL_REVIEW_NOTICE = (
    "<p><strong>Template wording: have counsel review it before it is made current.</strong> "
    "The first version was written by the site's developers to contain every element 42 CFR §2.31 lists "
    "(and the §2.32 notice); it has not been reviewed by a lawyer. Before real patients sign it, the "
    "program's counsel should check every field against the current rule and state law, and fill in the "
    "real privacy-office address. Keep every element when you change it: a consent missing one is not valid.</p>"
)
FROZEN_NOTICE = (
    "<p><strong>People have signed this version, so its wording is frozen.</strong> It stays exactly as "
    "they saw it (their signatures store its SHA-256). To change the wording, add a new version and make it "
    "current; this one can still be retired, but not edited or deleted.</p>"
)


class FrozenVersionNotice(HelpPanel):
    """Says why the fields are read-only, only on a version someone signed."""

    class BoundPanel(HelpPanel.BoundPanel):
        def is_shown(self):
            return self.instance is not None and self.instance.is_used()


class ConsentVersionForm(WagtailAdminModelForm):
    """A signed version keeps its wording: those fields are disabled, so a post cannot change them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_used():
            for name in ConsentVersion.FROZEN_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True


class ConsentVersionDeleteView(DeleteView):
    """Refuses, with a reason, to delete a version someone signed (instead of the model's error)."""

    def dispatch(self, request, *args, **kwargs):
        if SuperuserOnlyPolicy(ConsentVersion).user_has_permission(request.user, "delete") and self.object.is_used():
            messages.error(request, "People have signed this version; it is kept as their record.")
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class ConsentVersionViewSet(ModelViewSet):
    """Versions of the consent wording; a signed version refuses edits (ConsentVersion.clean)."""

    model = ConsentVersion
    icon = "doc-full"
    menu_label = "Part 2 consent versions"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["label", "language", "is_current", "created_at"]
    delete_view_class = ConsentVersionDeleteView
    edit_handler = ObjectList(
        [
            HelpPanel(content=COUNSEL_REVIEW_NOTICE),
            FrozenVersionNotice(content=FROZEN_NOTICE),
            *[FieldPanel(name) for name in [*ConsentVersion.FROZEN_FIELDS, "is_current"]],
        ],
        base_form_class=ConsentVersionForm,
    )


@hooks.register("register_admin_viewset")
def register_consent_version_viewset():
    return ConsentVersionViewSet("part2_consent_versions")


request_policy = ModelPermissionPolicy(VerificationRequest)


def require(user, action):
    if not request_policy.user_has_permission(user, action):
        raise PermissionDenied


def inspect_url(obj, anchor):
    return reverse("insurance_requests:inspect", args=[obj.pk]) + anchor


def part2_context(obj, user):
    """What the request page shows about the consent; also used by the print view."""
    consent = getattr(obj, "part2", None)
    can_change = request_policy.user_has_permission(user, "change")
    blocked = disclosure_block_reason(obj)
    revocation = consent.revocation_or_none() if consent else None
    disclosures = list(obj.disclosures.select_related("disclosed_by"))
    return {
        "part2": consent,
        "part2_revocation": revocation,
        "disclosures": disclosures,
        "disclosures_table": disclosures_table(disclosures),
        "disclosure_blocked": blocked,
        "disclosure_form": DisclosureForm(initial={"recipient": consent.recipient if consent else ""})
        if can_change and not blocked
        else None,
        "revocation_form": RevocationForm()
        if can_change and consent and consent.signed_at and not revocation
        else None,
        "redisclosure_notice": REDISCLOSURE_NOTICE,
    }


class RecordDisclosureView(View):
    """POST one disclosure; refused (and nothing stored) when the consent does not allow it."""

    http_method_names = ["post"]

    def post(self, request, pk):
        require(request.user, "change")
        with transaction.atomic():
            obj = get_object_or_404(VerificationRequest.objects.select_for_update(), pk=pk)
            reason = disclosure_block_reason(obj)
            if reason:
                messages.error(request, f"Disclosure not recorded: {reason}")
                return redirect(inspect_url(obj, "#disclosures"))
            form = DisclosureForm(request.POST)
            if not form.is_valid():
                errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
                messages.error(request, f"Disclosure not recorded: {errors}")
                return redirect(inspect_url(obj, "#disclosures"))
            disclosure = form.save(commit=False)
            disclosure.request, disclosure.disclosed_by = obj, request.user
            disclosure.save()
            record(request.user, AuditEvent.Action.DISCLOSED, target=obj, detail=f"disclosure #{disclosure.pk}")
        messages.success(request, f"Disclosure recorded on {obj}.")
        return redirect(inspect_url(obj, "#disclosures"))


class RecordRevocationView(View):
    """POST the patient's revocation; afterwards disclosures are refused."""

    http_method_names = ["post"]

    def post(self, request, pk):
        require(request.user, "change")
        obj = get_object_or_404(VerificationRequest, pk=pk)
        consent = getattr(obj, "part2", None)
        form = RevocationForm(request.POST)
        if consent is None or consent.signed_at is None:
            messages.error(request, "There is no signed consent to revoke.")
        elif consent.revocation_or_none() is not None:
            messages.error(request, "This consent was already revoked.")
        elif not form.is_valid():
            messages.error(
                request, "Revocation not recorded: " + " ".join(e for es in form.errors.values() for e in es)
            )
        else:
            with transaction.atomic():
                revocation = form.save(commit=False)
                revocation.consent, revocation.recorded_by = consent, request.user
                revocation.save()
                detail = f"revoked {revocation.revoked_on.isoformat()}, {revocation.received_via}"
                record(request.user, AuditEvent.Action.CONSENT_REVOKED, target=obj, detail=detail)
            messages.success(request, f"Revocation recorded on {obj}. Further disclosures are blocked.")
        return redirect(inspect_url(obj, "#part2"))


class PrintView(View):
    """A one-page printable copy: the signed consent, or the accounting of disclosures for the patient."""

    templates = {"consent": "intake/consent/print_consent.html", "accounting": "intake/consent/print_accounting.html"}

    def get(self, request, pk, what):
        require(request.user, "view")
        if what not in self.templates:
            raise Http404
        obj = get_object_or_404(VerificationRequest.objects.select_related("provider"), pk=pk)
        record(request.user, AuditEvent.Action.PRINTED, target=obj, detail=what)
        context = {"r": obj, **part2_context(obj, request.user)}
        return render(request, self.templates[what], context)


@hooks.register("register_admin_urls")
def register_part2_urls():
    return [
        path("part2/<int:pk>/disclosure/", RecordDisclosureView.as_view(), name="part2_disclosure"),
        path("part2/<int:pk>/revocation/", RecordRevocationView.as_view(), name="part2_revocation"),
        path(
            "insurance-requests/<int:pk>/print/<str:what>/",
            PrintView.as_view(),
            name="part2_print",
        ),
    ]
