"""One way to put a Wagtail ``ReportView`` in the admin: its two URLs and a Reports menu entry for those it admits."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class ReportMenuItem(MenuItem):
    """A Reports menu entry shown only to the users its report admits (``can_see(user)``)."""

    def __init__(self, label, url, *, can_see, **kwargs):
        super().__init__(label, url, **kwargs)
        self.can_see = can_see

    def is_shown(self, request):
        return self.can_see(request.user)


def register_report(view_class, *, slug, url_name, label, can_see, menu_name, icon_name, order):
    """Register the report at /admin/reports/<slug>/, its results-only URL (filters) and its menu entry.

    The view checks permissions itself; ``can_see`` only decides who sees the menu entry, so pass the same rule.
    """

    @hooks.register("register_admin_urls")
    def register_report_urls():
        return [
            path(f"reports/{slug}/", view_class.as_view(), name=url_name),
            path(f"reports/{slug}/results/", view_class.as_view(results_only=True), name=f"{url_name}_results"),
        ]

    @hooks.register("register_reports_menu_item")
    def register_report_menu_item():
        return ReportMenuItem(
            label, reverse(url_name), can_see=can_see, name=menu_name, icon_name=icon_name, order=order
        )
