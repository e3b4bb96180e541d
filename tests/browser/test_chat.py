"""Live chat in real Chromium: a visitor and an Admissions user in two browser contexts, over WebSockets."""

import pytest
from playwright.sync_api import expect

from chat import availability
from tests.browser.axe import assert_no_axe_violations
from tests.factories import HomePageFactory
from tests.factories.users import make_staff

from .chat_fixtures import chat_server, login_cookie  # noqa: F401  (fixtures)


@pytest.fixture
def site_home(transactional_db):
    from wagtail.models import Page, Site

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-chat")
    Site.objects.filter(is_default_site=True).update(root_page=home, hostname="127.0.0.1", port=80)
    return home


@pytest.fixture
def counselor(transactional_db):
    return make_staff("casey", "Admissions")


def new_page(browser, base_url):
    # A reader far from the site's time zone (America/New_York), so time formatting differences show.
    context = browser.new_context(base_url=base_url, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and not response.url.endswith("/favicon.ico")
            and page.errors.append(f"{response.status} {response.url}")
        ),
    )
    return context, page


def times_not_in_readers_zone(page):
    """How many message times in the log differ from the browser's own formatting in its time zone."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-chat-log] time')].filter(t => t.textContent !==
            new Date(t.dateTime).toLocaleTimeString([], {hour: 'numeric', minute: '2-digit'})).length"""
    )


ENGLISH_FORM = {"asking_for": "Someone I care about", "box": "Your message", "start": "Start chat"}
SPANISH_FORM = {"asking_for": "Para un ser querido", "box": "Su mensaje", "start": "Comenzar el chat"}


def start_chat_for_someone(visitor, message, form=ENGLISH_FORM):
    """On the open chat page, start a chat for someone the visitor cares about (the form's labels in ``form``)."""
    visitor.get_by_label(form["asking_for"]).check()
    visitor.get_by_label(form["box"]).fill(message)
    visitor.get_by_role("button", name=form["start"]).click()


def send_and_expect(sender, box, button, text, shown_on=None):
    """Type ``text`` in the box and send it: it appears in ``shown_on``'s log (the sender's own by default)
    and the box empties."""
    sender.get_by_label(box).fill(text)
    sender.get_by_role("button", name=button).click()
    expect((shown_on or sender).get_by_role("log")).to_contain_text(text)
    expect(sender.get_by_label(box)).to_have_value("")


@pytest.fixture
def available(counselor):
    """The counselor, marked available for live chat (the visitor sees the chat form, not the offline options)."""
    availability.set_available(counselor, True)
    return counselor


@pytest.fixture
def visitor(browser, chat_server):  # noqa: F811
    """A visitor's page in its own browser context, closed after the test."""
    context, page = new_page(browser, chat_server)
    yield page
    context.close()


@pytest.fixture
def staff(browser, chat_server, available):  # noqa: F811
    """The available counselor's page, signed in, in its own browser context (closed after the test)."""
    context, page = new_page(browser, chat_server)
    context.add_cookies([login_cookie(available, chat_server)])
    yield page
    context.close()


