from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("verify-insurance/", views.verify_insurance, name="verify"),
]
