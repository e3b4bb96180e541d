"""WebSocket endpoints for live chat; thin wrappers that call chat.services in a database thread."""

import asyncio
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from treatment_site import clients

from . import availability, services, staff_access, status
from .ratelimit import SLOW_DOWN, ConnectionLimiter
from .text import MessageRejected

logger = logging.getLogger(__name__)

# Storing a message and checking a console wait on PostgreSQL and Redis, hardly on the CPU: more threads
# than asyncio's default pool (CPUs + 4) keep a burst of messages from queueing for one. Each thread keeps
# its own database connection (DB_CONN_MAX_AGE), so CHAT_DATABASE_THREADS counts toward max_connections.
DATABASE_THREADS = ThreadPoolExecutor(max_workers=settings.CHAT_DATABASE_THREADS, thread_name_prefix="chat-db")

CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_UNAVAILABLE = 4503  # the channel layer (Redis) is down: the page falls back to plain HTTP
CLOSE_RECONNECT = 4408  # the socket reached its lifetime cap: the console reconnects and is authorised afresh
MALFORMED = _("That message could not be read. Please type it again.")


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """Shared handling: JSON frames only, polite errors, and message/status events relayed from the layer."""

    closing = False

    # Channels assigns `channel_receive` (the layer's receive) in __call__; a Redis outage makes it raise,
    # which would crash the ASGI application. The property hands Channels a guarded version instead.
    @property
    def channel_receive(self):
        return self._guarded_channel_receive

    @channel_receive.setter
    def channel_receive(self, layer_receive):
        self._layer_receive = layer_receive

    async def _guarded_channel_receive(self):
        try:
            try:
                return await self._layer_receive()
            except Exception:  # noqa: BLE001 — a pooled connection that died with a Redis restart fails once
                return await self._layer_receive()
        except Exception as exc:  # noqa: BLE001 — redis-py and channels-redis raise several kinds
            logger.warning("Live chat: lost the channel layer (%s); closing the socket.", type(exc).__name__)
            if not self.closing:
                await self.close(code=CLOSE_UNAVAILABLE)
            raise StopConsumer from exc

    async def close(self, code=None, reason=None):
        self.closing = True
        await super().close(code=code, reason=reason)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        try:
            content = json.loads(text_data) if text_data is not None else None
        except (ValueError, RecursionError):  # RecursionError: a frame nested thousands of levels deep
            content = None
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error("malformed", MALFORMED, None)
            return
        await self.receive_json(content)

    async def send_error(self, code, message, client_id):
        await self.send_json({"type": "error", "code": code, "message": str(message), "client_id": client_id})

    async def store(self, function, *args):
        """`function(*args)` in a database thread once the rate limits allow it; raises MessageRejected.

        The per-client limit is a call to the shared cache (Redis in production): it runs in the same
        thread hop as the store, never on the event loop every socket of this process shares. Messages
        are independent rows, so they may be stored on several database connections at once.
        """
        if not self.limiter.allow():
            raise MessageRejected("rate_limited", SLOW_DOWN)
        return await database_sync_to_async(
            self._store_within_client_limit, thread_sensitive=False, executor=DATABASE_THREADS
        )(function, *args)

    def _store_within_client_limit(self, function, *args):
        if not clients.hit("chat-message", clients.scope_address(self.scope)):
            raise MessageRejected("rate_limited", SLOW_DOWN)
        return function(*args)

    async def chat_status(self, event):
        await self.send_json({"type": "status", "conversation": event["conversation"], "status": event["status"]})


