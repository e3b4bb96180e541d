"""42 CFR Part 2 consent (§2.31), its revocation, and the accounting of disclosures (§2.25).

A visitor who asks us to check their insurance is an applicant for substance-use treatment: we may
tell their insurer anything only with a written consent that holds every §2.31 element. The wording
lives in ConsentVersion (edited by superusers only, frozen once anyone signed it); each signature is
a SignedConsent row that keeps the exact version, the typed signature, the time and a SHA-256 of
the text the person was shown. Staff record each disclosure (Disclosure) so the patient can be given
an accounting, and record a revocation (ConsentRevocation), after which disclosures are refused.

The models are imported by intake/models.py so Django registers them with the intake app.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.crypto import EncryptedCharField, EncryptedTextField

#: §2.32(a)(1): the notice that must accompany every disclosure made with the patient's consent.
REDISCLOSURE_NOTICE = (
    "This record which has been disclosed to you is protected by federal confidentiality rules "
    "(42 CFR part 2). These rules prohibit you from using or disclosing this record, or testimony that "
    "describes the information contained in this record, in any civil, criminal, administrative, or "
    "legislative proceedings by any Federal, State, or local authority, against the patient, unless "
    "authorized by the consent of the patient, except as provided at 42 CFR 2.12(c)(5) or as authorized "
    "by a court in accordance with 42 CFR 2.64 or 2.65. In addition, the federal rules prohibit you from "
    "making any other use or disclosure of this record unless at least one of the following applies: "
    "(A) further use or disclosure is expressly permitted by the written consent of the individual whose "
    "information is being disclosed in this record or as otherwise permitted by 42 CFR part 2; (B) you are "
    "a covered entity or business associate and have received the record for treatment, payment, or health "
    "care operations; or (C) you have received the record from a covered entity or business associate as "
    "permitted by 45 CFR part 164, subparts A and E. A general authorization for the release of medical or "
    "other information is NOT sufficient to meet the required elements of written consent to further use or "
    "redisclose the record (see 42 CFR 2.31)."
)


def normalise_name(value):
    """Compare typed names without caring about case or extra spaces."""
    return " ".join((value or "").split()).casefold()


class ConsentVersion(models.Model):
    """One wording of the Part 2 consent. Only superusers edit it; a version someone signed never changes."""

    label = models.CharField(max_length=40, unique=True, help_text="e.g. “2026-02 v1”. Shown on every signed copy.")
    program_name = models.CharField(
        max_length=200, help_text="Who may disclose: the program's legal name, e.g. “Harbor Light Recovery”."
    )
    information = models.TextField(
        help_text="What may be disclosed, described specifically (the form's details and that the person "
        "is seeking substance-use treatment)."
    )
    clearinghouse = models.CharField(
        max_length=200, blank=True, help_text="A clearinghouse we send eligibility checks through, if any."
    )
    purpose = models.TextField(help_text="Why: to verify coverage at the patient's request.")
    revocation = models.TextField(help_text="The right to revoke in writing, and exactly how (address, e-mail).")
    expiry_days = models.PositiveSmallIntegerField(
        default=90, help_text="The consent ends this many days after signing, or earlier (see the next field)."
    )
    expiry_event = models.CharField(
        max_length=200, default="when the insurance verification ends", help_text="The earlier expiry event."
    )
    no_conditioning = models.TextField(help_text="That treatment is not conditioned on signing.")
    redisclosure = models.TextField(default=REDISCLOSURE_NOTICE, help_text="The §2.32 notice against redisclosure.")

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    # The form in each language shows that language's current version; the signed record keeps which one.
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text="The language of this wording: the English form shows the current English version, the "
        "Spanish form the current Spanish one.",
    )
    is_current = models.BooleanField(
        default=False,
        help_text="The version the public form in this language shows. Saving one as current retires the "
        "others of the same language.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    FROZEN_FIELDS = [
        "label",
        "program_name",
        "information",
        "clearinghouse",
        "purpose",
        "revocation",
        "expiry_days",
        "expiry_event",
        "no_conditioning",
        "redisclosure",
        "language",
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "Part 2 consent version"
        # Superusers only (consent_admin.SuperuserOnlyPolicy): no permission a group could be given.
        default_permissions = ()

    def __str__(self):
        return f"Consent {self.label}"

    def save(self, *args, **kwargs):
        self.clean()
        super().save(*args, **kwargs)
        if self.is_current:
            ConsentVersion.objects.exclude(pk=self.pk).filter(is_current=True, language=self.language).update(
                is_current=False
            )

    def delete(self, *args, **kwargs):
        if self.is_used():
            raise ValidationError("People have signed this version; it is kept as their record.")
        return super().delete(*args, **kwargs)

    @classmethod
    def current(cls, language=Language.ENGLISH):
        """The current version in a language; the English one where that language has none yet."""
        versions = cls.objects.filter(is_current=True).order_by("-created_at", "-pk")
        return versions.filter(language=language).first() or versions.filter(language=cls.Language.ENGLISH).first()

    def is_used(self):
        return self.pk is not None and self.signatures.exists()

    def clean(self):
        if self.is_used():
            stored = ConsentVersion.objects.get(pk=self.pk)
            if any(getattr(stored, name) != getattr(self, name) for name in self.FROZEN_FIELDS):
                raise ValidationError(
                    "People have signed this version, so its wording cannot change. Add a new version instead."
                )

    def expiry_text(self):
        if self.language == self.Language.SPANISH:
            return f"{self.expiry_days} días después de que lo firme o {self.expiry_event}, lo que ocurra primero"
        return f"{self.expiry_days} days after I sign it or {self.expiry_event}, whichever comes first"

    def render_text(self, patient_name=None, recipient=None):
        """The consent as plain text, in the version's own language (its own template, not the .po file, so a
        catalogue edit can never change a signed text). Without names it is exactly what the public form shows."""
        suffix = "" if self.language == self.Language.ENGLISH else f".{self.language}"
        return render_to_string(
            f"intake/consent/consent_text{suffix}.txt",
            {"version": self, "patient_name": patient_name, "recipient": recipient},
        ).strip()

    def text_hash(self):
        return hashlib.sha256(self.render_text().encode()).hexdigest()


class SignedConsent(models.Model):
    """A person's electronic signature on one ConsentVersion for one request; never edited afterwards."""

    class Signer(models.TextChoices):
        PATIENT = "patient", "The patient"
        REPRESENTATIVE = "representative", "A representative with authority to consent"
        NONE = "none", "No consent yet (callback only)"

    class Authority(models.TextChoices):
        PARENT = "parent", _("Parent or legal guardian of a patient under 18")
        GUARDIAN = "guardian", _("Court-appointed guardian")
        POA = "poa", _("Health-care power of attorney or personal representative")
        NONE = "none", _("None of these: the patient will consent themselves")

    request = models.OneToOneField("intake.VerificationRequest", on_delete=models.CASCADE, related_name="part2")
    version = models.ForeignKey(ConsentVersion, on_delete=models.PROTECT, related_name="signatures")
    text_hash = models.CharField(max_length=64, help_text="SHA-256 of the consent text the person was shown.")
    signer = models.CharField(max_length=16, choices=Signer.choices)
    authority = models.CharField(max_length=16, choices=Authority.choices, blank=True)
    # Encrypted like the request: they name the patient, a family member and an insurer.
    patient_name = EncryptedCharField(max_length=120)
    signature = EncryptedCharField(max_length=120, blank=True, help_text="The full name typed as a signature.")
    relationship = EncryptedCharField(max_length=80, blank=True)
    recipient = EncryptedCharField(max_length=200, help_text="The insurer or health plan named on the form.")
    signed_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"Part 2 consent for request #{self.request_id}"

    @classmethod
    def sign(cls, request, version, *, signer, signature, authority="", relationship="", recipient, now=None):
        """Create the signed record; the expiry is counted from the signing date."""
        now = now or timezone.now()
        signed = signer != cls.Signer.NONE
        return cls.objects.create(
            request=request,
            version=version,
            text_hash=version.text_hash(),
            signer=signer,
            authority=authority,
            patient_name=request.full_name,
            signature=signature if signed else "",
            relationship=relationship,
            recipient=recipient,
            signed_at=now if signed else None,
            expires_on=(timezone.localdate(now) + datetime.timedelta(days=version.expiry_days)) if signed else None,
        )

    def rendered_text(self):
        return self.version.render_text(patient_name=self.patient_name, recipient=self.recipient)

    def text_matches(self):
        """True while the stored hash still matches the version's wording (it always should)."""
        return self.text_hash == self.version.text_hash()

    def revocation_or_none(self):
        return getattr(self, "revocation", None)

    def disclosure_block_reason(self, today=None):
        """Why staff may not disclose to the insurer now, or "" when they may."""
        today = today or timezone.localdate()
        if self.signer == self.Signer.NONE:
            return (
                "The person asked on someone else's behalf without authority to consent. Callback only: "
                "disclose nothing to the insurer until the patient signs a consent."
            )
        revocation = self.revocation_or_none()
        if revocation is not None:
            return f"The consent was revoked on {revocation.revoked_on:%B %-d, %Y} ({revocation.get_received_via_display().lower()})."
        if self.expires_on and today > self.expires_on:
            return f"The consent expired on {self.expires_on:%B %-d, %Y}."
        if self.request.status == self.request.Status.CLOSED:
            return "The verification has ended (the request is closed), so the consent has expired."
        return ""


