"""Set the default Wagtail Site's host and port from WAGTAILADMIN_BASE_URL (run on every deploy)."""

from django.core.management.base import BaseCommand

from ops.site_host import configure_default_site


class Command(BaseCommand):
    help = "Point the default Site at the host in WAGTAILADMIN_BASE_URL (canonical links, og:url, sitemap)."

    def handle(self, *args, **options):
        site = configure_default_site()
        if site is None:
            self.stdout.write("No default Site yet; nothing to do.")
        else:
            self.stdout.write(f"Default site: {site.root_url}")
