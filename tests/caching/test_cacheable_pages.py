"""Which public URLs of the demo site a shared cache may keep, and what editors and forms get instead."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

pytestmark = pytest.mark.django_db

NEVER_CACHED = [
    "/search/",
    "/search/?q=klonopin",
    "/chat/",
    "/verify-insurance/",
    "/verify-insurance/?provider=other",
    "/request-callback/",
    "/admin/",
    "/admin/login/",
    "/account/two-factor/setup/",
    "/no-such-page/",
]


def assert_shared(response):
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "s-maxage=600"} == cache_control
    assert response.has_header("ETag")
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies
    body = response.content.decode()
    # Nothing per-visitor: no CSRF token, and no POST form that would need one (the article's insurance box
    # is a GET form). The self-checks' no-JavaScript fallback posts to a view that stores nothing and needs no token.
    assert "csrfmiddlewaretoken" not in body
    post_actions = re.findall(r'<form[^>]*method="post"[^>]*>', body, flags=re.IGNORECASE)
    assert all(re.search(r'action="/self-check/\d+/result/"', form) for form in post_actions), post_actions


def assert_private(response):
    cache_control = response.get("Cache-Control", "")
    assert "private" in cache_control or "no-store" in cache_control, cache_control
    assert "public" not in cache_control
    assert "s-maxage" not in cache_control


def demo_page_urls():
    return [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]


def test_every_public_demo_page_is_shareable_and_the_rest_never(demo_site, client):
    urls = demo_page_urls()
    assert len(urls) >= 15 and "/drugs/klonopin/" in urls and "/drugs/klonopin-vs-xanax/" in urls
    for url in [*urls, "/sitemap.xml", "/robots.txt"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shared(response)
        # Nothing read the session (the userbar only renders for a session cookie), so no Vary: Cookie at source.
        assert not response.wsgi_request.session.accessed, url
    for url in NEVER_CACHED:
        assert_private(client.get(url))


def test_signed_in_editor_gets_the_userbar_and_a_private_page(demo_site, client):
    editor = get_user_model().objects.create_superuser("cache-editor", "editor@example.com", "pw-for-tests-only")
    anonymous = client.get("/drugs/klonopin/")
    assert "wagtail-userbar" not in anonymous.content.decode()

    client.force_login(editor)
    response = client.get("/drugs/klonopin/")
    assert response.status_code == 200
    assert "wagtail-userbar" in response.content.decode()
    assert_private(response)
    assert "no-store" in response["Cache-Control"]
    assert not response.has_header("ETag")


def test_etag_answers_if_none_match_with_304(demo_site, client):
    first = client.get("/drugs/klonopin/")
    again = client.get("/drugs/klonopin/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get("/drugs/klonopin/", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_in_app_cache_on_redis_serves_anonymous_visitors_only(demo_site, redis_page_cache, client):
    first = client.get("/drugs/klonopin/?from=home")
    assert first["X-Page-Cache"] == "miss"
    hit = client.get("/drugs/klonopin/?from=home")
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == first.content
    assert hit["ETag"] == first["ETag"]
    assert_shared(hit)
    # The query string and the host are part of the key.
    assert client.get("/drugs/klonopin/")["X-Page-Cache"] == "miss"
    assert client.get("/drugs/klonopin/?from=home", HTTP_HOST="localhost")["X-Page-Cache"] == "miss"
    # A cached hit still answers a conditional request with 304.
    assert client.get("/drugs/klonopin/?from=home", headers={"If-None-Match": first["ETag"]}).status_code == 304

    # An editor's session bypasses the cache both ways: never served the anonymous copy, never stored.
    editor = get_user_model().objects.create_superuser("cache-editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    signed_in = client.get("/drugs/klonopin/?from=home")
    assert "X-Page-Cache" not in signed_in
    assert "wagtail-userbar" in signed_in.content.decode()
    client.logout()
    assert "wagtail-userbar" not in client.get("/drugs/klonopin/?from=home").content.decode()


def test_responses_that_set_cookies_or_hold_a_csrf_token_are_never_stored(demo_site, redis_page_cache, client):
    for url in ("/verify-insurance/", "/request-callback/", "/chat/"):
        client.cookies.clear()
        first = client.get(url)
        second = client.get(url)
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in second, url
        assert_private(second)
    assert not [key for key in redis_page_cache._cache.get_client().keys("*") if b"pagecache:page:" in key]


def test_in_app_cache_switched_off_neither_reads_nor_writes(demo_site, redis_page_cache, client, settings):
    assert client.get("/drugs/klonopin/")["X-Page-Cache"] == "miss"  # stored
    settings.PAGE_CACHE_IN_APP = False
    response = client.get("/drugs/klonopin/")
    assert "X-Page-Cache" not in response
    assert_shared(response)  # still shareable by Varnish or a CDN


def test_varnish_passes_every_path_the_app_never_caches(settings):
    """site.vcl repeats PAGE_CACHE_EXCLUDED_PATHS in a regex; keep the two in step."""
    import re
    from pathlib import Path

    vcl = (Path(settings.BASE_DIR) / "deploy" / "varnish" / "site.vcl").read_text()
    patterns = re.findall(r'req\.url ~ "([^"]+)"', vcl)
    for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS:
        assert any(re.match(pattern, prefix) for pattern in patterns), prefix
    assert not any(re.match(pattern, "/drugs/klonopin/") for pattern in patterns)


def wsgi_get(application, path, **environ):
    """One GET through a WSGI application, as gunicorn calls it: (status line, headers, body)."""
    from io import BytesIO

    path_info, _, query = path.partition("?")
    base = {"REQUEST_METHOD": "GET", "PATH_INFO": path_info, "QUERY_STRING": query, "SERVER_NAME": "testserver",
            "SERVER_PORT": "80", "HTTP_HOST": "testserver", "wsgi.url_scheme": "http", "wsgi.input": BytesIO()}  # fmt: skip
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    body = b"".join(application({**base, **environ}, start_response))
    return started["status"], started["headers"], body


def test_wsgi_front_answers_hits_before_django_and_nothing_else(demo_site, redis_page_cache, request):
    """PageCacheWSGI (production's WSGI entry point) serves exactly what the middleware stored, and only that."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from pages import caching

    # As Django's test client does: the handler must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request.addfinalizer(lambda: request_started.connect(close_old_connections))
    request.addfinalizer(lambda: request_finished.connect(close_old_connections))
    django_calls = []
    django_app = WSGIHandler()

    def counting(environ, start_response):
        django_calls.append(environ["PATH_INFO"])
        return django_app(environ, start_response)

    front = caching.PageCacheWSGI(counting)
    status, headers, body = wsgi_get(front, "/drugs/klonopin/")
    assert status == "200 OK" and headers["X-Page-Cache"] == "miss" and django_calls == ["/drugs/klonopin/"]
    status, hit_headers, hit_body = wsgi_get(front, "/drugs/klonopin/")
    assert status == "200 OK" and hit_headers["X-Page-Cache"] == "hit" and hit_body == body
    assert django_calls == ["/drugs/klonopin/"]  # Django never saw the hit
    # The stored page carries the headers every middleware added, the same as a fresh render.
    for name in ("ETag", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Content-Length"):
        assert hit_headers[name] == headers[name], name
    # Conditional requests, editors' sessions and unknown hosts go to Django.
    assert wsgi_get(front, "/drugs/klonopin/", HTTP_IF_NONE_MATCH=headers["ETag"])[0].startswith("304")
    assert wsgi_get(front, "/drugs/klonopin/", HTTP_COOKIE="sessionid=not-a-session")[1].get("X-Page-Cache") != "hit"
    assert wsgi_get(front, "/drugs/klonopin/", HTTP_HOST="evil.example")[0].startswith("400")
    assert len(django_calls) == 4
    # A purge makes the stored copy unreachable at once.
    caching.purge_paths(["/drugs/klonopin/"])
    assert wsgi_get(front, "/drugs/klonopin/")[1]["X-Page-Cache"] == "miss"
    caching.purge_all()
    assert wsgi_get(front, "/drugs/klonopin/")[1]["X-Page-Cache"] == "miss"
    assert len(django_calls) == 6
