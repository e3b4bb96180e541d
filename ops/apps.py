from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health endpoints for the load balancer and the scheduler process."""

    name = "ops"
    verbose_name = "Operations"