def test_visitor_and_admissions_exchange_messages(site_home, staff, visitor):
    staff.goto("/admin/chat/")
    expect(staff.get_by_text("No visitors are waiting.")).to_be_visible()
    expect(staff.get_by_text("Live updates on.")).to_be_visible()

    visitor.goto("/chat/")
    expect(visitor.get_by_role("heading", name="An admissions counselor is available")).to_be_visible()
    assert_no_axe_violations(visitor)
    start_chat_for_someone(visitor, "My son drinks every night. What can we do?")
    expect(visitor.get_by_role("log")).to_contain_text("My son drinks every night.")

    # The console's queue updates live; claim opens the conversation.
    staff.get_by_role("button", name="Claim Chat").click()
    expect(staff.get_by_role("log")).to_contain_text("My son drinks every night.")
    expect(visitor.get_by_role("log")).to_contain_text("An admissions counselor has joined the chat.")
    expect(visitor.locator("[data-chat-connection]")).to_be_hidden()  # on the WebSocket, no fallback

    staff.get_by_label("Your reply").fill("Thank you for reaching out. Is he safe tonight?")
    staff.get_by_label("Your reply").press("Control+Enter")
    expect(visitor.get_by_role("log")).to_contain_text("Is he safe tonight?")
    # Server-rendered and live messages show their times the same way, in the reader's time zone.
    visitor.reload()
    expect(visitor.get_by_role("log")).to_contain_text("Is he safe tonight?")
    assert times_not_in_readers_zone(visitor) == 0
    expect(staff.get_by_label("Your reply")).to_have_value("")

    send_and_expect(visitor, "Your message", "Send", "Yes, he is asleep. <b>not bold</b>", shown_on=staff)
    assert visitor.locator(".chat__text b").count() == 0  # shown as text, never as HTML
    assert_no_axe_violations(visitor)

    staff.get_by_role("button", name="Close conversation").click()
    expect(visitor.get_by_text("This chat has ended.", exact=False)).to_be_visible()
    # Nothing contradicts the ended state: no "counselor is with you", no End chat button.
    expect(visitor.get_by_text("An admissions counselor is with you.")).to_be_hidden()
    expect(visitor.get_by_role("button", name="End chat")).to_be_hidden()
    assert_no_axe_violations(visitor)
    # The ended view (server-rendered, no socket) shows times in the reader's zone too.
    visitor.reload()
    expect(visitor.get_by_text("This chat has ended.", exact=False)).to_be_visible()
    assert times_not_in_readers_zone(visitor) == 0
    assert "Ctrl+Enter" not in visitor.content()
    assert visitor.errors == [] and staff.errors == []


def start_chat_without_socket(visitor, first_message):
    """Block the visitor's WebSocket, start a chat and wait for the page to say it fell back to HTTP."""
    visitor.route_web_socket("**/chat/ws/", lambda ws: ws.close(code=1011))
    visitor.goto("/chat/")
    visitor.get_by_label("Your message").fill(first_message)
    visitor.get_by_role("button", name="Start chat").click()
    expect(visitor.locator("[data-chat-connection]")).to_contain_text("plain connection")


def test_falls_back_to_http_when_the_socket_is_blocked(site_home, counselor, available, visitor):
    start_chat_without_socket(visitor, "Hello over plain HTTP")
    send_and_expect(visitor, "Your message", "Send", "Second message, still delivered")

    from chat import services
    from chat.models import Conversation

    conversation = Conversation.objects.get()
    _, events = services.claim(conversation.pk, counselor)
    services.staff_reply(conversation.pk, counselor, "Reply found by polling")
    expect(visitor.get_by_role("log")).to_contain_text("Reply found by polling", timeout=10000)


def test_offline_options_when_no_staff_available(site_home, visitor):
    visitor.goto("/chat/")
    expect(visitor.get_by_role("heading", name="No admissions counselor is free to chat right now")).to_be_visible()
    offline = visitor.get_by_role("main")
    expect(offline.get_by_role("link", name="Call admissions")).to_have_attribute("href", "tel:+18005550123")
    expect(visitor.get_by_role("link", name="Request a callback")).to_be_visible()
    expect(visitor.get_by_role("link", name="988", exact=True).first).to_have_attribute("href", "tel:988")
    expect(visitor.get_by_role("link", name="1-800-662-4357").first).to_be_visible()
    assert visitor.get_by_label("Your message").count() == 0
    assert_no_axe_violations(visitor)
    assert visitor.context.cookies() == []


