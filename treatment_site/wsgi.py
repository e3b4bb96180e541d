"""WSGI entry point: production serves HTTP here (gunicorn sync workers); WebSockets go to asgi.py."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatment_site.settings.dev")
django_wsgi_app = get_wsgi_application()

from treatment_site.static_serving import wrap_wsgi  # noqa: E402  (needs Django set up)

application = wrap_wsgi(django_wsgi_app)
