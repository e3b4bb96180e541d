"""The "Insurance requests" staff queue: a ModelViewSet (not a snippet, so no revisions keep plaintext copies)."""

from django.urls import path
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_forms import StatusAssignmentForm
from .admin_views import AddNoteView, ContactAttemptView, RequestDetailView, RequestIndexView, StatusAssignmentView
from .columns import ClockColumn, DueColumn
from .filters import RequestFilterSet
from .models import VerificationRequest


class VerificationRequestViewSet(ModelViewSet):
    """List, detail (inspect), status/assignment and notes. No add, copy, delete or history views."""

    model = VerificationRequest
    menu_label = "Insurance requests"
    icon = "clipboard-list"
    add_to_admin_menu = True
    menu_order = 250
    copy_view_enabled = False
    # Keep requests out of Wagtail's reference index, or they would show on each insurer's "usage" page.
    add_to_reference_index = False
    inspect_view_enabled = True
    index_view_class = RequestIndexView
    inspect_view_class = RequestDetailView
    edit_view_class = StatusAssignmentView
    filterset_class = RequestFilterSet
    list_per_page = 25
    edit_handler = ObjectList([FieldPanel("status"), FieldPanel("assigned_to")], base_form_class=StatusAssignmentForm)
    list_display = [
        "__str__",
        Column("kind", label="Kind", accessor="get_kind_display", sort_key="kind"),
        Column("language", label="Language", accessor="get_language_display", sort_key="language"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("provider", label="Insurance provider", accessor="provider_display", sort_key="provider__name"),
        Column("assigned_to", label="Assigned to", sort_key="assigned_to__username"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
        ClockColumn("clock", label="First contact", sort_key="target_at"),
        DueColumn("due_at", label="Due", sort_key="due_at"),
    ]
    # The CSV for staff with the export permission (see RequestIndexView.render_to_response).
    # Every field the request page shows, in its order (headings in RequestIndexView.export_headings).
    list_export = [
        "pk",
        "get_kind_display",
        "get_status_display",
        "assigned_to",
        "created_at",
        "source_page_title",
        "full_name",
        "date_of_birth",
        "get_patient_display",
        "relationship",
        "phone",
        "email",
        "get_contact_method_display",
        "get_contact_time_display",
        "visitor_time_zone_display",
        "due_at",
        "target_at",
        "voicemail_ok",
        "first_contact_at",
        "contact_attempt_count",
        "provider_display",
        "member_id",
        "group_number",
        "holder_display",
        "holder_date_of_birth",
        "substances_display",
        "consent_given_at",
        "notes_count",
    ]

    def get_common_view_kwargs(self, **kwargs):
        kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "delete_url_name", "history_url_name", "usage_url_name"):
            kwargs[name] = None
        return kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(default_ordering="-created_at", **kwargs)

    @property
    def add_note_view(self):
        return self.construct_view(AddNoteView)

    @property
    def contact_attempt_view(self):
        return self.construct_view(ContactAttemptView)

    def get_urlpatterns(self):
        keep = {"index", "index_results", "edit", "inspect"}
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name in keep]
        return [
            *patterns,
            path("note/<int:pk>/", self.add_note_view, name="add_note"),
            path("attempt/<int:pk>/", self.contact_attempt_view, name="log_attempt"),
        ]
