"""The visitor's chat page and its plain-HTTP paths (no-JavaScript form, fallback send and polling).

These views are exempt from Django's CSRF cookie on purpose: a CSRF cookie is scoped to "/" and would
follow the visitor to every public page. Instead every POST must come from this site (Origin and
Sec-Fetch-Site headers), and the conversation token lives in an HttpOnly, SameSite=Lax cookie scoped
to /chat/ (/es/chat/ for the Spanish page), so a cross-site form can neither read nor act on a conversation.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pages.models import ContactSettings
from treatment_site import clients
from treatment_site.languages import visitor_language

from . import availability, origins, services
from .forms import MessageForm, StartChatForm
from .http import after_id, wants_json
from .ratelimit import SLOW_DOWN
from .status import STATE_TEXTS, visitor_state
from .text import MessageRejected


def posted_from_this_site(request):
    """Sec-Fetch-Site: same-origin and/or an exact Origin match (each checked when sent), else a Referer on
    this site as the last fallback; a POST that shows none of them is refused."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if (fetch_site and fetch_site != "same-origin") or (origin and not origins.is_trusted(origin)):
        return False
    if fetch_site or origin:
        return True
    referer = urlsplit(request.headers.get("Referer", ""))
    return bool(referer.netloc) and origins.is_trusted(f"{referer.scheme}://{referer.netloc}")


def same_origin_post(view):
    """Refuse POSTs that a browser does not show as coming from this site."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not posted_from_this_site(request):
            return HttpResponseForbidden("Chat messages can only be sent from this site.")
        return view(request, *args, **kwargs)

    return csrf_exempt(never_cache(wrapper))


def current_conversation(request):
    return services.conversation_for_token(request.COOKIES.get(settings.CHAT_COOKIE_NAME))


def cookie_path():
    """This language's chat address (/chat/ or /es/chat/): the token cookie goes to it and its socket only."""
    return reverse("chat:index")


