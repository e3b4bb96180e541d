"""Canned replies in the admin: Admissions leads edit them (a ModelViewSet: no revisions needed for a
few lines of general text); the console lists them beside the reply box, Alt+1 … Alt+9 inserts one."""

from wagtail.admin.viewsets.model import ModelViewSet

from .models import CannedReply

LEADS_GROUP = "Admissions leads"
KEYED = 9  # Alt+1 … Alt+9


class CannedReplyViewSet(ModelViewSet):
    """Add, edit, reorder and delete canned replies; the menu item shows only to users with the permissions."""

    model = CannedReply
    menu_label = "Canned replies"
    icon = "comment"
    add_to_admin_menu = True
    menu_order = 260
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["title", "sort_order"]
    form_fields = ["title", "text", "sort_order"]


def for_console():
    """The replies in console order, each with its key (1–9, or None past the ninth)."""
    replies = list(CannedReply.objects.all())
    for index, reply in enumerate(replies, start=1):
        reply.key = index if index <= KEYED else None
    return replies
