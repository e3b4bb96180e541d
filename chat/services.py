"""Live-chat logic without sockets: conversations, messages, claiming, hand-over, closing and purging.

Functions that change a conversation return the channel-layer events to send as well; the caller
publishes them (`apublish` from consumers, `publish` from HTTP views) so no database thread ever
waits on Redis. Events for a conversation's group carry message text (encrypted in Redis by the
layer's symmetric key); events for the staff group never do.
"""

import datetime
import logging
import secrets

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from audit.models import AuditEvent
from audit.services import record
from treatment_site.languages import VisitorLanguage

from .models import Conversation, Message, hash_token
from .text import MessageRejected, clean_message

ENDED = gettext_lazy("This chat has ended. You can start a new chat from the chat page.")
# The notices the visitor sees in the transcript when the chat changes hands or ends.
VISITOR_ENDED_NOTICE = gettext_lazy("The visitor ended the chat.")
JOINED_NOTICE = gettext_lazy("An admissions counselor has joined the chat.")
TAKEN_OVER_NOTICE = gettext_lazy("Another admissions counselor has taken over the chat.")
COUNSELOR_ENDED_NOTICE = gettext_lazy("The admissions counselor has ended the chat.")

logger = logging.getLogger(__name__)

STAFF_GROUP = "chat.staff"
PERMISSION = "chat.answer_chat"
VIEW_AUDIT_DEDUP_SECONDS = 60


class ChatActionError(Exception):
    """A staff action that does not apply to the conversation as it is now; the message is safe to show."""


def can_answer(user):
    """Admissions staff and superusers may answer chats and read transcripts."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def answerers():
    """Every active user who may answer chats (for the hand-over list)."""
    perm = Permission.objects.get(content_type__app_label="chat", codename="answer_chat")
    return (
        get_user_model()
        .objects.filter(Q(is_superuser=True) | Q(groups__permissions=perm) | Q(user_permissions=perm), is_active=True)
        .distinct()
        .order_by("first_name", "username")
    )


def staff_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


# --- events -----------------------------------------------------------------------------------


def message_payload(message):
    """What a socket or the polling endpoint sends for one message. `author` is stripped for visitors."""
    return {
        "id": message.pk,
        "conversation": message.conversation_id,
        "sender": message.sender,
        "text": message.text,
        "at": message.created_at.isoformat(),
        "author": staff_name(message.author) if message.sender == Message.Sender.STAFF else "",
    }


def visitor_payload(payload):
    return {key: value for key, value in payload.items() if key != "author"}


def message_event(message):
    return (message.conversation.group_name, {"type": "chat.message", "message": message_payload(message)})


def status_event(conversation):
    return (
        conversation.group_name,
        {"type": "chat.status", "conversation": conversation.pk, "status": conversation.status},
    )


def queue_event(conversation):
    """Tell every staff console that the queue changed; no text, only ids, states and counts."""
    return (
        STAFF_GROUP,
        {
            "type": "chat.queue",
            "conversation": conversation.pk,
            "status": conversation.status,
            "assigned_to": conversation.assigned_to_id,
            "waiting": waiting_count(),
        },
    )


async def apublish(events):
    """Send events through the channel layer; a Redis failure is logged (without content) and swallowed."""
    layer = get_channel_layer()
    for group, event in events:
        try:
            await layer.group_send(group, event)
        except Exception:
            logger.warning("Live chat: could not publish a %s event to the channel layer.", event["type"])


async def ajoin_group(layer, group, channel_name):
    """Join a layer group for a new socket; False when the layer's Redis is down, so the handshake is refused.

    A pooled connection that died with a Redis restart fails once before the pool reconnects, so one
    failure is retried: the first socket after Redis returns then connects too.
    """
    for attempt in (1, 2):
        try:
            await layer.group_add(group, channel_name)
            return True
        except Exception as exc:  # noqa: BLE001 — redis-py and channels-redis raise several kinds
            if attempt == 2:
                logger.warning("Live chat: the channel layer refused a new socket (%s).", type(exc).__name__)
    return False


async def aleave_group(layer, group, channel_name):
    """Leave a layer group on disconnect; with Redis down the membership simply expires there."""
    try:
        await layer.group_discard(group, channel_name)
    except Exception:  # noqa: BLE001
        logger.warning("Live chat: could not leave a channel-layer group.")


def publish(events):
    if events:
        async_to_sync(apublish)(events)


# --- visitor side -----------------------------------------------------------------------------


def new_token():
    return secrets.token_urlsafe(32)


def conversation_for_token(token):
    """The visitor's conversation; None for an unknown token or one closed longer than the grace period ago."""
    if not token or len(token) > 100:
        return None
    grace = timezone.now() - datetime.timedelta(seconds=settings.CHAT_CLOSED_TOKEN_GRACE_SECONDS)
    return (
        Conversation.objects.select_related("assigned_to")
        .filter(token_hash=hash_token(token))
        .exclude(status=Conversation.Status.CLOSED, closed_at__lt=grace)
        .first()
    )


