"""WSGI entry point, kept for tools that need it; the site itself is served through asgi.py."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatment_site.settings.dev")
application = get_wsgi_application()
