"""The strict Content-Security-Policy holds: sent on public pages, and no template needs an exception."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts import roles
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
PUBLIC_PATHS = ["/", "/drugs/", "/drugs/klonopin/", "/search/?q=pins", "/no-such-page/", "/verify-insurance/"]

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)


def inline_code(html):
    return [
        pattern.pattern
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER, JAVASCRIPT_URL)
        if pattern.search(html)
    ]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_the_strict_policy(client, reviewed_klonopin, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "nonce-" not in policy


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_rendered_public_pages_hold_no_inline_code(client, reviewed_klonopin, path):
    assert inline_code(client.get(path).content.decode()) == []


def test_the_admin_keeps_its_own_looser_policy(client, home):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def owned_templates():
    return sorted(path for path in TEMPLATES_DIR.rglob("*.html") if "wagtailadmin" not in path.parts)


def test_templates_exist_to_check():
    assert len(owned_templates()) > 20


@pytest.mark.parametrize("path", owned_templates(), ids=lambda path: str(path.relative_to(TEMPLATES_DIR)))
def test_no_template_contains_inline_script_style_or_handlers(path):
    assert inline_code(path.read_text()) == []


def test_the_checker_catches_what_it_should():
    assert inline_code("<script>alert(1)</script>")
    assert inline_code('<p style="color:red">')
    assert inline_code('<a href="#" onclick="x()">')
    assert inline_code("<style>p{}</style>")
    assert not inline_code('<script src="/static/js/a.js" defer></script>')
    assert not inline_code('<script type="application/ld+json">{}</script>')


def test_the_editors_preview_may_be_framed_by_the_admin_only(client, reviewed_klonopin):
    """The preview panel frames the page's preview; the public page itself still refuses every frame."""
    client.force_login(make_staff("editor-preview", roles.EDITORS))
    revision = reviewed_klonopin.save_revision()
    # The revision preview goes through the page's serve_preview, as the side panel's preview does.
    preview = client.get(reverse("wagtailadmin_pages:revisions_view", args=[reviewed_klonopin.pk, revision.pk]))
    assert preview.status_code == 200
    assert reviewed_klonopin.title in preview.content.decode()
    directives = dict(part.strip().split(" ", 1) for part in preview["Content-Security-Policy"].split(";"))
    assert directives["frame-ancestors"] == "'self'"
    assert directives["script-src"] == "'self'"  # the page's own strict policy, not the admin's
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    client.logout()
    public = client.get(reviewed_klonopin.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"
