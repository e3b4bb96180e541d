"""Every public page carries the header, crisis notice, landmarks and ways to reach a person."""

import re

import pytest
from django.template import loader

from tests.factories import ContentPageFactory, DrugPageFactory, ProgramIndexPageFactory, section

pytestmark = pytest.mark.django_db

PAGES = ["/", "/drugs/", "/drugs/klonopin/", "/search/?q=klonopin", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_crisis_notice_header_and_landmarks(client, reviewed_klonopin, path):
    html = client.get(path).content.decode()
    assert 'href="tel:911"' in html and 'href="tel:988"' in html and 'href="tel:+18006624357"' in html
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and '<nav class="site-nav" aria-label="Main">' in html and "<footer" in html
    assert 'href="tel:+18005550123"' in html  # admissions, from ContactSettings
    assert 'href="/verify-insurance/"' in html
    assert html.count("<h1") == 1


def test_phone_comes_from_site_settings(client, home):
    """Public requests read the settings from the cache; saving them shows the new phone on the next request."""
    from pages.models import ContactSettings

    assert 'href="tel:+18005550123"' in client.get("/").content.decode()  # now cached
    contact = ContactSettings.for_site(home.get_site())
    contact.admissions_phone = "+12125550199"
    contact.save()
    html = client.get("/").content.decode()
    assert 'href="tel:+12125550199"' in html and "(212) 555-0199" in html


def test_live_chat_falls_back_to_the_contact_page_until_chat_exists(client, home):
    from django.urls import NoReverseMatch, reverse

    html = client.get("/").content.decode()
    try:
        expected = reverse("chat:index")
    except NoReverseMatch:
        expected = "/contact/"
    assert re.search(rf'<a href="{re.escape(expected)}"[^>]*>Live chat</a>', html)


def test_main_navigation_is_found_from_the_site_root(client, home, library):
    library.slug = "substances"
    library.save_revision().publish()
    ProgramIndexPageFactory(parent=home, title="Our programs", slug="programs")
    ContentPageFactory(parent=home, title="Privacy", slug="privacy")
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert '<a href="/substances/">Drug library</a>' in nav
    assert '<a href="/programs/">Our programs</a>' in nav
    assert "Privacy" not in nav
    assert '<a href="/privacy/">Privacy</a>' in html  # plain pages go to the footer


def test_current_section_is_marked_in_the_navigation(client, reviewed_klonopin):
    html = client.get("/drugs/klonopin/").content.decode()
    assert '<a href="/drugs/" aria-current="page">Drug library</a>' in html


def test_article_has_toc_key_facts_review_box_and_two_calls_to_action(client, reviewed_klonopin):
    html = client.get("/drugs/klonopin/").content.decode()
    assert '<nav class="toc" aria-labelledby="toc-heading">' in html
    assert html.count('<a href="#section-') == 6
    assert 'class="key-facts"' in html and "Schedule IV" in html and "K-pin" in html
    assert ">Dr. Ada Example</a>, MD" in html and 'Page last reviewed: <time datetime="2026-06-15">' in html
    body = html[html.index('id="section-1"') :]
    # One insurance CTA halfway through the six sections, one at the end.
    middle = body.index('id="insurance-cta-middle"')
    assert body.index('id="section-3"') < middle < body.index('id="section-4"')
    assert 'id="insurance-cta-end"' in body[middle:]


def test_editor_placed_cta_replaces_the_automatic_middle_one(client, library):
    page = DrugPageFactory(
        parent=library,
        slug="placed",
        body=[
            section("One", "1"),
            {"type": "insurance_cta", "value": {"heading": "Placed by an editor", "text": ""}},
            section("Two", "2"),
            section("Three", "3"),
            section("Four", "4"),
        ],
    )
    html = client.get(page.url).content.decode()
    assert "Placed by an editor" in html
    assert 'id="insurance-cta-middle"' not in html


def test_short_article_gets_only_the_closing_cta(client, library):
    page = DrugPageFactory(parent=library, slug="short")
    html = client.get(page.url).content.decode()
    assert 'id="insurance-cta-middle"' not in html and 'id="insurance-cta-end"' in html


def test_library_groups_by_letter_and_class_with_jump_links(client, library, reviewed_klonopin):
    html = client.get("/drugs/").content.decode()
    assert '<a href="#letter-k">K</a>' in html and 'id="letter-k"' in html
    assert 'id="class-benzodiazepine"' in html and "Benzodiazepines" in html
    assert 'action="/search/"' in html


def test_404_is_styled_and_reveals_nothing(client, home, library):
    response = client.get("/no-such-page/<script>/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "couldn't find that page" in html
    assert '<a href="/drugs/">Drug library</a>' in html
    for leak in ("Traceback", "urlpatterns", "wagtail", "Page not found at", "<script>/"):
        assert leak not in html


@pytest.mark.parametrize(
    ("name", "heading"), [("400.html", "We could not read that request"), ("500.html", "Something went wrong")]
)
def test_error_templates_are_plain_html_that_needs_no_context_or_database(name, heading):
    """When the database or a template tag is what failed, the error pages must not depend on either:
    the page and the frame it extends use block tags only, no variables, no loaded tags."""
    for source in (loader.get_template(name).template.source, loader.get_template("error_page.html").template.source):
        assert "{{" not in source, f"{name} must be static HTML"
        tags = set(re.findall(r"{%\s*(\w+)", source))
        assert tags <= {"extends", "block", "endblock", "comment", "endcomment"}, f"{name} must be static HTML"
    html = loader.get_template(name).render()
    assert heading in html and 'href="tel:988"' in html and 'href="tel:911"' in html


def test_server_error_renders_the_500_page_through_the_sites_own_handler(client, home, settings):
    """A failing view added to the real URLconf: whatever handler500 the site configures must answer."""
    from django.urls import path

    import treatment_site.urls as site_urls

    def broken(request):
        raise RuntimeError("secret internal detail")

    handlers = {name: getattr(site_urls, name) for name in ("handler500",) if hasattr(site_urls, name)}
    settings.ROOT_URLCONF = type(
        "urlconf", (), {"urlpatterns": [path("boom/", broken), *site_urls.urlpatterns], **handlers}
    )
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html and 'href="tel:988"' in html
    assert "secret internal detail" not in html and "Traceback" not in html


@pytest.mark.parametrize("path", ["/", "/drugs/", "/drugs/klonopin/", "/search/?q=pins", "/no-such-page/"])
def test_public_pages_set_no_cookies_and_carry_no_csrf_token(client, reviewed_klonopin, path):
    response = client.get(path)
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_every_form_field_on_public_pages_has_a_label(client, reviewed_klonopin):
    for path in ["/", "/drugs/", "/search/?q=x", "/no-such-page/"]:
        html = client.get(path).content.decode()
        for field_id in re.findall(r'<input[^>]*\bid="([^"]+)"', html):
            assert re.search(rf'<label[^>]*\bfor="{field_id}"', html), (path, field_id)
