"""Small public views that are not Wagtail pages."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail import views as wagtail_views

from pages.models.serving import route_for_request


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
        "Disallow: /suggest/",
        # The Spanish forms, chat and search are as private; each language has its own sitemap (issue 16).
        "Disallow: /es/verify-insurance/",
        "Disallow: /es/chat/",
        "Disallow: /es/request-callback/",
        "Disallow: /es/search/",
        "Disallow: /es/suggest/",
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


@csrf_exempt  # nothing is stored or changed, and a CSRF token would put a cookie on the public page
@require_POST
def self_check_result(request, page_id):
    """Score a self-check sent without JavaScript, and show the result on the same page.

    The answers travel in the POST body (never in the URL, so never in access logs), are neither stored
    nor logged, and the response is marked no-store so no cache keeps a copy.
    """
    from pages.models import SelfCheckPage
    from pages.self_checks import question_rows, score

    page = get_object_or_404(SelfCheckPage.objects.live().public(), pk=page_id)
    total, band, chosen, missing = score(page.questionnaire, request.POST)
    context = page.get_context(request)
    context.update(
        {"questions": question_rows(page.questionnaire, chosen), "total": total, "band": band, "missing": missing}
    )
    response = render(request, page.get_template(request), context)
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response


def serve(request, path):
    """Wagtail's page view (URL name `wagtail_serve`), routed by `pages.models.serving.route_for_request`.

    Wagtail memoises the route on the request (`request._wagtail_route_for_request`, named in the
    docstring of `Page.route_for_request`), so setting it first is all its view needs; everything
    after routing (hooks, view restrictions, `serve`) is Wagtail's own.
    """
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)
