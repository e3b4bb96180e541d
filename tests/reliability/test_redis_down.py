"""Redis down: public pages, both forms and the chat page still work; chat sockets are refused cleanly."""

import pytest
from asgiref.sync import async_to_sync
from django.urls import reverse

from chat.consumers import CLOSE_UNAVAILABLE
from intake.models import VerificationRequest
from tests.chat.conftest import visitor_socket
from tests.factories import DrugPageFactory

pytestmark = pytest.mark.django_db


def test_public_pages_serve_without_redis(redis_down, library, client):
    article = DrugPageFactory(parent=library, title="Klonopin", slug="klonopin")
    for url in ["/", library.url, article.url, "/search/?q=klonopin", "/sitemap.xml"]:
        assert client.get(url).status_code == 200, url


def test_forms_save_and_rate_limit_locally_without_redis(redis_down, client, valid_data, settings):
    settings.INTAKE_RATE_LIMIT = (2, 3600)
    assert client.post(reverse("intake:verify"), valid_data).status_code == 302
    assert client.post(reverse("intake:verify"), valid_data).status_code == 302
    assert VerificationRequest.objects.count() == 2
    # The limit still holds (counted in this process), rather than refusing everyone or nobody.
    assert client.post(reverse("intake:verify"), valid_data).status_code == 429
    assert client.post(reverse("intake:verify"), valid_data, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_chat_page_offers_phone_and_callback_without_redis(redis_down, home, client):
    response = client.get(reverse("chat:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Live chat is unavailable right now" in html
    assert reverse("intake:callback") in html
    assert "tel:" in html


def test_visitor_socket_is_refused_cleanly_without_redis(redis_down, db):
    from chat import services

    _, token, _ = services.start_conversation("Hello?", "someone_else", "alcohol")

    async def handshake():
        communicator = visitor_socket(token)
        connected, code = await communicator.connect()
        await communicator.wait()
        return connected, code

    assert async_to_sync(handshake)() == (False, CLOSE_UNAVAILABLE)
