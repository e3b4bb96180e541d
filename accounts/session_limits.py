"""Staff sessions end after a spell without activity and, whatever happens, after an absolute cap.

Django's own expiry is one number per session; staff need two: an idle timeout (a counselor who walks
away from an unlocked screen) and a maximum age (a stolen cookie must not live for days). Both are
kept as timestamps inside the session, so the HTTP middleware and the chat sockets read the same ones.
The session cookie itself ends when the browser closes (SESSION_EXPIRE_AT_BROWSER_CLOSE).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect

SIGNED_IN_AT = "staff_signed_in_at"
LAST_ACTIVE_AT = "staff_last_active_at"
# Requests the page makes on its own (polling, queue refresh) say so, and do not count as activity.
BACKGROUND_HEADER = "X-Staff-Background"
# Write the activity time at most this often, so browsing the admin does not save the session every click.
TOUCH_EVERY_SECONDS = 30
LOGIN_PATH = "/admin/login/"
STAFF_PATHS = ("/admin/", "/account/")


def idle_seconds_left(session, now=None):
    """Seconds until this session's idle timeout (negative once passed)."""
    now = time.time() if now is None else now
    last = session.get(LAST_ACTIVE_AT)
    if last is None:
        return -1
    return int(last + settings.STAFF_SESSION_IDLE_SECONDS - now)


def session_timed_out(session, now=None):
    """True once a signed-in session has been idle too long or has reached the absolute cap.

    A signed-in session without our timestamps (made before this code existed) counts as timed out.
    """
    now = time.time() if now is None else now
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is None or now - signed_in >= settings.STAFF_SESSION_MAX_SECONDS:
        return True
    return idle_seconds_left(session, now) <= 0


def touch_session(session, *, force=False, now=None):
    """Record activity now (only every TOUCH_EVERY_SECONDS unless forced)."""
    now = time.time() if now is None else now
    if force or now - session.get(LAST_ACTIVE_AT, 0) >= TOUCH_EVERY_SECONDS:
        session[LAST_ACTIVE_AT] = int(now)


def start_staff_session(sender, request, user, **kwargs):
    """On every sign-in: the absolute cap and the idle clock start now."""
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVE_AT] = now


user_logged_in.connect(start_staff_session, dispatch_uid="accounts_start_staff_session")


class StaffSessionLimitMiddleware:
    """Sign out a session that has been idle too long or is older than the cap; otherwise note the activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is nobody to sign out; asking request.user would read the
        # session and make every anonymous public page uncacheable.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            if session_timed_out(request.session):
                logout(request)  # also closes the user's chat sockets (chat.staff_access)
                if request.path.startswith(STAFF_PATHS) and request.path != LOGIN_PATH:
                    messages.info(request, "You were signed out after a period without activity. Please sign in again.")
                    return redirect(f"{LOGIN_PATH}?{urlencode({'next': request.get_full_path()})}")
            elif request.headers.get(BACKGROUND_HEADER) != "1":
                touch_session(request.session)
        return self.get_response(request)
