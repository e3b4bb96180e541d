"""The staff console in the Wagtail admin: queue, transcript, claim, reply, hand over, close, availability.

Every view refuses (403) anyone without the chat permission, whatever other admin rights they have.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.session_limits import idle_seconds_left
from treatment_site.ids import parse_id
from treatment_site.languages import VisitorLanguage

from . import availability, canned, missed, services, status
from .forms import MissedChatCallbackForm
from .http import after_id, wants_json
from .models import Conversation
from .text import MessageRejected


def chat_staff_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not services.can_answer(request.user):
            # A 403 in the admin's own layout (raising PermissionDenied would make Wagtail redirect to the
            # dashboard, hiding from scripts and tests that access was refused).
            if wants_json(request):
                return HttpResponseForbidden("Live chat is only available to the Admissions team.")
            context = {"page_title": "Permission denied", "header_icon": "warning"}
            return TemplateResponse(request, "chat/admin/permission_denied.html", context, status=403)
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def language_filter(request):
    """The console's ?language=es: only chats in that language (issue 16), like intake's queue filter."""
    value = request.GET.get("language", "")
    return VisitorLanguage(value) if value in VisitorLanguage.values else None


def queue_context(request):
    now = timezone.now()
    language = language_filter(request)
    conversations = Conversation.objects.open().select_related("assigned_to")
    if language:
        conversations = conversations.filter(language=language)
    open_conversations = list(conversations)
    pages = missed.source_pages(open_conversations)
    for conversation in open_conversations:
        conversation.wait_seconds = conversation.waited_seconds(now)
        conversation.came_from = pages.get(conversation.source_page_id)
    return {
        "waiting": [c for c in open_conversations if c.status == Conversation.Status.WAITING],
        "active": [c for c in open_conversations if c.status == Conversation.Status.ACTIVE],
        "i_am_available": availability.is_available(request.user),
        "available_staff": availability.available_staff(),
        "missed_count": missed.unanswered(now).filter(intake_request__isnull=True).count(),
        "language_filter": language,
        "language_choices": VisitorLanguage.choices,
    }


@chat_staff_required
@require_GET
def console(request):
    """The queue: waiting and active conversations with their wait times, and my availability."""
    availability.heartbeat(request.user)
    context = {"page_title": "Live chat", "header_icon": "comment", **queue_context(request)}
    template = "chat/admin/queue.html" if request.GET.get("part") == "queue" else "chat/admin/console.html"
    return TemplateResponse(request, template, context)


@chat_staff_required
@require_GET
def conversation(request, pk):
    """One transcript; reading it is recorded in the audit trail."""
    conversation = get_object_or_404(Conversation.objects.select_related("assigned_to"), pk=pk)
    services.record_view(request.user, conversation)
    availability.heartbeat(request.user)
    mine = conversation.assigned_to_id == request.user.pk or request.user.is_superuser
    context = {
        "page_title": conversation.reference,
        "header_icon": "comment",
        "conversation": conversation,
        "transcript": services.messages_after(conversation),
        "can_write": mine and conversation.status == Conversation.Status.ACTIVE,
        "can_close": mine and not conversation.is_closed,
        "colleagues": services.answerers().exclude(pk=conversation.assigned_to_id),
        "max_length": settings.CHAT_MAX_MESSAGE_LENGTH,
        "can_link": conversation.is_closed,
        "can_leave": mine and conversation.status == Conversation.Status.ACTIVE,
        "canned_replies": canned.for_console(),
        "came_from": conversation.source_page(),
        "waited_seconds": conversation.waited_seconds(),
        "is_missed": missed.is_missed(conversation),
    }
    return TemplateResponse(request, "chat/admin/conversation.html", context)


def _act(request, pk, action, done=""):
    """Run one console action and publish its events; ``done`` is the message shown when it worked.

    Returns (result, None), or (None, the refusal's response) when the chat's state or the text refused it.
    """
    try:
        result, events = action()
    except (MessageRejected, services.ChatActionError) as exc:
        text = getattr(exc, "message", None) or str(exc)
        if wants_json(request):
            return None, JsonResponse({"ok": False, "error": text}, status=409)
        messages.error(request, text)
        return None, redirect("chat_admin:conversation", pk=pk)
    services.publish(events)
    if done:
        messages.success(request, done)
    return result, None


@chat_staff_required
@require_POST
def claim(request, pk):
    _, refused = _act(request, pk, lambda: services.claim(pk, request.user))
    return refused or redirect("chat_admin:conversation", pk=pk)


@chat_staff_required
@require_POST
def reply(request, pk):
    """Send a reply over plain HTTP (the console's fallback when its socket is down)."""
    message, refused = _act(request, pk, lambda: services.staff_reply(pk, request.user, request.POST.get("message")))
    if refused:
        return refused
    if wants_json(request):
        return JsonResponse({"ok": True, "message": services.message_payload(message)})
    return redirect("chat_admin:conversation", pk=pk)


@chat_staff_required
@require_POST
def hand_over(request, pk):
    to_user = parse_id(request.POST.get("to_user"))
    _, refused = _act(
        request, pk, lambda: services.hand_over(pk, request.user, to_user), "The conversation has been handed over."
    )
    return refused or redirect("chat_admin:console")


@chat_staff_required
@require_POST
def leave(request, pk):
    """Return a chat I am answering to the queue (I have to go); the visitor is told and keeps waiting."""
    _, refused = _act(
        request, pk, lambda: status.leave(pk, request.user), "The chat is back in the queue for a colleague."
    )
    return refused or redirect("chat_admin:console")


def _request_number(request):
    return parse_id(request.POST.get("intake_request", "").strip().lstrip("#"))


@chat_staff_required
@require_POST
def close(request, pk):
    """Close the conversation and, if a request number was given, link it to that intake request."""
    _, refused = _act(request, pk, lambda: services.close(pk, request.user), "The conversation is closed.")
    if refused:
        return refused
    if request.POST.get("intake_request", "").strip():
        return link(request, pk)
    return redirect("chat_admin:conversation", pk=pk)


@chat_staff_required
@require_POST
def link(request, pk):
    """Link a closed conversation to an insurance or callback request."""
    _, refused = _act(
        request,
        pk,
        lambda: services.link_to_request(pk, request.user, _request_number(request)),
        "The conversation is linked to the request.",
    )
    return refused or redirect("chat_admin:conversation", pk=pk)


@chat_staff_required
@require_GET
def poll(request, pk):
    """New messages after an id, for the console's polling fallback; also counts as a heartbeat."""
    conversation = get_object_or_404(Conversation, pk=pk)
    availability.heartbeat(request.user)
    messages_ = [services.message_payload(m) for m in services.messages_after(conversation, after_id(request))]
    if messages_:
        services.record_view(request.user, conversation, via="polling")  # a read of the transcript like any other
    return JsonResponse({"status": conversation.status, "messages": messages_})


@chat_staff_required
@require_POST
def set_availability(request):
    """Mark myself available or away; visitors see the offline options when nobody is available."""
    available = request.POST.get("available") == "1"
    availability.set_available(request.user, available)
    services.publish(status.waiting_state_events())  # waiting visitors see at once whether anyone can answer
    if wants_json(request):
        return JsonResponse({"ok": True, "available": available})
    messages.success(request, "You are available for live chat." if available else "You are away from live chat.")
    return redirect("chat_admin:console")


@chat_staff_required
@require_POST
def heartbeat(request):
    """Presence; sent without the background header (the counselor was active) it also keeps the session."""
    availability.heartbeat(request.user)
    left = idle_seconds_left(request.session)
    return JsonResponse({"ok": True, "waiting": services.waiting_count(), "signed_out_in": left})


@chat_staff_required
@require_GET
def missed_list(request):
    """Chats nobody answered: where the visitor came from, how long they waited, and a callback for each."""
    context = {
        "page_title": "Missed chats",
        "header_icon": "comment",
        "missed": missed.missed_conversations(),
        "missed_after_minutes": settings.CHAT_MISSED_AFTER_SECONDS // 60,
    }
    return TemplateResponse(request, "chat/admin/missed.html", context)


@chat_staff_required
@require_http_methods(["GET", "POST"])
def convert_missed(request, pk):
    """Turn one missed chat into a callback request; the visitor's text goes with it. GET shows the form
    beside what the visitor wrote; a POST with mistakes shows it again with everything typed."""
    conversation = get_object_or_404(Conversation.objects.select_related("intake_request"), pk=pk)
    services.record_view(request.user, conversation, via="missed chats")
    form = MissedChatCallbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            callback, events = missed.convert_missed(pk, request.user, form.request_fields())
        except services.ChatActionError as exc:
            messages.error(request, str(exc))
            return redirect("chat_admin:missed")
        services.publish(events)
        messages.success(request, f"Callback request #{callback.pk} created from {conversation.reference}.")
        return redirect("insurance_requests:inspect", callback.pk)
    context = {
        "page_title": f"Call back: {conversation.reference}",
        "header_icon": "comment",
        "conversation": conversation,
        "form": form,
        "transcript": services.messages_after(conversation),
        "came_from": conversation.source_page(),
        "waited_seconds": conversation.waited_seconds(),
        "is_missed": missed.is_missed(conversation),
    }
    return TemplateResponse(request, "chat/admin/convert_missed.html", context, status=400 if form.errors else 200)
