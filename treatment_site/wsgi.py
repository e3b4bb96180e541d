"""WSGI entry point, kept for tools that need it; the site itself is served through asgi.py."""

import os

from django.core.wsgi import get_wsgi_application

# A server that forgets DJANGO_SETTINGS_MODULE must fail on missing secrets, never run with DEBUG and dev keys.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatment_site.settings.production")
application = get_wsgi_application()
