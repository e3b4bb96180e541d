"""The page a visitor came from before opening the chat, for staff ("came from Klonopin").

Read from the Referer of the chat page (the site sends `Referrer-Policy: same-origin`, so only our own
pages are ever named), carried in the start form as a page id and stored encrypted with the chat.
"""

from urllib.parse import urlsplit

from treatment_site.ids import parse_id


def page_id_from_referer(request):
    """The id of the live page on this site the visitor was reading, or "" (another site, no page, none)."""
    from wagtail.models import Page, Site

    referer = urlsplit(request.headers.get("Referer", ""))
    if not referer.netloc or referer.netloc != request.get_host() or len(referer.path) > 300:
        return ""
    site = Site.find_for_request(request)
    if site is None:
        return ""
    path = referer.path.strip("/")
    url_path = site.root_page.url_path + (path + "/" if path else "")
    pk = Page.objects.live().filter(url_path=url_path).values_list("pk", flat=True).first()
    return str(pk) if pk else ""


def clean_page_id(value):
    """A page id from the hidden form field: kept only if it names a live page (a tampered value is dropped)."""
    from wagtail.models import Page

    pk = parse_id(value)
    return str(pk) if pk and Page.objects.live().filter(pk=pk).exists() else ""
