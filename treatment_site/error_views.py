"""The site's 400 and 500 pages, rendered without touching the request.

Django's default views are @requires_csrf_token, which reads request.POST: a body the first read could not
decode (e.g. a form post declaring charset=latin-1) raises again inside the error view and the visitor gets
the ASGI server's bare 500. These views read nothing from the request, use no database and no context
processors, so they render even while PostgreSQL or Redis is down.
"""

from django.http import HttpResponse
from django.template import loader


def static_error_page(template_name, status):
    response = HttpResponse(loader.get_template(template_name).render(), status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    """400: a malformed request (bad encoding, bad multipart, disallowed host…)."""
    return static_error_page("400.html", 400)


def server_error(request):
    """500: the friendly page with the crisis numbers."""
    return static_error_page("500.html", 500)
