from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", views.otp_verify, name="otp_verify"),
    path("two-factor/enrol/<str:token>/", views.otp_enrol, name="otp_enrol"),
]
