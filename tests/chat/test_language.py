"""Issue 16: a chat started on the Spanish page (/es/chat/) is recorded as Spanish, answered in Spanish, and
Admissions can see and filter it; the visitor's page, its errors and its notices are in Spanish."""

import json
import re

import pytest
from django.conf import settings

from chat import availability
from chat.models import Conversation, Message

from .conftest import browser_client, receive_message, receive_until, run, session_cookie, staff_socket, visitor_socket


def start(client, prefix="/es", message="Necesito ayuda para mi madre."):
    return client.post(f"{prefix}/chat/", {"message": message, "asking_for": "someone_else", "topic": "alcohol"})


def script_texts(html):
    """The json_script block the page hands chat.js and live-socket.js."""
    match = re.search(r'<script id="live-texts" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the chat page renders its script wording"
    return json.loads(match.group(1))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("redis_layer")
def test_chat_started_on_the_spanish_page_is_spanish_over_http_and_its_socket(home, staff_available, admissions):
    client = browser_client()
    response = start(client)
    assert response.status_code == 302 and response["Location"] == "/es/chat/"
    cookie = response.cookies[settings.CHAT_COOKIE_NAME]
    assert cookie["path"] == "/es/chat/"  # reaches the Spanish page and its socket, nothing else
    conversation = Conversation.objects.get()
    assert conversation.language == "es"

    english = browser_client()
    start(english, prefix="", message="I need help for my mother.")
    assert Conversation.objects.order_by("pk").last().language == "en"
    assert english.cookies[settings.CHAT_COOKIE_NAME]["path"] == "/chat/"

    token, staff_cookie = cookie.value, session_cookie(admissions)

    async def body():
        visitor = visitor_socket(token, path="/es/chat/ws/")
        staff = staff_socket(staff_cookie)
        assert (await visitor.connect())[0]
        assert (await staff.connect())[0]
        await visitor.send_json_to({"type": "message", "text": "   ", "client_id": "v1"})
        error = await receive_until(visitor, "error")
        assert error["message"] == "Escriba un mensaje antes de enviarlo."
        await staff.send_json_to({"type": "claim", "conversation": conversation.pk, "client_id": "k1"})
        joined = await receive_message(visitor, "system")
        assert joined["message"]["text"] == "Un consejero de admisiones se ha unido al chat."
        await visitor.disconnect()
        await staff.disconnect()

    run(body)

    page = client.get("/es/chat/").content.decode()
    assert "Un consejero de admisiones le está atendiendo." in page  # the state line, rendered on load
    assert "Un consejero de admisiones se ha unido al chat." in page
    assert Message.objects.filter(conversation__language="en", sender="system").count() == 0


@pytest.mark.django_db
def test_spanish_chat_page_speaks_spanish(client, home, staff_available):
    html = client.get("/es/chat/").content.decode()
    for spanish in (
        "Chat en vivo con admisiones",
        "Hay un consejero de admisiones disponible",
        "¿Para quién pregunta? (opcional)",
        "Para un ser querido",
        "Hasta 2,000 caracteres, solo texto. No hace falta su nombre.",
        "Comenzar el chat",
    ):
        assert spanish in html
    assert 'action="/es/chat/"' in html
    for english in ("Live chat with admissions", "Start chat", "Who are you asking for?"):
        assert english not in html

    response = client.post("/es/chat/", {"message": "   "})
    assert response.status_code == 400
    assert "Escriba un mensaje antes de enviarlo." in response.content.decode()

    assert start(client).status_code == 302
    html = client.get("/es/chat/").content.decode()
    assert 'data-ws-path="/es/chat/ws/"' in html and 'data-send-url="/es/chat/send/"' in html
    texts = script_texts(html)
    assert texts["states"]["nobody"].startswith("En este momento no hay nadie libre")
    assert texts["who"] == {"visitor": "Usted", "staff": "Consejero de admisiones", "system": "Aviso"}
    assert texts["zone"] == "Las horas se muestran en su zona horaria (%(zone)s)."
    assert "Terminar el chat" in html and "Olvidar esta conversación en este dispositivo" in html

    json_error = client.post("/es/chat/send/", {"message": ""}, headers={"Accept": "application/json"})
    assert json_error.json()["error"] == "Escriba un mensaje antes de enviarlo."

    ended = client.post("/es/chat/end/").content.decode()
    assert "Este chat ha terminado y ya no queda guardado en este dispositivo." in ended


@pytest.mark.django_db
def test_spanish_offline_panel(client, home):
    html = client.get("/es/chat/").content.decode()
    panel = html.split("data-chat-offline", 1)[1].split("</section>", 1)[0]
    assert "En este momento no hay ningún consejero de admisiones libre para chatear" in panel
    assert "Si está en una crisis ahora mismo" in panel and "Pedir que le llamemos" in panel
    assert 'href="/es/request-callback/"' in panel
    assert "If you are in crisis" not in panel


@pytest.mark.django_db
def test_console_filters_by_language_and_marks_spanish_chats(client, home, staff_available, admissions):
    spanish, english = browser_client(), browser_client()
    start(spanish)
    start(english, prefix="", message="I need help for my mother.")
    es, en = Conversation.objects.get(language="es"), Conversation.objects.get(language="en")
    client.force_login(admissions)

    everyone = client.get("/admin/chat/").content.decode()
    assert es.reference in everyone and en.reference in everyone
    assert everyone.count("<strong>Spanish-speaking</strong>: answer in Spanish") == 1

    only_spanish = client.get("/admin/chat/?language=es").content.decode()
    assert es.reference in only_spanish and en.reference not in only_spanish
    assert "?part=queue&amp;language=es" in only_spanish  # the live refresh keeps the filter
    only_english = client.get("/admin/chat/?part=queue&language=en").content.decode()
    assert en.reference in only_english and es.reference not in only_english

    page = client.get(f"/admin/chat/{es.pk}/").content.decode()
    assert "<strong>Spanish-speaking</strong>: answer in Spanish" in page
    assert "Spanish-speaking" not in client.get(f"/admin/chat/{en.pk}/").content.decode()
    availability.set_available(admissions, False)


@pytest.mark.django_db
def test_crawlers_skip_the_spanish_chat(client):
    assert "Disallow: /es/chat/" in client.get("/robots.txt").content.decode().splitlines()
