"""Return chats whose counselor's console went silent to the queue, and tell waiting visitors whether
anyone can still answer (a console closed without "Set me away" changes nothing that pushes an event)."""

from django.core.management.base import BaseCommand

from chat import services
from chat.status import release_lapsed


class Command(BaseCommand):
    help = "Release chats of counselors whose console stopped checking in; push the current state to waiting visitors."

    def handle(self, *args, **options):
        events = release_lapsed()
        services.publish(events)
        self.stdout.write(f"Sent {len(events)} chat event(s).")
