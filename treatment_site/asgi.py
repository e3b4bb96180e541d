"""ASGI entry point: HTTP goes to Django, WebSocket connections to the live-chat consumers."""

import os

from django.core.asgi import get_asgi_application

# A server that forgets DJANGO_SETTINGS_MODULE must fail on missing secrets, never run with DEBUG and dev keys.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatment_site.settings.production")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from chat.origins import ExactOriginValidator  # noqa: E402
from chat.routing import websocket_urlpatterns  # noqa: E402
from treatment_site.static_serving import wrap_asgi  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": wrap_asgi(django_asgi_app),
        "websocket": ExactOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
