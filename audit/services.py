"""The one way the rest of the code writes to the audit trail."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEvent


def record(actor, action, target=None, detail=""):
    """Append an audit event. `detail` must never carry personal data: use ids, counts and states."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        detail=detail[:255],
    )
