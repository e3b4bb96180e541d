"""Register the live-chat console in the Wagtail admin, visible only to people who may answer chats."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls, services


class LiveChatMenuItem(MenuItem):
    """ "Live chat" with the number of visitors waiting, shown only to Admissions staff and superusers."""

    def is_shown(self, request):
        return services.can_answer(request.user)

    def render_component(self, request):
        waiting = services.waiting_count()
        self.label = f"Live chat ({waiting} waiting)" if waiting else "Live chat"
        return super().render_component(request)


@hooks.register("register_admin_urls")
def register_chat_urls():
    return [path("chat/", include(admin_urls, namespace="chat_admin"))]


@hooks.register("register_admin_menu_item")
def register_chat_menu_item():
    return LiveChatMenuItem(
        "Live chat", reverse("chat_admin:console"), name="live-chat", icon_name="comment", order=250
    )


@hooks.register("register_admin_viewset")
def register_canned_replies():
    from .canned import CannedReplyViewSet

    return CannedReplyViewSet("canned_replies")
