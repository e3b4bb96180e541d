"""The "Insurance requests" staff queue: a ModelViewSet (not a snippet, so no revisions keep plaintext copies)."""

from django.urls import path
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_forms import StatusAssignmentForm
from .admin_views import AddNoteView, RequestDetailView, RequestIndexView, StatusAssignmentView
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
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("provider", label="Insurance provider", accessor="provider_display", sort_key="provider__name"),
        Column("assigned_to", label="Assigned to", sort_key="assigned_to__username"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    # The CSV for staff with the export permission (see RequestIndexView.render_to_response).
    list_export = [
        "pk",
        "created_at",
        "get_kind_display",
        "get_status_display",
        "assigned_to",
        "provider_display",
        "full_name",
        "date_of_birth",
        "phone",
        "email",
        "get_contact_method_display",
        "get_contact_time_display",
        "voicemail_ok",
        "member_id",
        "group_number",
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

    def get_urlpatterns(self):
        keep = {"index", "index_results", "edit", "inspect"}
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name in keep]
        return [*patterns, path("note/<int:pk>/", self.add_note_view, name="add_note")]
