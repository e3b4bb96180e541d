"""The admin dashboard panel: how many requests are new or unassigned."""

from django.db.models import Count, Q
from wagtail.admin.ui.components import Component

from .models import VerificationRequest


class RequestQueuePanel(Component):
    """Counts of new and unassigned open requests, linking into the filtered queue."""

    name = "insurance_requests"
    template_name = "intake/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        counts = VerificationRequest.objects.aggregate(
            new=Count("pk", filter=Q(status=VerificationRequest.Status.NEW)),
            unassigned=Count("pk", filter=Q(assigned_to__isnull=True) & ~Q(status=VerificationRequest.Status.CLOSED)),
            # The admissions e-mail gave up: nobody was told about these, so they must be seen here.
            not_notified=Count(
                "pk",
                filter=Q(notification_failed_at__isnull=False, notified_at__isnull=True)
                & ~Q(status=VerificationRequest.Status.CLOSED),
            ),
        )
        return {"counts": counts}
