"""WebSocket routes: the visitor's socket lives under /chat/ (or /es/chat/) so its path-scoped cookie reaches it."""

from django.conf import settings
from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("chat/ws/", consumers.VisitorConsumer.as_asgi()),
    # The Spanish chat page's socket: its cookie is scoped to /es/chat/ (chat/views.py).
    *(path(f"{code}/chat/ws/", consumers.VisitorConsumer.as_asgi()) for code, _name in settings.LANGUAGES[1:]),
    path("admin/chat/ws/", consumers.StaffConsumer.as_asgi()),
]
