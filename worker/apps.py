from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """The supervised task worker: survives database outages and recovers tasks a dead worker left running."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "worker"