def set_token_cookie(response, token):
    response.set_cookie(
        settings.CHAT_COOKIE_NAME,
        token,
        path=cookie_path(),
        secure=settings.CHAT_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def callback_form_class():
    from intake.forms import CallbackRequestForm

    return CallbackRequestForm


def script_texts(conversation):
    """What chat.js and live-socket.js say on this page, in its language: handed over in a json_script
    block, so the page needs no extra request and the scripts stay the same file in every language.
    An ended chat's script only re-times the transcript; its page carries no live wording."""
    zone = {"zone": _("Times are in your time zone (%(zone)s).")}
    if conversation.is_closed:
        return zone
    return {
        **zone,
        "who": {"visitor": _("You"), "staff": _("Admissions counselor"), "system": _("Notice")},
        "states": {state: str(text) for state, text in STATE_TEXTS.items()},
        "ended": _(
            "This chat has ended. You can forget it on this device, or start a new chat after reloading the page."
        ),
        "empty": _("Type a message before sending."),
        "failed": _(
            "Your message could not be sent. It is still in the box; check your connection and press Send again."
        ),
        "dropped": _(
            "The connection dropped; your last message may not have been sent. It is still in the box: press Send "
            "to try again."
        ),
        "fallback": _("%(reason)s Messages are now sent over a plain connection and checked every few seconds."),
        "unsupported": _("Live updates are not supported by this browser."),
        "not_opened": _("The live connection could not be opened."),
        "connection_dropped": _("The live connection dropped."),
    }


def render_chat(
    request, *, conversation=None, start_form=None, message_form=None, notice="", status=200, callback_form=None
):
    contact = ContactSettings.for_request(request)
    chat_status = availability.visitor_status(contact)
    if start_form is None:
        from .source import page_id_from_referer

        start_form = StartChatForm(initial={"source": page_id_from_referer(request)})
    context = {
        "contact": contact,
        "chat_status": chat_status,
        "visitor_state": visitor_state(conversation, chat_status) if conversation else "",
        "conversation": conversation,
        "transcript": services.messages_after(conversation) if conversation else [],
        "start_form": start_form,
        "message_form": message_form or MessageForm(),
        "notice": notice,
        "max_length": settings.CHAT_MAX_MESSAGE_LENGTH,
        "callback_form": callback_form or callback_form_class()(),
        "state_text": STATE_TEXTS.get(visitor_state(conversation, chat_status), "") if conversation else "",
        "script_texts": script_texts(conversation) if conversation else None,
    }
    response = render(request, "chat/index.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@same_origin_post
@require_http_methods(["GET", "POST"])
def index(request):
    """The live-chat page: start a chat when staff are available, otherwise the phone, callback and crisis options."""
    conversation = current_conversation(request)
    if request.method == "GET":
        return render_chat(request, conversation=conversation)
    if conversation and not conversation.is_closed:
        return redirect("chat:index")
    form = StartChatForm(request.POST)
    contact = ContactSettings.for_request(request)
    if availability.visitor_status(contact) != availability.OPEN:
        return render_chat(request, conversation=conversation, start_form=form, status=503)
    if not form.is_valid():
        return render_chat(request, conversation=conversation, start_form=form, status=400)
    if not clients.hit("chat-start", clients.request_address(request)):
        return render_chat(request, conversation=conversation, start_form=form, notice=SLOW_DOWN, status=429)
    conversation, token, events = services.start_conversation(
        form.cleaned_data["message"],
        form.cleaned_data["asking_for"],
        form.cleaned_data["topic"],
        source_page_id=form.cleaned_data["source"],
        language=visitor_language(request),
    )
    services.publish(events)
    response = redirect("chat:index")
    set_token_cookie(response, token)
    return response


@same_origin_post
@require_POST
def send(request):
    """Send one message over plain HTTP (the no-JavaScript form and the script's fallback)."""
    conversation = current_conversation(request)
    if conversation is None:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": _("This chat has ended or was forgotten.")}, status=404)
        return redirect("chat:index")
    form = MessageForm(request.POST)
    error = None
    if not clients.hit("chat-message", clients.request_address(request)):
        error, status = str(SLOW_DOWN), 429
    elif not form.is_valid():
        error, status = form.errors["message"][0], 400
    else:
        try:
            message, events = services.visitor_message(conversation, form.cleaned_data["message"])
        except MessageRejected as exc:
            error, status = exc.message, 409
    if error:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": error}, status=status)
        if not form.errors:
            form.add_error("message", error)
        return render_chat(request, conversation=conversation, message_form=form, status=status)
    services.publish(events)
    if wants_json(request):
        return JsonResponse({"ok": True, "message": services.visitor_payload(services.message_payload(message))})
    return redirect(reverse("chat:index") + "#latest")


@never_cache
@require_GET
def poll(request):
    """New messages after a given id, for the script's polling fallback."""
    conversation = current_conversation(request)
    if conversation is None:
        return JsonResponse({"status": "gone", "messages": []}, status=404)
    messages = [
        services.visitor_payload(services.message_payload(m))
        for m in services.messages_after(conversation, after_id(request))
    ]
    chat_status = availability.visitor_status(ContactSettings.for_request(request))
    return JsonResponse(
        {
            "status": conversation.status,
            "chat_status": chat_status,
            "state": visitor_state(conversation, chat_status),
            "messages": messages,
        }
    )


@same_origin_post
@require_POST
def to_callback(request):
    """Nobody can answer: the waiting chat becomes a callback request; the chat's text goes with it."""
    from intake.forms import CallbackRequestForm

    from .callbacks import convert_to_callback

    conversation = current_conversation(request)
    if conversation is None or conversation.is_closed:
        return redirect("chat:index")
    form = CallbackRequestForm(request.POST)
    if form.is_bot():
        return redirect("intake:callback_thanks")
    if not form.is_valid():
        return render_chat(request, conversation=conversation, callback_form=form, status=400)
    _request, events = convert_to_callback(conversation, form.request_fields())
    services.publish(events)
    return redirect("intake:callback_thanks")


@same_origin_post
@require_POST
def end(request):
    """The visitor ends the chat; its token is deleted from this device at once."""
    conversation = current_conversation(request)
    if conversation is not None:
        conversation, events = services.visitor_end(conversation)
        services.publish(events)
    response = render_chat(request, notice=_("This chat has ended, and this device no longer holds it."))
    response.delete_cookie(settings.CHAT_COOKIE_NAME, path=cookie_path(), samesite="Lax")
    return response


@same_origin_post
@require_POST
def forget(request):
    """End the chat if it is open and remove its token from this device."""
    conversation = current_conversation(request)
    if conversation is not None and not conversation.is_closed:
        _ended, events = services.visitor_end(conversation)
        services.publish(events)
    response = render_chat(request, notice=_("This conversation has been forgotten on this device."))
    response.delete_cookie(settings.CHAT_COOKIE_NAME, path=cookie_path(), samesite="Lax")
    return response
