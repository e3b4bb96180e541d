"""Static files in production: servestatic in front of the WSGI app serves collectstatic's hashed,
pre-compressed files as immutable, without entering Django."""

import json
from io import BytesIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from treatment_site.static_serving import wrap_wsgi

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """One collectstatic for the module, of our own files."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        # Our own files only: compressing the whole Wagtail admin takes minutes on a busy machine.
        call_command("collectstatic", "--noinput", "-i", "wagtail*", "-i", "admin", "-i", "otp*", verbosity=0)
        yield json.loads((root / "staticfiles.json").read_text())["paths"]


def get(app, path, **headers):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "testserver", "SERVER_PORT": "80",
               "wsgi.input": BytesIO(), "wsgi.url_scheme": "http", **headers}  # fmt: skip
    result = {}

    def start_response(status, response_headers, exc_info=None):
        result["status"], result["headers"] = status, dict(response_headers)

    body = b"".join(app(environ, start_response))
    return result["status"], result["headers"], body


def django_app_not_called(environ, start_response):
    raise AssertionError("a static file reached Django")


def test_hashed_files_are_immutable_and_pre_compressed(collected):
    app = wrap_wsgi(django_app_not_called)
    url = "/static/" + collected["css/site.css"]
    assert url != "/static/css/site.css"
    status, headers, body = get(app, url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert status.startswith("200")
    assert headers["Content-Encoding"] == "br"
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    status, headers, _ = get(app, url, HTTP_ACCEPT_ENCODING="gzip")
    assert headers["Content-Encoding"] == "gzip"


def test_unhashed_names_get_the_short_max_age(collected, settings):
    app = wrap_wsgi(django_app_not_called)
    _, headers, _ = get(app, "/static/css/site.css")
    assert headers["Cache-Control"] == f"max-age={settings.SERVESTATIC_MAX_AGE}, public"


def test_the_favicon_is_collected(collected):
    assert "images/favicon.svg" in collected


def test_every_page_links_the_favicon(client, home):
    assert (
        '<link rel="icon" href="/static/images/favicon.svg" type="image/svg+xml">' in client.get("/").content.decode()
    )


def test_other_paths_go_to_django(collected):
    calls = []

    def django_app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    get(wrap_wsgi(django_app), "/drugs/")
    assert calls == ["/drugs/"]
