"""Missed chats: a visitor waited and left (or gave up) with nobody answering.

Staff see them in the console with the page the visitor came from and how long they waited, and turn
each into a callback request. What the visitor wrote goes with it, as a staff note on the request (the
chat transcript itself is purged after CHAT_RETENTION_DAYS), so the counselor who calls reads it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record

from .models import Conversation, Message


def missed_cutoff(now=None):
    """A waiting chat whose visitor has written nothing since this moment counts as missed (they left)."""
    return (now or timezone.now()) - datetime.timedelta(seconds=settings.CHAT_MISSED_AFTER_SECONDS)


def unanswered(now=None):
    """Chats nobody claimed: closed unanswered, or waiting but silent past the cutoff."""
    return Conversation.objects.filter(claimed_at__isnull=True).filter(
        Q(status=Conversation.Status.CLOSED)
        | Q(status=Conversation.Status.WAITING, last_activity_at__lt=missed_cutoff(now))
    )


def missed_conversations(now=None, limit=50):
    """The most recent missed chats, each with the page the visitor came from and how long they waited."""
    conversations = list(unanswered(now).select_related("intake_request").order_by("-created_at")[:limit])
    pages = source_pages(conversations)
    for conversation in conversations:
        conversation.came_from = pages.get(conversation.source_page_id)
        conversation.wait_seconds = conversation.waited_seconds(now)
    return conversations


def source_pages(conversations):
    """The pages the visitors came from, in one query, keyed by the stored id."""
    from wagtail.models import Page

    from treatment_site.ids import parse_id

    ids = {parse_id(c.source_page_id) for c in conversations} - {None}
    return {str(page.pk): page for page in Page.objects.filter(pk__in=ids)} if ids else {}


def is_missed(conversation, now=None):
    if conversation.claimed_at is not None:
        return False
    if conversation.is_closed:
        return True
    return conversation.last_activity_at < missed_cutoff(now)


def visitor_text(conversation):
    """Everything the visitor wrote, in order, with the time of each line (site time zone)."""
    lines = [
        f"[{timezone.localtime(m.created_at):%H:%M}] {m.text}"
        for m in conversation.messages.filter(sender=Message.Sender.VISITOR)
    ]
    return "\n".join(lines)


@transaction.atomic
def convert_missed(conversation_id, user, fields):
    """Staff turn a missed chat into a callback request (number the visitor gave in the chat, or found
    elsewhere). The visitor's text becomes the request's first note, the chat is linked and closed.
    Returns (request, events); raises ChatActionError when the chat is not (or no longer) missed."""
    from intake.models import StaffNote, VerificationRequest
    from intake.services import create_request

    from .services import ChatActionError, _locked, queue_event, status_event

    conversation = _locked(conversation_id)
    if not is_missed(conversation):
        raise ChatActionError("This chat was answered or is still going on; only missed chats are converted here.")
    if conversation.intake_request_id:
        raise ChatActionError(f"This chat already led to request #{conversation.intake_request_id}.")
    request = create_request(
        VerificationRequest.Kind.CALLBACK,
        contact_method=VerificationRequest.ContactMethod.PHONE,
        source_page_id=conversation.source_page_id,
        **fields,
    )
    # The visitor filled in no consent form: the request says so instead of showing the form's wording.
    VerificationRequest.objects.filter(pk=request.pk).update(
        consent_given_at=None, consent_text=f"No consent form: created by staff from missed {conversation.reference}."
    )
    # A note written directly (not intake.services.add_note): copying text is no contact, the clock keeps running.
    StaffNote.objects.create(
        request=request, author=user, text=f"From missed {conversation.reference}:\n{visitor_text(conversation)}"
    )
    conversation.intake_request = request
    events = []
    if not conversation.is_closed:
        conversation.status = Conversation.Status.CLOSED
        conversation.closed_at = timezone.now()
        record(user, AuditEvent.Action.CLOSED, target=conversation, detail="missed, converted to a callback")
        events = [status_event(conversation), queue_event(conversation)]
    conversation.save(update_fields=["intake_request", "status", "closed_at"])
    record(user, AuditEvent.Action.LINKED, target=conversation, detail=f"to callback request #{request.pk}")
    record(user, AuditEvent.Action.LINKED, target=request, detail=f"missed chat #{conversation.pk}")
    return request, events
