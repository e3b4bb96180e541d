"""URL configuration: the public site, the Wagtail admin under a looser CSP, and Wagtail's page routes."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from django.views.decorators.csp import csp_override
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from pages import search as search_views
from pages import views as page_views
from pages.approval_notice import announce_approvals
from pages.sitemaps import SITEMAPS
from treatment_site import image_files

# Error pages that never read the request body (see treatment_site/error_views.py).
handler400 = "treatment_site.error_views.bad_request"
handler500 = "treatment_site.error_views.server_error"

admin_urlpatterns = decorate_urlpatterns(
    decorate_urlpatterns(list(wagtailadmin_urls.urlpatterns), announce_approvals), csp_override(settings.ADMIN_CSP)
)

urlpatterns = [
    path("", include("ops.urls")),
    path("admin/", include(admin_urlpatterns)),
    path("account/", include("accounts.urls")),
    path("account/passkeys/", include("accounts.passkeys")),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
]

# Public pages in every language: English at /, Spanish at /es/ (treatment_site/languages.py reads the prefix).
public_urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("search/", search_views.search, name="search"),
    path("suggest/", search_views.search_suggestions, name="search_suggestions"),
    path("reviewers/<slug:slug>/", page_views.reviewer_profile, name="reviewer_profile"),
    path("self-check/<int:page_id>/result/", page_views.self_check_result, name="self_check_result"),
    path("", include("intake.urls")),
    path("chat/", include("chat.urls")),  # /es/chat/ is the Spanish chat (issue 16)
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.MEDIA_URL.startswith("/"):  # media on this server, not a storage backend's own host
    urlpatterns.append(path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", image_files.image_file, name="image_file"))

# Wagtail's page URLs, its serve view swapped for ours (same pattern and name): one query fewer per page (serving.py).
page_urlpatterns = [
    re_path(pattern.pattern.regex.pattern, page_views.serve, name=pattern.name)
    if pattern.name == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]
urlpatterns += i18n_patterns(*public_urlpatterns, path("", include(page_urlpatterns)), prefix_default_language=False)
