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


def register_report(view_class, *, slug, can_see, order):
    """Register the report at /admin/reports/<slug>/, its results-only URL (filters) and its menu entry.

    The URL names, the menu label and its icon are the view's own (``index_url_name``,
    ``index_results_url_name``, ``page_title``, ``header_icon``), so the menu and the page cannot drift apart.
    The view checks permissions itself; ``can_see`` only decides who sees the menu entry, so pass the same rule.
    """

    @hooks.register("register_admin_urls")
    def register_report_urls():
        return [
            path(f"reports/{slug}/", view_class.as_view(), name=view_class.index_url_name),
            path(
                f"reports/{slug}/results/",
                view_class.as_view(results_only=True),
                name=view_class.index_results_url_name,
            ),
        ]

    @hooks.register("register_reports_menu_item")
    def register_report_menu_item():
        return ReportMenuItem(
            view_class.page_title,
            reverse(view_class.index_url_name),
            can_see=can_see,
            name=slug,
            icon_name=view_class.header_icon,
            order=order,
        )
