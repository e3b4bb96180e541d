"""Hostile input gets a polite 4xx, never a 500: Unicode digits as ids, non-UTF-8 form posts."""

import pytest
from django.urls import reverse

from intake.models import VerificationRequest
from treatment_site.ids import parse_id

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", "①", "١٢", "12a", "", " ", "-1", "1" * 19, None, "+5"])
def test_only_ascii_digit_ids_parse(value):
    assert parse_id(value) is None


def test_plain_ids_parse():
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7


@pytest.mark.parametrize("source", ["²", "١٢", "9" * 30])
def test_unicode_digit_source_keeps_a_valid_submission(client, home, valid_data, source):
    """?source=%C2%B2 used to turn a valid submission into a 500 and lose what was typed."""
    assert client.get(reverse("intake:callback"), {"source": source}).status_code == 200
    assert client.get(reverse("intake:verify"), {"source": source, "substance": source}).status_code == 200
    response = client.post(reverse("intake:verify"), {**valid_data, "source": source})
    assert response.status_code == 302
    assert VerificationRequest.objects.get().source_page_id == ""


@pytest.mark.parametrize("path", ["/verify-insurance/", "/chat/", "/", "/search/", "/no-such-page/"])
@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "bogus-charset"])
def test_non_utf8_form_post_gets_a_polite_answer(client, home, path, charset):
    client.raise_request_exception = False
    response = client.generic(
        "POST",
        path,
        data=b"full_name=J%E9r%F4me&x=\xff",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    # /chat/ answers 503 "nobody is available" to a readable post when no counselor is online.
    assert response.status_code < 500 or (path == "/chat/" and response.status_code == 503)
    if response.status_code == 400:
        assert "We could not read that request" in response.content.decode()
    assert not VerificationRequest.objects.exists()


def test_error_views_never_read_the_body(rf):
    from treatment_site.error_views import bad_request, server_error

    request = rf.generic("POST", "/", data=b"a=\xff", content_type="application/x-www-form-urlencoded; charset=latin-1")
    request._read_started = True  # any read of the body would now raise RawPostDataException
    assert bad_request(request, None).status_code == 400
    page = server_error(request)
    assert page.status_code == 500 and b"988" in page.content