def disclosure_block_reason(request):
    """The reason for a request, including requests made before the Part 2 consent existed."""
    consent = getattr(request, "part2", None) if request.pk else None
    if consent is None:
        return "This request has no Part 2 consent on file. Disclose nothing until the patient signs one."
    return consent.disclosure_block_reason()


class ConsentRevocation(models.Model):
    """The patient revoked their consent; from then on staff may record no further disclosure."""

    class ReceivedVia(models.TextChoices):
        WRITING = "writing", "In writing (letter)"
        EMAIL = "email", "By e-mail"
        PORTAL = "form", "Signed revocation form"
        ORAL = "oral", "Orally (written down by staff)"

    consent = models.OneToOneField(SignedConsent, on_delete=models.CASCADE, related_name="revocation")
    revoked_on = models.DateField()
    received_via = models.CharField(max_length=10, choices=ReceivedVia.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return f"Revocation of consent for request #{self.consent.request_id}"


class Disclosure(models.Model):
    """One disclosure staff made under the consent, kept for the patient's accounting (§2.25)."""

    class Method(models.TextChoices):
        PHONE = "phone", "By phone"
        PORTAL = "portal", "Through the insurer's portal"
        CLEARINGHOUSE = "clearinghouse", "Through the clearinghouse"
        FAX = "fax", "By fax"

    request = models.ForeignKey("intake.VerificationRequest", on_delete=models.CASCADE, related_name="disclosures")
    recipient = EncryptedCharField(max_length=200, help_text="Who received it, e.g. “Aetna”.")
    disclosed_on = models.DateField(default=timezone.localdate)
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.PHONE)
    information = EncryptedTextField(help_text="What was disclosed, e.g. “name, date of birth, member ID”.")
    purpose = EncryptedCharField(max_length=200, default="Eligibility and benefits verification")
    disclosed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["disclosed_on", "recorded_at", "pk"]
        default_permissions = ()

    def __str__(self):
        return f"Disclosure #{self.pk} on request #{self.request_id}"
