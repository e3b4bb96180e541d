"""The staff queue's views in the Wagtail admin: list + export, detail, status/assignment and notes."""

import csv
import datetime
import re

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.views import View
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import Echo
from wagtail.admin.widgets.button import Button

from audit.models import AuditEvent
from audit.services import record

from . import services
from .admin_forms import NoteForm
from .consent import REDISCLOSURE_NOTICE
from .consent_admin import part2_context
from .models import ContactAttempt, VerificationRequest
from .record_tables import attempts_table, audit_table
from .search import search_filter

FORMULA_START = re.compile(r"^[=+\-@\t\r]")
PHONE_NUMBER = re.compile(r"^\+\d{6,15}$")
#: Reloading a request within this window writes no further "Viewed" row for the same staff member.
VIEW_AUDIT_DEDUP = datetime.timedelta(minutes=10)


def export_datetime(value):
    return localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def csv_safe(value):
    """Neutralise spreadsheet formulas in visitor-typed text (CSV injection); phone numbers stay as they are."""
    if isinstance(value, str) and FORMULA_START.match(value) and not PHONE_NUMBER.match(value):
        return "'" + value
    return value


#: Query parameters of the queue that may be written to the audit trail as they are (ids, states, dates).
AUDITABLE_FILTERS = (
    "status",
    "kind",
    "provider",
    "assigned_to",
    "created_at_after",
    "created_at_before",
    "is_open",
    "notification_failed",
    "ordering",
)
SAFE_FILTER_VALUE = re.compile(r"[\w.:-]{1,40}")


def export_filters(query):
    """The filters an export used, for the audit row: known names with plain values; a search is only
    noted (it may be a phone number or an e-mail address, which the audit trail must never hold)."""
    used = [f"{name}={query[name]}" for name in AUDITABLE_FILTERS if SAFE_FILTER_VALUE.fullmatch(query.get(name, ""))]
    if query.get("q", "").strip():
        used.append("search (terms not recorded)")
    return ", ".join(used) or "none"


def audit_export(request, ids):
    """One summary row (who, how many, which filters) and one row per exported request, so each request's
    own audit trail shows the export, whatever the number of requests (a single row could not hold them)."""
    summary = record(
        request.user,
        AuditEvent.Action.EXPORTED,
        target=None,
        detail=f"insurance requests CSV: {len(ids)} rows; filters: {export_filters(request.GET)}",
    )
    content_type = ContentType.objects.get_for_model(VerificationRequest)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=request.user,
            action=AuditEvent.Action.EXPORTED,
            target_type=content_type,
            target_id=str(pk),
            detail=f"in CSV export #{summary.pk}",
        )
        for pk in ids
    )
    return summary


class RequestIndexView(generic.IndexView):
    """The queue: no personal data in the list; search by number or exact phone/e-mail; audited CSV export."""

    any_permission_required = ["view", "change"]
    is_searchable = True
    search_fields = ["pk"]  # a marker only: search_queryset below does the work
    template_name = "intake/admin/index.html"
    export_filename = "insurance-requests"
    export_headings = {
        "pk": "Request #",
        "get_kind_display": "Kind",
        "get_status_display": "Status",
        "assigned_to": "Assigned to",
        "created_at": "Received",
        "source_page_title": "Came from",
        "full_name": "Name",
        "date_of_birth": "Date of birth",
        "get_patient_display": "Who needs treatment",
        "relationship": "Relationship to the patient",
        "phone": "Phone",
        "email": "E-mail",
        "get_contact_method_display": "Contact by",
        "get_contact_time_display": "Best time",
        "visitor_time_zone_display": "Visitor's time zone",
        "due_at": "Call due",
        "target_at": "First-contact target",
        "voicemail_ok": "Voicemail OK",
        "first_contact_at": "First contact",
        "contact_attempt_count": "Contact attempts",
        "provider_display": "Insurance provider",
        "member_id": "Member ID",
        "group_number": "Group number",
        "holder_display": "Policy holder",
        "holder_date_of_birth": "Policy holder date of birth",
        "substances_display": "Substances of concern",
        "consent_given_at": "Consent given",
        "notes_count": "Staff notes",
    }

    custom_field_preprocess = {
        "created_at": {"csv": export_datetime},
        "due_at": {"csv": export_datetime},
        "target_at": {"csv": export_datetime},
        "first_contact_at": {"csv": export_datetime},
        "consent_given_at": {"csv": export_datetime},
        "voicemail_ok": {"csv": lambda value: "Yes" if value else "No"},
    }

    def get_search_form(self):
        placeholder = "Request number, or exact phone / e-mail"
        if self.search_kwarg in self.request.GET:
            return SearchForm(self.request.GET, placeholder=placeholder)
        return SearchForm(placeholder=placeholder)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        condition = search_filter(self.search_query)
        return queryset.filter(condition) if condition is not None else queryset.none()

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("provider", "assigned_to")
        if self.is_export:
            queryset = queryset.annotate(
                notes_total=Count("notes", distinct=True), attempts_total=Count("contact_attempts", distinct=True)
            )
        return queryset

    def get_edit_url(self, instance):
        return None  # rows open the detail page; status changes happen there

    @cached_property
    def can_export(self):
        return self.user_has_permission("export")

    @cached_property
    def show_export_buttons(self):
        return False  # the viewset's XLSX/CSV buttons would ignore the export permission

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.can_export:
            buttons.append(Button("Download CSV", url=self.csv_export_url, icon_name="download", priority=100))
        return buttons

    def stream_csv(self, queryset):
        """The §2.32 notice against redisclosure first, on a row of its own (intake/consent.py), then the rows:
        whoever opens the file reads the notice before any record."""
        writer = csv.writer(Echo())
        yield writer.writerow([f"Notice against redisclosure (42 CFR 2.32): {REDISCLOSURE_NOTICE}"])
        yield from super().stream_csv(queryset)

    def preprocess_field_value(self, field, value, export_format):
        return super().preprocess_field_value(field, csv_safe(value), export_format)

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            if self.request.GET.get("export") != self.FORMAT_CSV or not self.can_export:
                raise PermissionDenied
            audit_export(self.request, list(context["object_list"].values_list("pk", flat=True)))
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["can_export"] = self.can_export
        return context


