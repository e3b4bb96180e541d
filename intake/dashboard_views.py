"""The Admissions dashboard: the week (or month, or quarter) at a glance, as accessible SVG charts + CSV."""

import csv

from django.http import HttpResponse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from audit.models import AuditEvent
from audit.services import record

from .charts import dashboard_charts
from .metrics import PERIODS, build_report
from .models import VerificationRequest


class AdmissionsDashboardView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Speed-to-lead and chat figures for Admissions; aggregate counts only, so no per-request audit row."""

    model = VerificationRequest
    any_permission_required = ["view", "change"]
    template_name = "intake/admin/dashboard.html"
    page_title = "Admissions dashboard"
    header_icon = "time"

    def get_breadcrumbs_items(self):
        # Without its own crumb the admin header would read "Home".
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_days(self):
        value = self.request.GET.get("days", "")
        return int(value) if value in {str(p) for p in PERIODS} else PERIODS[0]

    def get(self, request, *args, **kwargs):
        report = build_report(self.get_days())
        if request.GET.get("format") == "csv":
            return self.csv_response(report)
        return self.render_to_response(self.get_context_data(report=report, **kwargs))

    def get_context_data(self, report, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "report": report,
                "charts": dashboard_charts(report),
                "days": self.get_days(),
                "periods": PERIODS,
            }
        )
        return context

    def csv_response(self, report):
        days = len(report.days)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="admissions-dashboard-{days}-days.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "Date",
                "Requests",
                "Median minutes to first contact",
                "90th percentile minutes",
                "Within target %",
                "Chats answered",
                "Chats missed",
            ]
        )
        for day in report.days:
            writer.writerow(
                [
                    day.date.isoformat(),
                    day.requests,
                    "" if day.median_minutes is None else day.median_minutes,
                    "" if day.p90_minutes is None else day.p90_minutes,
                    "" if day.within_share is None else day.within_share,
                    day.chats_answered,
                    day.chats_missed,
                ]
            )
        writer.writerow([])
        writer.writerow(["Contact attempt outcome", "Attempts"])
        writer.writerows(report.outcomes)
        record(self.request.user, AuditEvent.Action.EXPORTED, detail=f"admissions dashboard CSV: {days} days")
        return response
