"""Small public views that are not Wagtail pages."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    """Tell crawlers to skip the admin and the confidential forms, and where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /account/",
        "Disallow: /verify-insurance/",
        "Disallow: /chat/",
        "Disallow: /request-callback/",
        "Disallow: /search/",
        # The Spanish forms, chat and search are as private; each language has its own sitemap (issue 16).
        "Disallow: /es/verify-insurance/",
        "Disallow: /es/request-callback/",
        "Disallow: /es/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        f"Sitemap: {request.build_absolute_uri('/es/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def reviewer_profile(request, slug):
    """A clinical reviewer's public profile: who checks our health pages, their credentials and role.

    The "Medically reviewed by" line on every reviewed page links here, so readers can see who vouches
    for the content. Lists the live pages they last reviewed (one query per reviewed page type).
    """
    from pages.review import reviewed_page_models
    from pages.snippets import MedicalReviewer

    reviewer = get_object_or_404(MedicalReviewer, slug=slug)
    reviewed = []
    for model in reviewed_page_models():
        reviewed.extend(model.objects.live().public().filter(reviewer=reviewer).only("title", "url_path"))
    reviewed.sort(key=lambda page: page.title)
    return render(request, "pages/reviewer_profile.html", {"reviewer": reviewer, "reviewed_pages": reviewed})