class RequestDetailView(generic.InspectView):
    """One request, decrypted, with its status form, notes and audit trail; every view is audited."""

    permission_required = "view"
    any_permission_required = None
    template_name = "intake/admin/inspect.html"
    page_title = "Insurance request"

    def get(self, request, *args, **kwargs):
        # Recorded here, after the permission check in dispatch(), so refused visits leave no "viewed" row;
        # reloads by the same person within VIEW_AUDIT_DEDUP add nothing new.
        recent = AuditEvent.objects.for_object(self.object).filter(
            actor=request.user, action=AuditEvent.Action.VIEWED, at__gte=timezone.now() - VIEW_AUDIT_DEDUP
        )
        if not recent.exists():
            record(request.user, AuditEvent.Action.VIEWED, target=self.object)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(VerificationRequest.objects.select_related("provider", "assigned_to"), pk=self.pk)

    def get_context_data(self, **kwargs):
        from .admin_forms import StatusAssignmentForm

        context = super().get_context_data(**kwargs)
        obj = self.object
        can_change = self.user_has_permission("change")
        attempts = list(obj.contact_attempts.select_related("staff"))
        context.update(
            {
                "can_change": can_change,
                "status_form": StatusAssignmentForm(instance=obj, for_user=self.request.user) if can_change else None,
                "note_form": NoteForm() if can_change else None,
                "edit_action": reverse("insurance_requests:edit", args=[obj.pk]),
                "note_action": reverse("insurance_requests:add_note", args=[obj.pk]),
                "notes": obj.notes.select_related("author"),
                "audit_table": audit_table(AuditEvent.objects.for_object(obj)),
                "duplicates": list(obj.possible_duplicates()),
                "substances": obj.substances(),
                "source_page": obj.source_page(),
                "clock": obj.clock(),
                "attempts": attempts,
                "attempts_table": attempts_table(attempts),
                "attempt_action": reverse("insurance_requests:log_attempt", args=[obj.pk]),
                "attempt_channels": VerificationRequest.ContactMethod.choices,
                "attempt_outcomes": ContactAttempt.Outcome.choices,
                "default_channel": obj.contact_method,
            }
        )
        context.update(part2_context(obj, self.request.user))  # intake/consent_admin.py
        return context


class StatusAssignmentView(generic.EditView):
    """Change a request's status and assignee; each change is audited."""

    permission_required = "change"

    def get_object(self, queryset=None):
        return get_object_or_404(VerificationRequest.objects.select_related("assigned_to"), pk=self.kwargs["pk"])

    def save_instance(self):
        original = VerificationRequest.objects.select_related("assigned_to").get(pk=self.object.pk)
        services.change_status_and_assignment(
            self.request.user,
            original,
            self.form.cleaned_data["status"],
            self.form.cleaned_data["assigned_to"],
        )
        return original

    def get_success_message(self):
        return f"{self.object} updated."

    def get_success_url(self):
        return reverse("insurance_requests:inspect", args=[self.object.pk])

    def get_success_buttons(self):
        return []


class RequestActionView(generic.PermissionCheckedMixin, View):
    """A button on a request's page: POST, act on that one request, then return to its page at ``anchor``.

    Needs the "change" permission; subclasses only say what to do (``act``) and where to land.
    """

    model = VerificationRequest
    permission_required = "change"
    http_method_names = ["post"]
    #: The section of the request's page to return to.
    anchor = ""

    def post(self, request, pk):
        obj = get_object_or_404(VerificationRequest, pk=pk)
        self.act(request, obj)
        return redirect(reverse("insurance_requests:inspect", args=[obj.pk]) + f"#{self.anchor}")

    def act(self, request, obj):
        raise NotImplementedError


class ContactAttemptView(RequestActionView):
    """One click from the request page logs a call/text/e-mail and its outcome (audited; stops the clock)."""

    anchor = "attempts"

    def act(self, request, obj):
        channel, outcome = request.POST.get("channel", ""), request.POST.get("outcome", "")
        if channel in VerificationRequest.ContactMethod.values and outcome in ContactAttempt.Outcome.values:
            attempt = services.log_contact_attempt(request.user, obj, channel, outcome)
            messages.success(request, f"Logged: {attempt.get_channel_display()}, {attempt.get_outcome_display()}.")
        else:
            messages.error(request, "Choose how you contacted the visitor and what happened, then try again.")


class AddNoteView(RequestActionView):
    """POST a staff note onto a request, then return to its page."""

    anchor = "notes"

    def act(self, request, obj):
        form = NoteForm(request.POST)
        if form.is_valid():
            services.add_note(request.user, obj, form.cleaned_data["text"])
            messages.success(request, f"Note added to {obj}.")
        else:
            messages.error(request, "The note was not saved: " + " ".join(form.errors["text"]))
