"""WebSocket routes: the visitor's socket lives under /chat/ so its path-scoped cookie reaches it."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("chat/ws/", consumers.VisitorConsumer.as_asgi()),
    path("admin/chat/ws/", consumers.StaffConsumer.as_asgi()),
]
