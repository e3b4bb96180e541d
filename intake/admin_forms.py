"""Forms staff use in the admin: status/assignment and notes."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .filters import staff_who_can_be_assigned
from .models import VerificationRequest


class StatusAssignmentForm(WagtailAdminModelForm):
    """Only the workflow fields are editable; the visitor's details never are."""

    class Meta:
        model = VerificationRequest
        fields = ["status", "assigned_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_who_can_be_assigned()
        self.fields["assigned_to"].empty_label = "Unassigned"


class NoteForm(forms.Form):
    """A staff note; encrypted when stored."""

    text = forms.CharField(
        label="Add a note",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Visible to admissions staff only. Stored encrypted.",
        error_messages={"required": "Write the note before saving it"},
    )