@transaction.atomic
def start_conversation(first_message, asking_for="", topic="", source_page_id="", language=VisitorLanguage.ENGLISH):
    """Open a conversation with the visitor's first message; returns (conversation, token, events).
    `source_page_id`: the page they came from, already checked (chat/source.py); `language`: the chat page's."""
    text = clean_message(first_message)
    topic = clean_message(topic, max_length=200) if topic and topic.strip() else ""
    if asking_for not in Conversation.AskingFor.values:
        asking_for = ""
    token = new_token()
    conversation = Conversation.objects.create(
        token_hash=hash_token(token),
        asking_for=asking_for,
        topic=topic,
        source_page_id=source_page_id,
        language=VisitorLanguage(language),
    )
    message = Message.objects.create(conversation=conversation, sender=Message.Sender.VISITOR, text=text)
    return conversation, token, [message_event(message), queue_event(conversation)]


def add_notice(conversation, text):
    """A system line ("a counselor has joined"), stored in the language the visitor chats in."""
    with translation.override(conversation.language):
        return _add_message(conversation, Message.Sender.SYSTEM, str(text))


def save_and_announce(conversation, fields, notice, actor, action, detail=""):
    """Save the conversation's changed ``fields``, tell the visitor in a notice, record it in the audit trail.

    Every change of hands or end of a chat goes through here; returns the notice's message.
    """
    conversation.save(update_fields=fields)
    message = add_notice(conversation, notice)
    record(actor, action, target=conversation, detail=detail)
    return message


def _add_message(conversation, sender, text, author=None):
    message = Message.objects.create(conversation=conversation, sender=sender, text=text, author=author)
    Conversation.objects.filter(pk=conversation.pk).update(last_activity_at=message.created_at)
    return message


