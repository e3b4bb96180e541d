"""Live-chat conversations between an anonymous visitor and admissions staff, stored encrypted."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.crypto import EncryptedCharField, EncryptedTextField
from treatment_site.languages import VisitorLanguage
from treatment_site.model_fields import optional_link


def hash_token(token):
    """The stored form of a visitor's cookie token (a 256-bit random value, so a plain SHA-256 suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ConversationQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Conversation.Status.CLOSED)

    def waiting(self):
        return self.filter(status=Conversation.Status.WAITING)


class Conversation(models.Model):
    """One chat with one visitor; the visitor is known only by a random token kept in their browser."""

    class Status(models.TextChoices):  # labels as Django derives them: "Waiting", "Active", "Closed"
        WAITING = "waiting"
        ACTIVE = "active"
        CLOSED = "closed"

    class AskingFor(models.TextChoices):
        MYSELF = "myself", _("Myself")
        SOMEONE_ELSE = "someone_else", _("Someone I care about")

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING, db_index=True)
    asking_for = EncryptedCharField(max_length=32, blank=True)
    topic = EncryptedCharField(max_length=200, blank=True)
    assigned_to = optional_link(settings.AUTH_USER_MODEL)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    intake_request = optional_link(
        "intake.VerificationRequest",
        related_name="chat_conversations",
        help_text="The insurance or callback request this chat led to, linked by staff when closing.",
    )
    # Encrypted like intake's: the article someone read before asking for help says what they use.
    source_page_id = EncryptedCharField(max_length=20, blank=True, help_text="The page the visitor came from.")
    # The language of the chat page the visitor started on (/es/chat/ is Spanish), so a Spanish-speaking
    # counselor answers (issue 16). Plain column, like intake's: the console filters on it.
    language = models.CharField(
        "visitor's language",
        max_length=8,
        choices=VisitorLanguage.choices,
        default=VisitorLanguage.ENGLISH,
        db_index=True,
    )

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()
        permissions = [("answer_chat", "Can answer live chat and read transcripts")]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """A short label for staff screens and the audit trail; never personal data."""
        return f"Chat {self.pk:05d}" if self.pk else "Chat (new)"

    @property
    def group_name(self):
        """The channel-layer group carrying this conversation's messages."""
        return f"chat.conv.{self.pk}"

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    def asking_for_label(self):
        return self.AskingFor(self.asking_for).label if self.asking_for in self.AskingFor.values else ""

    def source_page(self):
        from wagtail.models import Page

        from treatment_site.ids import parse_id

        pk = parse_id(self.source_page_id)
        return Page.objects.filter(pk=pk).first() if pk else None

    def waited_seconds(self, now=None):
        """How long the visitor waited: until a counselor claimed the chat, it closed, or now."""
        end = self.claimed_at or self.closed_at or now or timezone.now()
        return max(0, int((end - self.created_at).total_seconds()))


class Message(models.Model):
    """One line of a conversation; the text is encrypted at rest."""

    class Sender(models.TextChoices):
        VISITOR = "visitor", "Visitor"
        STAFF = "staff", "Staff"
        SYSTEM = "system", "System"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=16, choices=Sender.choices)
    author = optional_link(settings.AUTH_USER_MODEL)
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.get_sender_display()} message {self.pk} in {self.conversation}"


class StaffPresence(models.Model):
    """Whether a staff member has said they are available, and when their console last checked in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_presence")
    available = models.BooleanField(default=False)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"{self.user}: {'available' if self.available else 'away'}"


class CannedReply(models.Model):
    """A ready-made answer counselors insert into the reply box with one key (Alt+its number).

    Kept short and general ("our hours", "how insurance checks work"): never personal data. Edited by
    Admissions leads (chat/migrations: the group gets add/change/delete); every counselor can use them.
    """

    title = models.CharField(max_length=60, help_text="What counselors see in the list, e.g. “Insurance check”.")
    text = models.TextField(max_length=1000, help_text="The reply as the visitor will read it. Plain text.")
    sort_order = models.PositiveSmallIntegerField(
        default=1, help_text="Position in the console; the first nine are inserted with Alt+1 … Alt+9."
    )

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "canned reply"
        verbose_name_plural = "canned replies"

    def __str__(self):
        return self.title
