"""The visitor page over plain HTTP: offline options, the no-JavaScript form, the fallback, the cookie."""

import pytest
from django.conf import settings
from django.test import override_settings

from chat.models import Conversation, Message
from tests.factories import DrugPageFactory

from .conftest import browser_client

pytestmark = pytest.mark.django_db


def start(client, message="I need help for my mother.", **headers):
    return client.post("/chat/", {"message": message, "asking_for": "someone_else", "topic": "alcohol"}, **headers)


def offline_panel(html):
    """Only the offline panel: the header, footer and crisis notice carry some of the same links."""
    assert html.count("data-chat-offline") == 1, "exactly one offline panel"
    return html.split("data-chat-offline", 1)[1].split("</section>", 1)[0]


def test_offline_panel_when_nobody_is_available(client, home):
    response = client.get("/chat/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-chat-state="no_staff"' in html
    panel = offline_panel(html)
    assert 'href="tel:+18005550123"' in panel
    assert 'href="/request-callback/"' in panel
    for crisis in ('href="tel:911"', 'href="tel:988"', 'href="tel:+18006624357"'):
        assert crisis in panel
    assert "Start chat" not in html  # told before typing
    assert not response.cookies


def test_outside_chat_hours_shows_offline_panel(client, home, staff_available):
    import datetime

    from wagtail.models import Site

    from pages.models import ContactSettings

    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    now = datetime.datetime.now().astimezone()
    contact.chat_opens_at = (now + datetime.timedelta(hours=2)).time()
    contact.chat_closes_at = (now + datetime.timedelta(hours=3)).time()
    contact.save()
    html = client.get("/chat/").content.decode()
    assert 'data-chat-state="closed_hours"' in html and "Live chat is closed right now" in html


def test_no_js_conversation_round_trip_and_cookie_attributes(client, home, staff_available):
    response = client.get("/chat/")
    assert 'data-chat-state="open"' in response.content.decode() and not response.cookies
    response = start(client)
    assert response.status_code == 302 and response["Location"] == "/chat/"
    cookie = response.cookies[settings.CHAT_COOKIE_NAME]
    assert cookie["path"] == "/chat/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["secure"]  # Secure only in production (CHAT_COOKIE_SECURE)
    assert len(cookie.value) >= 40 and settings.SESSION_COOKIE_NAME not in response.cookies
    conv = Conversation.objects.get()
    assert conv.asking_for == "someone_else" and conv.topic == "alcohol"

    html = client.get("/chat/").content.decode()
    assert "I need help for my mother." in html and 'action="/chat/send/"' in html

    response = client.post("/chat/send/", {"message": "<script>alert(1)</script> are you there?"})
    assert response.status_code == 302 and response["Location"] == "/chat/#latest"
    html = client.get("/chat/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; are you there?" in html and "<script>alert(1)" not in html


def test_errors_keep_the_typed_text(client, home, staff_available):
    start(client)
    long_text = "y" * 2001
    response = client.post("/chat/send/", {"message": long_text})
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html and "up to 2000 characters" in html
    assert long_text in html  # kept in the box
    assert Message.objects.count() == 1

    response = client.post("/chat/", {"message": "", "topic": "x"})  # a second start while open is ignored
    assert response.status_code == 302


def test_start_form_errors_are_summarised(client, home, staff_available):
    response = client.post("/chat/", {"message": "   ", "topic": "opioids"})
    html = response.content.decode()
    assert response.status_code == 400 and 'href="#id_message"' in html and 'value="opioids"' in html
    assert not response.cookies and not Conversation.objects.exists()


def test_start_is_refused_when_staff_become_unavailable(client, home):
    response = start(client)
    assert response.status_code == 503 and not Conversation.objects.exists()
    assert "No admissions counselor is free" in response.content.decode()


def test_json_fallback_send_and_poll(client, home, staff_available, admissions):
    from chat import services

    start(client)
    conv = Conversation.objects.get()
    response = client.post("/chat/send/", {"message": "via fallback"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["message"]["text"] == "via fallback"
    services.claim(conv.pk, admissions)
    services.staff_reply(conv.pk, admissions, "Hello from admissions")
    data = client.get(f"/chat/messages/?after={response.json()['message']['id']}").json()
    assert data["status"] == "active"
    assert [m["text"] for m in data["messages"]] == [
        "An admissions counselor has joined the chat.",
        "Hello from admissions",
    ]
    assert all("author" not in m for m in data["messages"])  # staff names stay private
    error = client.post("/chat/send/", {"message": ""}, HTTP_ACCEPT="application/json")
    assert error.status_code == 400 and error.json() == {"ok": False, "error": "Type a message before sending."}
    assert client.get("/chat/messages/?after=nonsense").status_code == 200


def test_cross_site_posts_are_refused(client, home, staff_available):
    assert start(client, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert start(client, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert not Conversation.objects.exists()
    assert start(client, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin").status_code == 302


def test_a_post_that_shows_no_origin_is_refused(home, staff_available):
    from django.test import Client

    bare = Client()
    assert start(bare).status_code == 403  # neither Sec-Fetch-Site nor Origin nor Referer
    assert start(bare, HTTP_ORIGIN="http://testserver:9999").status_code == 403  # another port
    assert start(bare, HTTP_ORIGIN="https://testserver").status_code == 403  # another scheme
    assert start(bare, HTTP_REFERER="http://testserver.evil.example/chat/").status_code == 403
    assert not Conversation.objects.exists()
    assert start(Client(), HTTP_ORIGIN="http://testserver").status_code == 302
    assert start(Client(), HTTP_REFERER="http://testserver/chat/").status_code == 302


def test_end_and_forget(client, home, staff_available):
    start(client)
    response = client.post("/chat/end/")
    assert response.status_code == 200
    assert "This chat has ended" in response.content.decode()
    assert response.cookies[settings.CHAT_COOKIE_NAME].value == ""  # the token leaves the device at once
    conv = Conversation.objects.get()
    assert conv.status == "closed"
    assert "I need help" not in client.get("/chat/").content.decode()
    response = client.post("/chat/forget/")
    assert response.cookies[settings.CHAT_COOKIE_NAME].value == ""
    assert response.cookies[settings.CHAT_COOKIE_NAME]["path"] == "/chat/"
    assert "forgotten on this device" in response.content.decode()


def test_forget_ends_an_open_chat(client, home, staff_available):
    start(client)
    client.post("/chat/forget/")
    assert Conversation.objects.get().status == "closed"
    assert "I need help" not in client.get("/chat/").content.decode()


@override_settings(CHAT_RATE_NEW_CONVERSATIONS=(2, 3600))
def test_new_conversations_are_rate_limited_per_client(home, staff_available):
    for _ in range(2):
        assert start(browser_client()).status_code == 302
    response = start(browser_client())
    assert response.status_code == 429 and "very quickly" in response.content.decode()
    assert Conversation.objects.count() == 2


def test_public_article_stays_cookie_free_after_visiting_chat(client, library, staff_available):
    article = DrugPageFactory(parent=library, title="Naloxone", slug="naloxone")
    start(client)
    assert settings.CHAT_COOKIE_NAME in client.cookies
    response = client.get(article.url)
    assert response.status_code == 200
    assert not response.cookies and "Set-Cookie" not in response
    # The browser would not even send the chat cookie there: it is scoped to /chat/.
    assert client.cookies[settings.CHAT_COOKIE_NAME]["path"] == "/chat/"
    assert "csrftoken" not in client.cookies and settings.SESSION_COOKIE_NAME not in client.cookies


@override_settings(
    CHANNEL_LAYERS={
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]}}
    }
)
def test_redis_down_chat_says_unavailable_and_site_keeps_working(client, library, staff_available):
    article = DrugPageFactory(parent=library, title="Xanax", slug="xanax")
    response = client.get("/chat/")
    html = response.content.decode()
    assert response.status_code == 200 and 'data-chat-state="unavailable"' in html
    assert "Live chat is unavailable right now" in html and 'href="tel:+18005550123"' in html
    assert start(client).status_code == 503
    assert client.get(article.url).status_code == 200
    assert client.get("/").status_code == 200


def test_the_token_cookie_lasts_only_for_the_browser_session(client, home, staff_available):
    start(client)
    cookie = client.cookies[settings.CHAT_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] and cookie["path"] == "/chat/"


def test_a_token_is_refused_once_its_chat_has_been_closed_a_while(client, home, staff_available):
    import datetime

    from django.utils import timezone

    start(client)
    conv = Conversation.objects.get()
    token = client.cookies[settings.CHAT_COOKIE_NAME].value
    conv.status, conv.closed_at = "closed", timezone.now()
    conv.save()
    assert "I need help" in client.get("/chat/").content.decode()  # within the grace period
    conv.closed_at = timezone.now() - datetime.timedelta(seconds=settings.CHAT_CLOSED_TOKEN_GRACE_SECONDS + 1)
    conv.save()
    client.cookies[settings.CHAT_COOKIE_NAME] = token
    assert "I need help" not in client.get("/chat/").content.decode()
    assert client.get("/chat/messages/").status_code == 404