def visitor_message(conversation, raw):
    """Store a visitor's message; raises MessageRejected when it cannot be sent.

    The hot path of live chat, so it is one SQL statement in autocommit: one round trip and one commit
    instead of BEGIN, UPDATE, INSERT and COMMIT. The UPDATE bumps last_activity_at only while the
    conversation is open and the INSERT takes its row from the UPDATE, so a closed chat stores nothing.
    Values go through the fields' own preparation (the text is encrypted exactly as the ORM would).
    Message has no save signals; give it one and this must become Message.objects.create again.
    SQLite (`make run` without PostgreSQL) cannot UPDATE inside a WITH, so it takes the ORM route.
    """
    text = clean_message(raw)
    message = Message(conversation=conversation, sender=Message.Sender.VISITOR, text=text, created_at=timezone.now())
    connection = connections[Message.objects.db]
    if connection.vendor != "postgresql":
        return _visitor_message_orm(message)
    prepared = [
        Message._meta.get_field(name).get_db_prep_save(getattr(message, name), connection)
        for name in ("sender", "text", "created_at")
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH still_open AS (UPDATE {quote(Conversation._meta.db_table)} SET last_activity_at = %s"  # noqa: S608
            f" WHERE id = %s AND status <> %s RETURNING id)"
            f" INSERT INTO {quote(Message._meta.db_table)} (conversation_id, sender, text, created_at)"
            f" SELECT id, %s, %s, %s FROM still_open RETURNING id",
            [prepared[2], conversation.pk, Conversation.Status.CLOSED, *prepared],
        )
        row = cursor.fetchone()
    if row is None:
        raise MessageRejected("closed", ENDED)
    message.pk = row[0]
    return message, [message_event(message)]


@transaction.atomic
def _visitor_message_orm(message):
    still_open = (
        Conversation.objects.open().filter(pk=message.conversation_id).update(last_activity_at=message.created_at)
    )
    if not still_open:
        raise MessageRejected("closed", ENDED)
    message.save(force_insert=True)
    return message, [message_event(message)]


@transaction.atomic
def visitor_end(conversation):
    """The visitor ends the chat from their side."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if conversation.is_closed:
        return conversation, []
    conversation.status = Conversation.Status.CLOSED
    conversation.closed_at = timezone.now()
    message = save_and_announce(
        conversation,
        ["status", "closed_at"],
        VISITOR_ENDED_NOTICE,
        None,
        AuditEvent.Action.CLOSED,
        "ended by the visitor",
    )
    return conversation, [message_event(message), status_event(conversation), queue_event(conversation)]


def messages_after(conversation, after_id=0):
    return list(conversation.messages.select_related("author").filter(pk__gt=after_id))


# --- staff side -------------------------------------------------------------------------------


def _locked(conversation_id):
    try:
        return (
            Conversation.objects.select_for_update(of=("self",)).select_related("assigned_to").get(pk=conversation_id)
        )
    except Conversation.DoesNotExist:
        raise ChatActionError("That conversation no longer exists.") from None


def _require_assignee(conversation, user):
    if conversation.is_closed:
        raise ChatActionError("This conversation is closed.")
    if conversation.assigned_to_id != user.pk and not user.is_superuser:
        raise ChatActionError("Claim this conversation before replying; it is not assigned to you.")


@transaction.atomic
def claim(conversation_id, user):
    """A staff member takes a waiting conversation."""
    conversation = _locked(conversation_id)
    if conversation.status != Conversation.Status.WAITING:
        raise ChatActionError("Someone else has already claimed this conversation, or it is closed.")
    conversation.status = Conversation.Status.ACTIVE
    conversation.assigned_to = user
    conversation.claimed_at = timezone.now()
    message = save_and_announce(
        conversation, ["status", "assigned_to", "claimed_at"], JOINED_NOTICE, user, AuditEvent.Action.CLAIMED
    )
    return conversation, [message_event(message), status_event(conversation), queue_event(conversation)]


@transaction.atomic
def staff_reply(conversation_id, user, raw):
    """The assigned staff member answers; raises MessageRejected or ChatActionError."""
    text = clean_message(raw)
    conversation = _locked(conversation_id)
    _require_assignee(conversation, user)
    message = _add_message(conversation, Message.Sender.STAFF, text, author=user)
    return message, [message_event(message)]


@transaction.atomic
def hand_over(conversation_id, user, to_user_id):
    """Pass an active conversation to a colleague who can answer chats."""
    conversation = _locked(conversation_id)
    _require_assignee(conversation, user)
    colleague = answerers().filter(pk=to_user_id).first()
    if colleague is None or colleague.pk == conversation.assigned_to_id:
        raise ChatActionError("Choose a colleague who can answer live chat.")
    conversation.assigned_to = colleague
    conversation.status = Conversation.Status.ACTIVE
    message = save_and_announce(
        conversation,
        ["assigned_to", "status"],
        TAKEN_OVER_NOTICE,
        user,
        AuditEvent.Action.HANDED_OVER,
        f"to user #{colleague.pk}",
    )
    return conversation, [message_event(message), queue_event(conversation)]


@transaction.atomic
def close(conversation_id, user):
    """The assigned staff member (or a superuser) closes the conversation."""
    conversation = _locked(conversation_id)
    if conversation.status == Conversation.Status.WAITING and not user.is_superuser:
        raise ChatActionError("Claim this conversation before closing it.")
    _require_assignee(conversation, user)
    conversation.status = Conversation.Status.CLOSED
    conversation.closed_at = timezone.now()
    message = save_and_announce(
        conversation, ["status", "closed_at"], COUNSELOR_ENDED_NOTICE, user, AuditEvent.Action.CLOSED
    )
    return conversation, [message_event(message), status_event(conversation), queue_event(conversation)]


@transaction.atomic
def link_to_request(conversation_id, user, request_id):
    """Link a closed conversation to an intake request (both audit trails record it)."""
    from intake.models import VerificationRequest
    from intake.speed_to_lead import mark_first_contact

    conversation = _locked(conversation_id)
    if not conversation.is_closed:
        raise ChatActionError("Close the conversation before linking it to a request.")
    intake_request = VerificationRequest.objects.filter(pk=request_id).first() if request_id else None
    if intake_request is None:
        raise ChatActionError("There is no request with that number.")
    conversation.intake_request = intake_request
    conversation.save(update_fields=["intake_request"])
    record(user, AuditEvent.Action.LINKED, target=conversation, detail=f"to request #{intake_request.pk}")
    record(user, AuditEvent.Action.LINKED, target=intake_request, detail=f"chat #{conversation.pk}")
    mark_first_contact(intake_request)  # a linked chat is a contact: it stops the speed-to-lead clock
    return conversation, []


def record_view(user, conversation, via="console"):
    """Audit a staff member reading a transcript (once a minute per person and conversation)."""
    recent = AuditEvent.objects.for_object(conversation).filter(
        actor=user,
        action=AuditEvent.Action.VIEWED,
        at__gte=timezone.now() - datetime.timedelta(seconds=VIEW_AUDIT_DEDUP_SECONDS),
    )
    if not recent.exists():
        record(user, AuditEvent.Action.VIEWED, target=conversation, detail=f"transcript ({via})")


def watch(user, conversation_id):
    """The conversation a counselor opens in the live console; the opening is audited like a transcript read."""
    conversation = Conversation.objects.filter(pk=conversation_id).first()
    if conversation is None:
        raise ChatActionError("That conversation no longer exists.")
    record_view(user, conversation, via="live console")
    return conversation


def waiting_count():
    return Conversation.objects.waiting().count()


def purge_closed(days=None, now=None):
    """Delete conversations closed (or idle) longer than the retention period; returns how many."""
    days = settings.CHAT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old = Conversation.objects.filter(
        Q(status=Conversation.Status.CLOSED, closed_at__lt=cutoff) | Q(last_activity_at__lt=cutoff)
    )
    count = old.count()
    if count:
        old.delete()
        record(None, AuditEvent.Action.PURGED, detail=f"{count} chat conversations older than {days} days")
    return count
