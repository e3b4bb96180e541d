"""What a visitor is told about their chat, pushed over their socket whenever it changes.

One state per open conversation, derived from the conversation and from whether anyone can answer:

- queued          waiting for a counselor, and someone is available
- with_counselor  a counselor has claimed the chat
- counselor_left  the counselor returned the chat to the queue (someone else is available)
- nobody          waiting, and nobody can answer now: the page shows phone, callback and crisis options
- ended           closed by either side

The visitor's page renders the same state on load (chat/index.html) and on every poll, so the socket,
the polling fallback and a reload always agree.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from audit.models import AuditEvent

from . import availability
from .models import Conversation

QUEUED = "queued"
WITH_COUNSELOR = "with_counselor"
COUNSELOR_LEFT = "counselor_left"
NOBODY = "nobody"
ENDED = "ended"

COUNSELOR_LEFT_NOTICE = gettext_lazy("The admissions counselor had to leave the chat. You are back in the queue.")

# What the visitor's page says in each open state: rendered on load (chat/index.html) and handed to chat.js,
# which changes it live, so both always use these words.
STATE_TEXTS = {
    QUEUED: gettext_lazy("Waiting for an admissions counselor to join. You can keep writing."),
    WITH_COUNSELOR: gettext_lazy("An admissions counselor is with you."),
    COUNSELOR_LEFT: gettext_lazy(
        "The counselor had to leave. You are back in the queue for the next counselor; you can keep writing."
    ),
    NOBODY: gettext_lazy(
        "Nobody is free to answer right now. You can still write, call us, or ask for a callback below."
    ),
}


def visitor_state(conversation, chat_status):
    """The state for one conversation, given availability.visitor_status() (OPEN or why not)."""
    if conversation.is_closed:
        return ENDED
    if conversation.status == Conversation.Status.ACTIVE:
        return WITH_COUNSELOR
    if chat_status != availability.OPEN:
        return NOBODY
    return COUNSELOR_LEFT if conversation.claimed_at else QUEUED


def state_event(conversation, chat_status):
    """The channel-layer event for the conversation's group (no text, only the state)."""
    return (
        conversation.group_name,
        {
            "type": "chat.state",
            "conversation": conversation.pk,
            "state": visitor_state(conversation, chat_status),
            "chat_status": chat_status,
        },
    )


def current_chat_status():
    """availability.visitor_status() for the default site's contact settings (events have no request)."""
    from wagtail.models import Site

    from pages.models import ContactSettings

    site = Site.objects.filter(is_default_site=True).first()
    contact = ContactSettings.for_site(site) if site else ContactSettings()
    return availability.visitor_status(contact)


def waiting_state_events(chat_status=None):
    """A state event for every waiting conversation: sent when availability changes, so a visitor who
    waits sees the offline options appear (or go again) without reloading."""
    waiting = list(Conversation.objects.waiting().only("pk", "status", "claimed_at"))
    if not waiting:
        return []  # nobody to tell: skip the availability check (it pings Redis)
    chat_status = chat_status or current_chat_status()
    return [state_event(c, chat_status) for c in waiting]


@transaction.atomic
def leave(conversation_id, user):
    """The counselor leaves an active chat (end of shift, called away): it goes back to the queue, the
    visitor is told, and the console lists it as waiting again. Returns (conversation, events)."""
    from .services import ChatActionError, _locked, _require_assignee, message_event, queue_event, save_and_announce

    conversation = _locked(conversation_id)
    _require_assignee(conversation, user)
    if conversation.status != Conversation.Status.ACTIVE:
        raise ChatActionError("Only a chat you are answering can be returned to the queue.")
    conversation.status = Conversation.Status.WAITING
    conversation.assigned_to = None
    message = save_and_announce(
        conversation,
        ["status", "assigned_to"],
        COUNSELOR_LEFT_NOTICE,
        user,
        AuditEvent.Action.HANDED_OVER,
        "returned to the queue",
    )
    chat_status = current_chat_status()
    return conversation, [message_event(message), state_event(conversation, chat_status), queue_event(conversation)]


def release_lapsed(now=None):
    """Chats whose counselor's console stopped checking in (closed laptop, lost network) go back to the
    queue as if the counselor had left; then every waiting visitor gets the current state. Run every
    minute by the scheduler (`manage.py sweep_chat`). Returns the events to publish."""
    cutoff = availability.presence_cutoff(now or timezone.now())
    present = availability.StaffPresence.objects.filter(last_seen_at__gte=cutoff).values("user_id")
    lapsed = Conversation.objects.filter(status=Conversation.Status.ACTIVE, assigned_to__isnull=False).exclude(
        assigned_to__in=present
    )
    from .services import ChatActionError

    events = []
    for conversation in lapsed.select_related("assigned_to"):
        try:
            _, more = leave(conversation.pk, conversation.assigned_to)
        except ChatActionError:  # closed or handed over meanwhile: nothing to release
            continue
        events += more
    return events + waiting_state_events()
