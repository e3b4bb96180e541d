"""Admin for the trust records: licences, levels of care, medications, and the licence-expiry report."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages.admin_reports import register_report
from pages.disclosures import EXPIRY_WARNING_DAYS, Credential
from pages.services import LevelOfCare, Medication


class CredentialViewSet(SnippetViewSet):
    model = Credential
    icon = "success"
    menu_label = "Licences and accreditations"
    list_display = ["name", "issuing_body", "number", "expires_on", "is_example"]
    search_fields = ["name", "issuing_body", "number"]
    copy_view_enabled = False


class LevelOfCareViewSet(SnippetViewSet):
    """Edited by Clinical reviewers; Editors and Compliance may only look (the inspect view)."""

    model = LevelOfCare
    icon = "list-ul"
    list_display = ["asam_level", "name", "offered"]
    copy_view_enabled = False
    inspect_view_enabled = True


class MedicationViewSet(SnippetViewSet):
    """Edited by Clinical reviewers; Editors and Compliance may only look (the inspect view)."""

    model = Medication
    icon = "pick"
    list_display = ["name", "use_disorder", "provided", "drug_page"]
    copy_view_enabled = False
    inspect_view_enabled = True


class TrustGroup(SnippetViewSetGroup):
    menu_label = "Trust and disclosures"
    menu_icon = "success"
    menu_order = 310
    items = (CredentialViewSet, LevelOfCareViewSet, MedicationViewSet)


register_snippet(TrustGroup)

credential_policy = ModelPermissionPolicy(Credential)


def can_see_credential_report(user):
    return credential_policy.user_has_any_permission(user, ["view", "change"])


def expiry_state(credential):
    days = (credential.expires_on - timezone.localdate()).days
    if days < 0:
        return f"Expired {-days} days ago"
    return "Expires today" if days == 0 else f"Expires in {days} days"


class CredentialExpiryReportView(ReportView):
    """Licences and accreditations that have expired or expire within 60 days: renew before the site lies."""

    page_title = "Licences expiring"
    header_icon = "warning"
    model = Credential
    any_permission_required = ["view", "change"]
    index_url_name = "credential_expiry_report"
    index_results_url_name = "credential_expiry_report_results"
    context_object_name = "credentials"
    columns = [
        Column("name", label="Licence or accreditation"),
        Column("issuing_body", label="Issued by"),
        Column("number", label="Number"),
        Column("expires_on", label="Expires", accessor=lambda c: c.expires_on.strftime("%b %-d, %Y")),
        Column("state", label="Status", accessor=expiry_state),
    ]
    list_export = ["name", "issuing_body", "number", "expires_on"]
    no_results_message = f"No licence or accreditation expires in the next {EXPIRY_WARNING_DAYS} days."

    def get_queryset(self):
        return Credential.objects.expiring()


register_report(CredentialExpiryReportView, slug="licences-expiring", can_see=can_see_credential_report, order=60)
