"""Static files in front of Django, at the WSGI/ASGI server level (servestatic).

servestatic's Django middleware is async-only: under gunicorn's sync workers it turned every page request
into a sync -> async -> sync round trip with an event loop per request (measured: about half the article's
CPU). Wrapping the application instead serves /static/ without entering Django at all, sync under WSGI and
async under ASGI. Development keeps the middleware (finders, autorefresh); see settings/dev.py.
"""

from django.conf import settings

# collectstatic's ManifestStaticFilesStorage names: site.d99a60ed8c06.css. They never change content.
HASHED_NAME = r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$"


def _options():
    return {
        "root": settings.STATIC_ROOT,
        "prefix": settings.STATIC_URL,
        "max_age": settings.SERVESTATIC_MAX_AGE,
        "immutable_file_test": HASHED_NAME,
    }


def _enabled():
    return not settings.DEBUG and settings.STATIC_ROOT and settings.STATIC_ROOT.is_dir()


def wrap_wsgi(application):
    if not _enabled():
        return application
    from servestatic import ServeStatic

    return ServeStatic(application, **_options())


def wrap_asgi(application):
    if not _enabled():
        return application
    from servestatic import ServeStaticASGI

    return ServeStaticASGI(application, **_options())
