"""Chat logic without sockets: text rules, claiming rules, chat hours, encryption at rest, audit, retention."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Site

from audit.models import AuditEvent
from chat import availability, services
from chat.models import Conversation, Message, StaffPresence
from chat.text import MessageRejected, clean_message
from pages.models import ContactSettings


def test_clean_message_strips_controls_and_limits_length():
    assert clean_message("  hi\x00 there\u202e\r\nbye ") == "hi there\nbye"
    with pytest.raises(MessageRejected) as exc:
        clean_message("x" * 2001)
    assert exc.value.code == "too_long" and "x" * 10 not in exc.value.message
    for bad in ("", "   \x07", None, 5, ["a"]):
        with pytest.raises(MessageRejected):
            clean_message(bad)


@pytest.mark.django_db
def test_message_text_and_first_line_are_encrypted_at_rest(conversation, admissions):
    conv, _ = conversation
    conv, _ = services.claim(conv.pk, admissions)
    services.staff_reply(conv.pk, admissions, "Secret reply about detox")
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM chat_message")
        stored = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT asking_for, topic FROM chat_conversation")
        first_line = cursor.fetchone()
    assert len(stored) == 3
    joined = " ".join(stored + list(first_line))
    for plaintext in ("Hello", "anyone", "Secret", "detox", "alcohol", "someone_else"):
        assert plaintext not in joined
    assert all(value.startswith("gAAAA") for value in stored + list(first_line))
    assert [m.text for m in Message.objects.filter(conversation=conv)][-1] == "Secret reply about detox"
    assert Conversation.objects.get(pk=conv.pk).topic == "alcohol"


def test_key_rotation_covers_chat_transcripts(conversation, settings):
    from cryptography.fernet import Fernet

    conv, _ = conversation
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_intake_keys", stdout=io.StringIO())
    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    assert Conversation.objects.get(pk=conv.pk).topic == "alcohol"
    assert all(message.text for message in Message.objects.filter(conversation=conv))
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM chat_message")
        tokens = [row[0] for row in cursor.fetchall()]
    assert tokens and all(Fernet(new_key.encode()).decrypt(token.encode()) for token in tokens)


@pytest.mark.django_db
def test_token_is_stored_only_as_a_hash(conversation):
    conv, token = conversation
    assert token not in conv.token_hash and len(token) >= 40
    assert services.conversation_for_token(token) == conv
    assert services.conversation_for_token(token[:-1] + "x") is None
    assert services.conversation_for_token("") is None


@pytest.mark.django_db
def test_claim_reply_hand_over_close_rules_and_audit(conversation, admissions, colleague, editor):
    conv, _ = conversation
    with pytest.raises(services.ChatActionError):
        services.staff_reply(conv.pk, admissions, "before claiming")
    services.claim(conv.pk, admissions)
    with pytest.raises(services.ChatActionError):
        services.claim(conv.pk, colleague)
    with pytest.raises(services.ChatActionError):
        services.hand_over(conv.pk, admissions, editor.pk)  # editors cannot answer chats
    with pytest.raises(services.ChatActionError):
        services.close(conv.pk, colleague)  # not theirs
    services.hand_over(conv.pk, admissions, colleague.pk)
    conv, _ = services.close(conv.pk, colleague)
    assert conv.status == Conversation.Status.CLOSED and conv.closed_at
    with pytest.raises(MessageRejected):
        services.visitor_message(conv, "still there?")
    events = AuditEvent.objects.for_object(conv)
    assert [(e.action, e.actor) for e in events.order_by("pk")] == [
        ("claimed", admissions),
        ("handed_over", admissions),
        ("closed", colleague),
    ]
    assert events.get(action="handed_over").detail == f"to user #{colleague.pk}"


@pytest.mark.django_db
def test_viewing_a_transcript_is_audited_once_a_minute(conversation, admissions):
    conv, _ = conversation
    services.record_view(admissions, conv)
    services.record_view(admissions, conv)
    assert AuditEvent.objects.for_object(conv).filter(action="viewed", actor=admissions).count() == 1


@pytest.mark.django_db
def test_presence_needs_a_recent_heartbeat(admissions):
    availability.set_available(admissions, True)
    assert list(availability.available_staff()) == [admissions]
    StaffPresence.objects.filter(user=admissions).update(last_seen_at=timezone.now() - datetime.timedelta(seconds=121))
    assert not availability.available_staff().exists()
    availability.heartbeat(admissions)
    assert availability.available_staff().exists()
    availability.set_available(admissions, False)
    assert not availability.available_staff().exists()


@pytest.mark.django_db
def test_chat_hours_including_overnight(home):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    at = lambda hour: timezone.make_aware(datetime.datetime(2026, 3, 2, hour, 30))  # noqa: E731
    assert availability.within_chat_hours(contact, at(3))  # both empty: 24/7
    contact.chat_opens_at, contact.chat_closes_at = datetime.time(8), datetime.time(20)
    assert availability.within_chat_hours(contact, at(9)) and not availability.within_chat_hours(contact, at(21))
    contact.chat_opens_at, contact.chat_closes_at = datetime.time(20), datetime.time(8)
    assert availability.within_chat_hours(contact, at(23)) and availability.within_chat_hours(contact, at(2))
    assert not availability.within_chat_hours(contact, at(12))


@pytest.mark.django_db
def test_purge_deletes_only_old_closed_or_abandoned_conversations(admissions):
    old_closed, _, _ = services.start_conversation("old")
    recent_closed, _, _ = services.start_conversation("recent")
    abandoned, _, _ = services.start_conversation("abandoned")
    still_open, _, _ = services.start_conversation("open")
    long_ago = timezone.now() - datetime.timedelta(days=91)
    for conv in (old_closed, recent_closed):
        services.visitor_end(conv)
    Conversation.objects.filter(pk=old_closed.pk).update(closed_at=long_ago, last_activity_at=long_ago)
    Conversation.objects.filter(pk=abandoned.pk).update(last_activity_at=long_ago)

    call_command("purge_chat", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert set(Conversation.objects.values_list("pk", flat=True)) == {recent_closed.pk, still_open.pk}
    assert not Message.objects.filter(conversation_id__in=[old_closed.pk, abandoned.pk]).exists()
    purge = AuditEvent.objects.get(action="purged")
    assert purge.detail == "2 chat conversations older than 90 days"


@pytest.mark.django_db
def test_purge_reads_the_retention_setting_unless_given_days(admissions, settings):
    idle, _, _ = services.start_conversation("idle")
    Conversation.objects.filter(pk=idle.pk).update(last_activity_at=timezone.now() - datetime.timedelta(days=40))
    settings.CHAT_RETENTION_DAYS = 30
    assert services.purge_closed(days=60) == 0
    assert services.purge_closed() == 1
    assert AuditEvent.objects.get(action="purged").detail == "1 chat conversations older than 30 days"


@pytest.mark.django_db
def test_admissions_group_has_the_chat_permission(admissions, editor):
    assert services.can_answer(admissions)
    assert not services.can_answer(editor)
    assert admissions in services.answerers() and editor not in services.answerers()


@pytest.mark.django_db
def test_a_visitor_message_is_stored_encrypted_and_refused_once_the_chat_closed(conversation, admissions):
    """visitor_message is one SQL statement on PostgreSQL: it must still encrypt, bump activity and refuse."""
    conv, _ = conversation
    Conversation.objects.filter(pk=conv.pk).update(last_activity_at=timezone.now() - datetime.timedelta(hours=1))
    message, events = services.visitor_message(conv, "  Is the detox unit open tonight? ")
    stored = Message.objects.get(pk=message.pk)
    assert (stored.text, stored.sender, stored.author, stored.conversation_id) == (
        "Is the detox unit open tonight?",
        Message.Sender.VISITOR,
        None,
        conv.pk,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM chat_message WHERE id = %s", [message.pk])
        assert "detox" not in cursor.fetchone()[0]
    conv.refresh_from_db()
    assert abs((conv.last_activity_at - stored.created_at).total_seconds()) < 1
    assert events == [(conv.group_name, {"type": "chat.message", "message": services.message_payload(stored)})]
    services.claim(conv.pk, admissions)
    services.close(conv.pk, admissions)
    count = Message.objects.count()
    with pytest.raises(MessageRejected) as exc:
        services.visitor_message(conv, "hello?")
    assert exc.value.code == "closed" and Message.objects.count() == count
