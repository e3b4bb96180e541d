from django.urls import path

from . import views

app_name = "chat"
urlpatterns = [
    path("", views.index, name="index"),
    path("send/", views.send, name="send"),
    path("messages/", views.poll, name="messages"),
    path("end/", views.end, name="end"),
    path("forget/", views.forget, name="forget"),
    path("callback/", views.to_callback, name="to_callback"),
]
