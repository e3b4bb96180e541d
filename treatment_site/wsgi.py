"""WSGI entry point: production serves HTTP here (gunicorn sync workers); WebSockets go to asgi.py."""

import os

from django.core.wsgi import get_wsgi_application

# A server that forgets DJANGO_SETTINGS_MODULE must fail on missing secrets, never run with DEBUG and dev keys.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatment_site.settings.production")
django_wsgi_app = get_wsgi_application()

from pages.caching import PageCacheWSGI  # noqa: E402  (needs Django set up)
from treatment_site.clients import ForwardedForMiddleware  # noqa: E402
from treatment_site.static_serving import wrap_wsgi  # noqa: E402

# Static files first, then in-app page-cache hits, then Django. gunicorn leaves REMOTE_ADDR as the proxy's
# address: the outermost step names the client behind FORWARDED_ALLOW_IPS, as uvicorn does.
application = ForwardedForMiddleware(wrap_wsgi(PageCacheWSGI(django_wsgi_app)))
