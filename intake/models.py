"""Confidential requests from the public and the notes staff keep on them.

Everything that identifies a person, their insurance or their substance use is stored
encrypted (privacy/crypto.py). Look-ups go through keyed hashes, never plaintext.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.crypto import EncryptedCharField, EncryptedDateField, EncryptedTextField, keyed_hash
from treatment_site.ids import parse_id
from treatment_site.languages import VisitorLanguage
from treatment_site.model_fields import optional_link

# Shown in the visitor's language and stored as they saw it (services.create_request).
CONSENT_TEXT = _(
    "Yes, Harbor Light Recovery may contact me about this request in the way I chose. "
    "I understand this is confidential, free, and does not commit me to treatment."
)


def split_ids(text):
    """Turn a stored "12,34" into [12, 34], ignoring anything that is not a number."""
    return [pk for pk in (parse_id(part) for part in (text or "").split(",")) if pk is not None]


class InsuranceProvider(models.Model):
    """An insurer the admissions team works with; inactive ones vanish from the public form.

    Owned by Admissions: they keep the list and each insurer's network status (a snippet under the
    "Admissions" menu, see intake/wagtail_hooks.py). The public insurance form offers the active ones
    (intake/providers.py) and the trust pages list their network status as it is.
    """

    class NetworkStatus(models.TextChoices):
        IN_NETWORK = "in_network", "In network"
        OUT_OF_NETWORK = "out_of_network", "Out of network (we may still be able to work with your plan)"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    name = models.CharField(max_length=120, unique=True)
    active = models.BooleanField(default=True, help_text="Only active providers are offered on the public form.")
    sort_order = models.PositiveSmallIntegerField(default=100)
    # The public insurance page lists it as it is: never "in network" by default.
    network_status = models.CharField(
        max_length=16, choices=NetworkStatus.choices, default=NetworkStatus.OUT_OF_NETWORK
    )

    panels = ["name", "active", "network_status", "sort_order"]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class VerificationRequest(models.Model):
    """An insurance check or a callback request from a visitor, reviewed by admissions staff."""

    class Kind(models.TextChoices):
        INSURANCE = "insurance", "Insurance check"
        CALLBACK = "callback", "Callback"

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_REVIEW = "in_review", "In review"
        COVERED = "covered", "Covered"
        NOT_COVERED = "not_covered", "Not covered"
        NEEDS_INFORMATION = "needs_information", "Needs information"
        CLOSED = "closed", "Closed"

    class ContactMethod(models.TextChoices):
        """How the visitor wants to be reached, and how staff reached them (ContactAttempt.channel)."""

        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("E-mail")

    class ContactTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning (8am–12pm)")
        AFTERNOON = "afternoon", _("Afternoon (12pm–5pm)")
        EVENING = "evening", _("Evening (5pm–8pm)")

    Language = VisitorLanguage  # one home for the choices: the chat records the same (treatment_site/languages.py)

    class Patient(models.TextChoices):
        SELF = "self", _("Me")
        OTHER = "other", _("Someone else")

    # Workflow: plain columns so staff can filter and sort.
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.INSURANCE, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = optional_link(settings.AUTH_USER_MODEL, related_name="assigned_verification_requests")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When the request was last closed.")
    provider = optional_link(InsuranceProvider)

    # The language of the form the visitor sent (its URL prefix), so a Spanish speaker gets a Spanish-speaking
    # counselor (issue 16). Plain column: the queue filters on it.
    language = models.CharField(
        "visitor's language", max_length=8, choices=Language.choices, default=Language.ENGLISH, db_index=True
    )

    # Contact preferences: not identifying on their own.
    contact_method = models.CharField(max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE)
    contact_time = models.CharField(max_length=10, choices=ContactTime.choices, default=ContactTime.ANY)
    voicemail_ok = models.BooleanField("voicemail OK", default=False)
    patient = models.CharField("who needs treatment", max_length=8, choices=Patient.choices, default=Patient.SELF)
    holder_is_patient = models.BooleanField("policy holder is the patient", default=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_text = models.TextField(blank=True, help_text="The consent statement the visitor agreed to.")
    # The admissions e-mail (intake/tasks.py): set once it was sent, so a task run twice sends it once;
    # notification_failed_at flags a request whose e-mail gave up, on the dashboard and in the queue filter.
    notified_at = models.DateTimeField("admissions notified at", null=True, blank=True, editable=False)
    notification_failed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Personal, insurance and health details: encrypted at rest.
    full_name = EncryptedCharField(max_length=120, help_text="Full name, or first name/initials for callbacks.")
    date_of_birth = EncryptedDateField(null=True, blank=True)
    phone = EncryptedCharField(max_length=32, help_text="E.164 form, e.g. +15551234567.")
    email = EncryptedCharField("e-mail", max_length=254, blank=True)
    relationship = EncryptedCharField("relationship to the patient", max_length=80, blank=True)
    provider_other = EncryptedCharField("other insurance provider", max_length=120, blank=True)
    member_id = EncryptedCharField("member ID", max_length=40, blank=True)
    group_number = EncryptedCharField(max_length=40, blank=True)
    holder_name = EncryptedCharField("policy holder name", max_length=120, blank=True)
    holder_date_of_birth = EncryptedDateField("policy holder date of birth", null=True, blank=True)
    substance_ids = EncryptedCharField(max_length=255, blank=True, help_text="Drug-library page ids, comma-separated.")
    substance_other = EncryptedCharField("other substance", max_length=120, blank=True)
    source_page_id = EncryptedCharField(max_length=20, blank=True, help_text="The page the visitor came from.")

    # Speed to lead (intake/speed_to_lead.py): set when the request is stored, stopped at first contact.
    visitor_time_zone = models.CharField(
        max_length=64, blank=True, help_text="The visitor's IANA time zone, from their browser; empty = the site's."
    )
    target_at = models.DateTimeField(null=True, blank=True, db_index=True, help_text="First contact due by.")
    due_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Call due: the visitor's preferred window, else the target."
    )
    first_contact_at = models.DateTimeField(null=True, blank=True, db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True, help_text="When Admissions was warned (once).")

    # Keyed hashes (HMAC) for search and duplicate detection without plaintext.
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    identity_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    # Never list requests on an insurer's or a user's "usage" page in the admin.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "insurance request"
        verbose_name_plural = "insurance requests"
        permissions = [("export_verificationrequest", "Can export insurance requests")]

    def __str__(self):
        return f"Request #{self.pk}" if self.pk else "New request"

    def save(self, *args, **kwargs):
        self.refresh_hashes()
        if self.target_at is None:
            self.set_clock()
        if self.status == self.Status.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "closed_at", "updated_at"}
        super().save(*args, **kwargs)

    def set_clock(self):
        """Compute the first-contact target and the due time from the arrival time and preferences."""
        from . import speed_to_lead

        self.target_at = speed_to_lead.target_for(self.created_at)
        callback = speed_to_lead.callback_due_for(self.created_at, self.contact_time, self.visitor_time_zone)
        self.due_at = callback or self.target_at

    def clock(self):
        from .speed_to_lead import clock

        return clock(self)

    def visitor_zone(self):
        from .speed_to_lead import visitor_zone

        return visitor_zone(self.visitor_time_zone)

    def callback_window_local(self):
        """The preferred window as the visitor reads it, e.g. "5pm–8pm America/Los_Angeles", or ""."""
        from .speed_to_lead import CONTACT_WINDOWS

        window = CONTACT_WINDOWS.get(self.contact_time)
        if not window:
            return ""

        def hour(h):
            return f"{h % 12 or 12}{'am' if h < 12 else 'pm'}"

        return f"{hour(window[0])}–{hour(window[1])} {self.visitor_zone().key}"

    def due_in_visitor_zone(self):
        return timezone.localtime(self.due_at, self.visitor_zone()) if self.due_at else None

    def refresh_hashes(self):
        """Recompute the keyed hashes from the (plaintext, in memory) phone, e-mail and date of birth."""
        self.phone_hash = keyed_hash(self.phone) if self.phone else ""
        self.email_hash = keyed_hash(self.email) if self.email else ""
        if self.phone and self.date_of_birth:
            self.identity_hash = keyed_hash(f"{self.phone}|{self.date_of_birth.isoformat()}")
        else:
            self.identity_hash = ""

    def possible_duplicates(self):
        """Other requests with the same phone, or the same phone and date of birth, oldest first."""
        query = models.Q()
        if self.phone_hash:
            query |= models.Q(phone_hash=self.phone_hash)
        if self.identity_hash:
            query |= models.Q(identity_hash=self.identity_hash)
        if not query:
            return VerificationRequest.objects.none()
        return VerificationRequest.objects.filter(query).exclude(pk=self.pk).order_by("pk").only("pk")

    @property
    def phone_display(self):
        """The phone number as staff dial it: national format for US numbers, international otherwise."""
        import phonenumbers

        try:
            number = phonenumbers.parse(self.phone, None)
        except phonenumbers.NumberParseException:
            return self.phone
        style = phonenumbers.PhoneNumberFormat
        return phonenumbers.format_number(number, style.NATIONAL if number.country_code == 1 else style.INTERNATIONAL)

    @property
    def provider_display(self):
        if self.provider_id:
            return str(self.provider)
        return f"Other: {self.provider_other}" if self.provider_other else "—"

    def substances(self):
        """The drug-library pages the visitor picked (deleted pages simply drop out)."""
        from pages.models import DrugPage

        return list(DrugPage.objects.filter(pk__in=split_ids(self.substance_ids)).order_by("title"))

    # Export helpers: one plain value per on-screen field (see VerificationRequestViewSet.list_export).
    def source_page_title(self):
        page = self.source_page()
        return page.title if page else ""

    def visitor_time_zone_display(self):
        return self.visitor_time_zone or f"{self.visitor_zone().key} (site default)"

    def holder_display(self):
        return "The patient" if self.holder_is_patient else self.holder_name

    def substances_display(self):
        names = [page.title for page in self.substances()]
        if self.substance_other:
            names.append(f"other: {self.substance_other}")
        return "; ".join(names)

    def notes_count(self):
        return self.notes_total if hasattr(self, "notes_total") else self.notes.count()

    def contact_attempt_count(self):
        return self.attempts_total if hasattr(self, "attempts_total") else self.contact_attempts.count()

    def source_page(self):
        from wagtail.models import Page

        ids = split_ids(self.source_page_id)
        return Page.objects.filter(pk=ids[0]).first() if ids else None


class StaffNote(models.Model):
    """A note an admissions staff member adds to a request; its text is encrypted like the request."""

    request = models.ForeignKey(VerificationRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    text = EncryptedTextField()

    class Meta:
        ordering = ["created_at", "pk"]
        default_permissions = ()

    def __str__(self):
        return f"Note #{self.pk} on request #{self.request_id}"


# The Part 2 consent, its revocation and the accounting of disclosures (intake/consent.py).

from .consent import ConsentRevocation, ConsentVersion, Disclosure, SignedConsent  # noqa: E402, F401


class ContactAttempt(models.Model):
    """One call, text or e-mail staff made to the visitor, logged in one click; the first one stops the clock.

    Holds no personal data (channel and outcome only), so it is stored in plain columns for the dashboard.
    """

    class Outcome(models.TextChoices):
        REACHED = "reached", "Reached"
        VOICEMAIL = "voicemail", "Left voicemail"
        NO_ANSWER = "no_answer", "No answer"
        WRONG_NUMBER = "wrong_number", "Wrong number"

    request = models.ForeignKey(VerificationRequest, on_delete=models.CASCADE, related_name="contact_attempts")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # The same choices as the visitor's preferred method, so staff's default is the visitor's choice.
    channel = models.CharField(max_length=8, choices=VerificationRequest.ContactMethod.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        default_permissions = ()

    def __str__(self):
        return f"{self.get_channel_display()} ({self.get_outcome_display()}) on request #{self.request_id}"