class VisitorConsumer(ChatConsumer):
    """The visitor's socket at /chat/ws/, authorised by the conversation token in the /chat/ cookie."""

    async def connect(self):
        token = self.scope.get("cookies", {}).get(settings.CHAT_COOKIE_NAME)
        self.conversation = await database_sync_to_async(services.conversation_for_token)(token)
        if self.conversation is None or self.conversation.is_closed:
            await self.close(code=CLOSE_NOT_FOUND)
            return
        self.limiter = ConnectionLimiter(settings.CHAT_RATE_PER_CONNECTION)
        if not await services.ajoin_group(self.channel_layer, self.conversation.group_name, self.channel_name):
            self.conversation = None  # nothing to leave on disconnect
            await self.close(code=CLOSE_UNAVAILABLE)
            return
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "conversation", None) is not None:
            await services.aleave_group(self.channel_layer, self.conversation.group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        """Errors reach the visitor in the language they started the chat in (a socket has no URL prefix)."""
        with translation.override(self.conversation.language):
            await super().receive(text_data, bytes_data, **kwargs)

    async def receive_json(self, content, **kwargs):
        client_id = content.get("client_id")
        if content["type"] != "message":
            await self.send_error("malformed", MALFORMED, client_id)
            return
        try:
            message, events = await self.store(services.visitor_message, self.conversation, content.get("text"))
        except MessageRejected as exc:
            await self.send_error(exc.code, exc.message, client_id)
            return
        await self.send_json({"type": "ack", "client_id": client_id, "id": message.pk})
        await services.apublish(events)

    async def chat_message(self, event):
        await self.send_json({"type": "message", "message": services.visitor_payload(event["message"])})

    async def chat_state(self, event):
        """Queued, with a counselor, counselor left, nobody available or ended (chat/status.py)."""
        await self.send_json({"type": "state", "state": event["state"], "chat_status": event["chat_status"]})


class StaffConsumer(ChatConsumer):
    """A staff console's socket at /admin/chat/ws/; refused (403) to anyone who may not answer chats.

    The right to the socket is checked again for every frame and every pushed event (chat.staff_access),
    the user's group gets a "close" when sign-out, a password, group or active change takes it away,
    and a socket lives at most CHAT_STAFF_SOCKET_MAX_AGE_SECONDS (the console then reconnects).

    Pushed events are read ahead into a small inbox, each stamped with when it reached this process.
    An event goes out only after a passing check that *began* after it arrived: the same guarantee as
    checking once per event, but under load one check (six queries) covers every event that queued
    while the previous one ran, instead of one check per message for every console.
    """

    INBOX_SIZE = 100  # beyond this the read-ahead waits, and the layer's own capacity applies
    checked_at = float("-inf")  # monotonic time at which the newest passing check began
    event_arrived = float("inf")  # monotonic time at which the event being handled reached this process
    _inbox = _reader = None

    async def _guarded_channel_receive(self):
        if self._reader is None:
            self._inbox = asyncio.Queue(maxsize=self.INBOX_SIZE)
            self._reader = asyncio.create_task(self._read_ahead())
        arrived, message = await self._inbox.get()
        if isinstance(message, Exception):
            raise message
        # Channels dispatches one layer message at a time, right after this returns (await_many_dispatch).
        self.event_arrived = arrived
        return message

    async def _read_ahead(self):
        while True:
            try:
                message = await super()._guarded_channel_receive()
            except Exception as exc:  # noqa: BLE001 — StopConsumer once the layer is lost (the socket is closed)
                await self._inbox.put((None, exc))
                return
            await self._inbox.put((time.monotonic(), message))

    async def connect(self):
        self.user = self.scope.get("user")
        session = self.scope.get("session")
        self.session_key = session.session_key if session is not None else None
        if not getattr(self.user, "is_authenticated", False) or not await self.still_allowed():
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.limiter = ConnectionLimiter(settings.CHAT_RATE_PER_CONNECTION)
        if not await services.ajoin_group(self.channel_layer, services.STAFF_GROUP, self.channel_name):
            await self.close(code=CLOSE_UNAVAILABLE)
            return
        self.watching = set()
        await services.ajoin_group(self.channel_layer, staff_access.user_group(self.user.pk), self.channel_name)
        await database_sync_to_async(availability.heartbeat)(self.user)
        await self.accept()
        self.lifetime = asyncio.create_task(self.close_after(settings.CHAT_STAFF_SOCKET_MAX_AGE_SECONDS))

    async def still_allowed(self):
        """Session alive and within its limits, user active, permission held, second factor passed."""
        began = time.monotonic()
        # Read-only queries: any pool thread will do, so the consoles' checks do not queue behind each other.
        allowed = await database_sync_to_async(
            staff_access.still_allowed, thread_sensitive=False, executor=DATABASE_THREADS
        )(self.user.pk, self.session_key)
        if allowed:
            self.checked_at = max(self.checked_at, began)
        return allowed

    async def event_allowed(self):
        """For a pushed event: checked afresh unless a passing check began after the event arrived."""
        if self.checked_at > self.event_arrived:
            return True
        return await self.refuse_unless_allowed()

    async def refuse_unless_allowed(self):
        """Close the socket (and return False) when its right to exist has gone."""
        if await self.still_allowed():
            return True
        await self.close(code=CLOSE_FORBIDDEN)
        return False

    async def close_after(self, seconds):
        await asyncio.sleep(seconds)
        await self.close(code=CLOSE_RECONNECT)

    async def disconnect(self, code):
        if self._reader is not None:
            self._reader.cancel()
        if getattr(self, "watching", None) is None:
            return
        self.lifetime.cancel()
        for group in [staff_access.user_group(self.user.pk), services.STAFF_GROUP, *self.watching]:
            await services.aleave_group(self.channel_layer, group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        handler = self.actions.get(content["type"])
        client_id = content.get("client_id")
        if handler is None or not _is_int(content.get("conversation", 0)):
            await self.send_error("malformed", MALFORMED, client_id)
            return
        if not await self.refuse_unless_allowed():
            return
        try:
            result, events = await handler(self, content)
        except (MessageRejected, services.ChatActionError) as exc:
            code = getattr(exc, "code", "refused")
            await self.send_error(code, getattr(exc, "message", str(exc)), client_id)
            return
        await self.send_json({"type": "ack", "client_id": client_id, "action": content["type"], **result})
        await services.apublish(events)

    async def do_watch(self, content):
        conversation = await database_sync_to_async(services.watch)(self.user, content["conversation"])
        self.watching.add(conversation.group_name)
        await self.channel_layer.group_add(conversation.group_name, self.channel_name)
        return {"conversation": conversation.pk}, []

    async def do_claim(self, content):
        conversation, events = await database_sync_to_async(services.claim)(content["conversation"], self.user)
        await self.do_watch({"conversation": conversation.pk})
        return {"conversation": conversation.pk}, events

    async def do_reply(self, content):
        message, events = await self.store(
            services.staff_reply, content["conversation"], self.user, content.get("text")
        )
        return {"conversation": message.conversation_id, "id": message.pk}, events

    async def do_hand_over(self, content):
        to_user = content.get("to_user")
        if not _is_int(to_user):
            raise services.ChatActionError("Choose a colleague who can answer live chat.")
        conversation, events = await database_sync_to_async(services.hand_over)(
            content["conversation"], self.user, to_user
        )
        return {"conversation": conversation.pk}, events

    async def do_close(self, content):
        conversation, events = await database_sync_to_async(services.close)(content["conversation"], self.user)
        return {"conversation": conversation.pk}, events

    async def do_leave(self, content):
        conversation, events = await database_sync_to_async(status.leave)(content["conversation"], self.user)
        return {"conversation": conversation.pk}, events

    async def do_availability(self, content):
        available = content.get("available") is True
        await database_sync_to_async(availability.set_available)(self.user, available)
        # Waiting visitors learn at once whether anyone can still answer them.
        return {"available": available}, await database_sync_to_async(status.waiting_state_events)()

    async def do_heartbeat(self, content):
        """Presence; with "active": true (the counselor typed or clicked lately) it also keeps the session."""
        await database_sync_to_async(availability.heartbeat)(self.user)
        if content.get("active") is True:
            await database_sync_to_async(staff_access.record_activity)(self.session_key)
        return {"signed_out_in": await database_sync_to_async(staff_access.idle_seconds_left)(self.session_key)}, []

    actions = {
        "watch": do_watch,
        "claim": do_claim,
        "reply": do_reply,
        "hand_over": do_hand_over,
        "close": do_close,
        "leave": do_leave,
        "availability": do_availability,
        "heartbeat": do_heartbeat,
    }

    async def chat_message(self, event):
        if await self.event_allowed():
            await self.send_json({"type": "message", "message": event["message"]})

    async def chat_queue(self, event):
        if await self.event_allowed():
            await self.send_json({**event, "type": "queue"})

    async def chat_status(self, event):
        if await self.event_allowed():
            await super().chat_status(event)

    async def chat_state(self, event):
        if await self.refuse_unless_allowed():
            await self.send_json({"type": "state", "conversation": event["conversation"], "state": event["state"]})

    async def staff_revoke(self, event):
        """Sign-out, a password change, deactivation or a group change: re-check now, close if it is gone."""
        await self.refuse_unless_allowed()


def _is_int(value):
    """An id from a frame: a JSON integer that fits a bigint (10**30 would raise in the database)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63
