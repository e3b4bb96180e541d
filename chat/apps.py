from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = "Live chat"

    def ready(self):
        from .staff_access import connect_signals

        connect_signals()