def test_typed_message_survives_a_failed_send(site_home, available, visitor):
    start_chat_without_socket(visitor, "First message")

    visitor.route("**/chat/send/", lambda route: route.abort())
    visitor.get_by_label("Your message").fill("Please keep this text")
    visitor.get_by_role("button", name="Send").click()
    expect(visitor.locator("[data-chat-error]")).to_contain_text("It is still in the box")
    expect(visitor.get_by_label("Your message")).to_have_value("Please keep this text")

    visitor.unroute("**/chat/send/")
    visitor.get_by_role("button", name="Send").click()
    expect(visitor.get_by_role("log")).to_contain_text("Please keep this text")
    expect(visitor.get_by_label("Your message")).to_have_value("")
    expect(visitor.locator("[data-chat-error]")).to_be_hidden()


def test_console_replies_over_http_when_its_socket_is_blocked(site_home, counselor, staff):
    from chat import services
    from chat.models import Message

    conversation, _, _ = services.start_conversation("Is anyone there?")
    services.claim(conversation.pk, counselor)
    staff.route_web_socket("**/admin/chat/ws/", lambda ws: ws.close(code=1011))
    staff.goto(f"/admin/chat/{conversation.pk}/")
    expect(staff.locator("[data-chat-connection]")).to_contain_text("sent over plain HTTP")
    send_and_expect(staff, "Your reply", "Send reply", "Yes, I am here. <i>plain</i>")
    assert staff.locator(".chat-console__text i").count() == 0  # shown as text, never as HTML
    assert Message.objects.filter(conversation=conversation, sender="staff", author=counselor).count() == 1

    services.visitor_message(conversation, "Found by the console's polling")
    expect(staff.get_by_role("log")).to_contain_text("Found by the console's polling", timeout=10000)
    assert staff.errors == []


def test_counselor_leaving_shows_offline_options_and_converts(site_home, staff, visitor):
    """Two contexts: the visitor waits; the counselor's console says "Set me away"; the offline options
    appear without a reload (pushed over the socket), the typed text stays, and the chat becomes a callback."""
    from chat.models import Conversation
    from intake.models import VerificationRequest

    staff.goto("/admin/chat/")
    expect(staff.get_by_text("Live updates on.")).to_be_visible()
    visitor.goto("/chat/")
    start_chat_for_someone(visitor, "My brother took too many pills last week.")
    expect(visitor.get_by_role("log")).to_contain_text("My brother took too many pills")
    expect(visitor.get_by_text("Times are in your time zone (Asia/Tokyo).")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Turn this chat into a callback request")).to_be_hidden()
    visitor.get_by_label("Your message").fill("Are you still there?")  # typed, not sent

    # The new chat is announced in the console (banner, title) and listed as waiting.
    expect(staff.get_by_role("alert")).to_contain_text("New chat waiting: Chat")
    expect(staff.get_by_role("row", name="Chat")).to_be_visible()
    staff.get_by_role("button", name="Set me away").click()  # the last counselor goes away
    # Pushed over the socket: well inside the visitor page's 30-second safety poll.
    expect(visitor.get_by_role("heading", name="Turn this chat into a callback request")).to_be_visible(timeout=5000)
    expect(visitor.get_by_text("Nobody is free to answer right now.", exact=False)).to_be_visible()
    expect(visitor.get_by_role("link", name="Call admissions:")).to_be_visible()
    expect(visitor.get_by_label("Your message")).to_have_value("Are you still there?")
    # The waiting chat does not vanish from the console.
    expect(staff.get_by_role("heading", name="Waiting (1)")).to_be_visible()
    assert_no_axe_violations(visitor)

    visitor.get_by_label("First name or initials").fill("Sam")
    visitor.get_by_label("Phone number").fill("(202) 555-0131")
    visitor.get_by_label("Best time to call").select_option("evening")
    visitor.get_by_role("group", name="May we leave a voicemail?").get_by_label("No").check()
    visitor.get_by_role("checkbox").check()
    visitor.get_by_role("button", name="Ask for a callback").click()
    expect(visitor.get_by_role("heading", level=1)).to_be_visible()
    request = VerificationRequest.objects.get()
    assert request.kind == "callback" and request.visitor_time_zone == "Asia/Tokyo"
    assert Conversation.objects.get().intake_request == request
    assert visitor.errors == [] and staff.errors == []


def test_no_keyboard_shortcut_hint_on_a_phone(browser, chat_server, site_home, counselor):  # noqa: F811
    from django.core.cache import cache

    cache.clear()  # the earlier tests' chats count against the per-client limit on new chats
    availability.set_available(counselor, True)
    phone = browser.new_context(
        base_url=chat_server, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800}
    )
    desktop = browser.new_context(base_url=chat_server)
    try:
        for context in (phone, desktop):
            page = context.new_page()
            page.goto("/chat/")
            page.get_by_label("Your message").fill("Hello")
            page.get_by_role("button", name="Start chat").click()
            expect(page.get_by_role("log")).to_contain_text("Hello")
            hint = page.get_by_text("Ctrl+Enter also sends.")
            if context is phone:
                expect(hint).to_be_hidden()
            else:
                expect(hint).to_be_visible()
    finally:
        phone.close()
        desktop.close()


