from django.urls import path

from . import admin_views

app_name = "chat_admin"
urlpatterns = [
    path("", admin_views.console, name="console"),
    path("availability/", admin_views.set_availability, name="availability"),
    path("heartbeat/", admin_views.heartbeat, name="heartbeat"),
    path("missed/", admin_views.missed_list, name="missed"),
    path("missed/<int:pk>/callback/", admin_views.convert_missed, name="convert_missed"),
    path("<int:pk>/", admin_views.conversation, name="conversation"),
    path("<int:pk>/claim/", admin_views.claim, name="claim"),
    path("<int:pk>/reply/", admin_views.reply, name="reply"),
    path("<int:pk>/hand-over/", admin_views.hand_over, name="hand_over"),
    path("<int:pk>/close/", admin_views.close, name="close"),
    path("<int:pk>/leave/", admin_views.leave, name="leave"),
    path("<int:pk>/link/", admin_views.link, name="link"),
    path("<int:pk>/messages/", admin_views.poll, name="messages"),
]
