"""The audit trail: append-only rows that name an actor, an action and a target, never personal data."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models


class AuditEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)).select_related(
            "actor"
        )

    def update(self, **kwargs):
        raise PermissionDenied("Audit events cannot be changed.")

    def delete(self):
        raise PermissionDenied("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One thing a person did to a confidential record. Rows are never edited or deleted by the app."""

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        CREATED = "created", "Created"
        STATUS_CHANGED = "status_changed", "Changed status"
        ASSIGNED = "assigned", "Changed assignment"
        NOTE_ADDED = "note_added", "Added a note"
        EXPORTED = "exported", "Exported"
        LINKED = "linked", "Linked records"
        CLAIMED = "claimed", "Claimed"
        HANDED_OVER = "handed_over", "Handed over"
        CLOSED = "closed", "Closed"
        PURGED = "purged", "Purged"
        KEYS_ROTATED = "keys_rotated", "Rotated keys"
        # 42 CFR Part 2 (intake/consent.py)
        DISCLOSED = "disclosed", "Recorded a disclosure"
        CONSENT_REVOKED = "consent_revoked", "Recorded a consent revocation"
        PRINTED = "printed", "Printed"
        CONTACT_ATTEMPTED = "contact_attempted", "Logged a contact attempt"
        ESCALATED = "escalated", "Escalated to Admissions"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=32, choices=Action.choices)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    detail = models.CharField(
        max_length=255, blank=True, help_text="Non-personal context, e.g. “status: new → covered” or “12 rows”."
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["target_type", "target_id", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} by {self.actor or 'system'} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit events cannot be deleted.")
