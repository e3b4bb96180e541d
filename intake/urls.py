from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("verify-insurance/", views.verify_insurance, name="verify"),
    path("verify-insurance/thank-you/", views.verify_thanks, name="verify_thanks"),
    path("request-callback/", views.request_callback, name="callback"),
    path("request-callback/thank-you/", views.callback_thanks, name="callback_thanks"),
]
