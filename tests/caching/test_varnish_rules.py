"""What the committed VCL passes, strips and refuses, checked against a real Varnish in front of the app."""

import http.client

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.caching.conftest import VARNISH_PORT, warm

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_signed_in_editor_passes_varnish_and_is_never_stored(tree, through_varnish, client):
    editor = get_user_model().objects.create_superuser("varnish-editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    session = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}
    for _ in range(2):
        status, headers, body = through_varnish.get("/drugs/klonopin/", session)
        assert status == 200 and headers["X-Cache"] == "MISS"
        assert "wagtail-userbar" in body
        assert "no-store" in headers["Cache-Control"]
    # The anonymous copy never held the editor's userbar.
    assert "wagtail-userbar" not in through_varnish.get("/drugs/klonopin/")[2]


def test_other_cookies_are_stripped_so_visitors_share_one_copy(tree, through_varnish):
    status, headers, _ = through_varnish.get("/drugs/xanax/", {"Cookie": "csrftoken=abc; theme=dark"})
    assert status == 200 and headers["X-Cache"] == "HIT"  # warmed by the fixture without cookies


def test_search_forms_and_posts_always_reach_the_app(tree, through_varnish):
    for path in ("/search/?q=klonopin", "/verify-insurance/", "/chat/", "/admin/login/"):
        first = through_varnish.get(path)
        second = through_varnish.get(path)
        assert first[1]["X-Cache"] == "MISS" and second[1]["X-Cache"] == "MISS", path
    status, headers, _ = through_varnish.request("POST", "/drugs/klonopin/")
    assert headers["X-Cache"] == "MISS"


def test_purge_and_ban_only_from_the_purgers_acl(tree, through_varnish):
    # 127.0.0.2 is loopback too, but not in the VCL's ACL.
    connection = http.client.HTTPConnection("127.0.0.1", VARNISH_PORT, timeout=10, source_address=("127.0.0.2", 0))
    connection.request("PURGE", "/drugs/klonopin/", headers={"Host": "testserver"})
    assert connection.getresponse().status == 405
    connection.close()
    assert through_varnish.get("/drugs/klonopin/")[1]["X-Cache"] == "HIT"

    status, _, _ = through_varnish.request("PURGE", "/drugs/klonopin/")
    assert status == 200
    assert through_varnish.get("/drugs/klonopin/")[1]["X-Cache"] == "MISS"
    warm(through_varnish, ["/drugs/klonopin/"])
    assert through_varnish.request("BAN", "/", {"X-Ban-Path": "^/drugs/"})[0] == 200
    assert through_varnish.get("/drugs/xanax/")[1]["X-Cache"] == "MISS"
    assert through_varnish.get("/treatment/")[1]["X-Cache"] == "HIT"


def test_varnish_answers_if_none_match_from_its_copy(tree, through_varnish):
    _, headers, _ = through_varnish.get("/drugs/klonopin/")
    status, again, body = through_varnish.get("/drugs/klonopin/", {"If-None-Match": headers["ETag"]})
    assert (status, again["X-Cache"], body) == (304, "HIT", "")
