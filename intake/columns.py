"""Queue columns for speed to lead: the first-contact clock as a coloured badge, and when the call is due."""

from django.utils import timezone
from wagtail.admin.ui.tables import Column


class ClockColumn(Column):
    """Within / near / past the first-contact target (text, not colour alone), or how long contact took."""

    cell_template_name = "intake/admin/cells/clock.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["clock"] = instance.clock()
        return context


class DueColumn(Column):
    """When to call: the visitor's preferred window (in staff's own zone, the visitor's in brackets)."""

    cell_template_name = "intake/admin/cells/due.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due"] = instance.due_at
        context["visitor_zone"] = instance.visitor_zone().key
        context["show_visitor"] = (
            bool(instance.due_at) and context["visitor_zone"] != timezone.get_current_timezone_name()
        )
        return context