def test_spanish_chat_page_speaks_spanish_in_its_live_messages(site_home, counselor, available, visitor):
    """Issue 16: /es/chat/ in real Chromium; the sentences chat.js and live-socket.js write are Spanish."""
    from chat import services
    from chat.models import Conversation

    # The socket refused, so the fallback's wording shows too; polling carries the rest.
    visitor.route_web_socket("**/chat/ws/", lambda ws: ws.close(code=1011))
    visitor.goto("/es/chat/")
    expect(visitor.get_by_role("heading", name="Hay un consejero de admisiones disponible")).to_be_visible()
    assert_no_axe_violations(visitor)
    start_chat_for_someone(visitor, "Mi hijo bebe todas las noches.", SPANISH_FORM)

    connection = visitor.locator("[data-chat-connection]")
    expect(connection).to_have_text(
        "No se pudo abrir la conexión en vivo. Ahora los mensajes se envían por una conexión sencilla y se "
        "revisan cada pocos segundos."
    )
    expect(visitor.locator("[data-chat-zone]")).to_have_text("Las horas se muestran en su zona horaria (Asia/Tokyo).")
    assert Conversation.objects.get().language == "es"

    visitor.get_by_role("button", name="Enviar").click()  # nothing typed: the script says so
    expect(visitor.locator("[data-chat-error]")).to_have_text("Escriba un mensaje antes de enviarlo.")

    conversation = Conversation.objects.get()
    services.claim(conversation.pk, counselor)
    services.staff_reply(conversation.pk, counselor, "Gracias por escribirnos.")
    log = visitor.get_by_role("log")
    expect(log).to_contain_text("Un consejero de admisiones se ha unido al chat.", timeout=10000)
    expect(log).to_contain_text("Gracias por escribirnos.")
    expect(log.locator(".chat__msg--system .chat__who").last).to_have_text("Aviso")
    expect(log.locator(".chat__msg--staff .chat__who").last).to_have_text("Consejero de admisiones")
    expect(visitor.locator("[data-chat-waiting]")).to_have_text("Un consejero de admisiones le está atendiendo.")

    visitor.get_by_label("Su mensaje").fill("Sí, está dormido.")
    visitor.get_by_role("button", name="Enviar").click()
    expect(log.locator(".chat__msg--visitor .chat__who").last).to_have_text("Usted")
    assert_no_axe_violations(visitor)

    services.close(conversation.pk, counselor)
    expect(connection).to_have_text(
        "Este chat ha terminado. Puede olvidarlo en este dispositivo o comenzar un chat nuevo después de volver "
        "a cargar la página.",
        timeout=10000,
    )
    assert_no_axe_violations(visitor)
    assert visitor.errors == []
