"""Whether a staff console socket may still exist, and telling a user's open sockets to close.

A WebSocket is authorised once, at the handshake, from a copy of the session. Everything that can
take the right away later (sign-out, a password change, deactivation, leaving Admissions, the idle
or absolute session limit, a lost second factor) is re-checked against the session store and the
database on every frame the console sends and every event pushed to it, and the changes we can see
happen also send "close" to the user's own group so idle sockets go at once.
"""

import logging
from importlib import import_module

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model, user_logged_out
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.crypto import constant_time_compare

from accounts.session_limits import idle_seconds_left as session_idle_seconds_left
from accounts.session_limits import session_timed_out, touch_session
from accounts.two_factor import session_passed_second_factor

from . import services

logger = logging.getLogger(__name__)

REVOKE_EVENT = {"type": "staff.revoke"}


def user_group(user_id):
    """The channel-layer group holding every staff console socket of one user."""
    return f"chat.staff-user.{int(user_id)}"


def _load_session(session_key):
    """A fresh copy of the session from the store, or None if it was deleted or has expired."""
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    data = store.load()
    return store if data else None


def still_allowed(user_id, session_key):
    """True while the session behind a staff socket still grants live chat (queries afresh every time)."""
    session = _load_session(session_key)
    if session is None or session.get(SESSION_KEY) != str(user_id) or session_timed_out(session):
        return False
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not services.can_answer(user):
        return False
    # A password change rotates the hash Django keeps in the session; an old session no longer matches.
    stored_hash = session.get(HASH_SESSION_KEY) or ""
    if not constant_time_compare(stored_hash, user.get_session_auth_hash()):
        return False
    if session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return False
    return session_passed_second_factor(user, session)


def record_activity(session_key):
    """The console's heartbeat while the counselor is active keeps the staff session from going idle."""
    session = _load_session(session_key)
    if session is not None:
        touch_session(session, force=True)
        session.save()


def revoke(user_ids):
    """After the current transaction commits, close every staff console socket of these users."""
    user_ids = sorted({int(pk) for pk in user_ids if pk is not None})
    if user_ids:
        transaction.on_commit(lambda: _send_revoke(user_ids))


def _send_revoke(user_ids):
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        for user_id in user_ids:
            async_to_sync(layer.group_send)(user_group(user_id), REVOKE_EVENT)
    except Exception:  # the per-frame and per-event checks still refuse the socket
        logger.warning("Live chat: could not send a socket-close notice through the channel layer.")


# --- what takes the right away ------------------------------------------------------------------


def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        revoke([user.pk])


def _remember_old_state(sender, instance, **kwargs):
    if instance.pk:
        instance._staff_access_before = (
            sender.objects.filter(pk=instance.pk).values_list("password", "is_active", "is_superuser").first()
        )


def _on_user_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_staff_access_before", None)
    if before is not None and before != (instance.password, instance.is_active, instance.is_superuser):
        revoke([instance.pk])


def _on_user_deleted(sender, instance, **kwargs):
    revoke([instance.pk])


def _on_membership_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A user's groups or own permissions changed (from either side of the relation)."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not reverse:  # user.groups.add(...) / user.user_permissions.remove(...)
        revoke([instance.pk])
    elif action == "pre_clear":  # group.user_set.clear(): pk_set is empty, so read the members first
        revoke(instance.user_set.values_list("pk", flat=True))
    else:  # group.user_set.add(user, ...)
        revoke(pk_set or [])


def _on_group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    groups = [instance] if not reverse else Group.objects.filter(pk__in=pk_set or [])
    revoke(get_user_model().objects.filter(groups__in=groups).values_list("pk", flat=True))


def connect_signals():
    user_model = get_user_model()
    user_logged_out.connect(_on_logout, dispatch_uid="chat_staff_access_logout")
    pre_save.connect(_remember_old_state, sender=user_model, dispatch_uid="chat_staff_access_pre_save")
    post_save.connect(_on_user_saved, sender=user_model, dispatch_uid="chat_staff_access_post_save")
    post_delete.connect(_on_user_deleted, sender=user_model, dispatch_uid="chat_staff_access_delete")
    m2m_changed.connect(_on_membership_changed, sender=user_model.groups.through, dispatch_uid="chat_staff_groups")
    m2m_changed.connect(
        _on_membership_changed, sender=user_model.user_permissions.through, dispatch_uid="chat_staff_perms"
    )
    m2m_changed.connect(
        _on_group_permissions_changed, sender=Group.permissions.through, dispatch_uid="chat_staff_group_perms"
    )


def idle_seconds_left(session_key):
    """For the console's warning: seconds until the session would be signed out for inactivity."""
    session = _load_session(session_key)
    return session_idle_seconds_left(session) if session is not None else 0
