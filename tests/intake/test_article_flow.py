"""A visitor goes from the Klonopin article to the full form to the thank-you page; the article stays cacheable."""

from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest

from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db


class CtaFormParser(HTMLParser):
    """Collects the first compact insurance form: its action, selects' options and hidden inputs."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self.options, self._in_form, self._done = None, {}, [], False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "insurance-cta__form" in attrs.get("class", "") and not self._done:
            self._in_form, self.action = True, attrs["action"]
            self.method = attrs.get("method")
        elif self._in_form and tag == "input":
            self.fields[attrs["name"]] = attrs.get("value", "")
        elif self._in_form and tag == "option":
            self.options.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def test_article_is_cookie_free_and_csrf_free(client, klonopin, aetna):
    response = client.get(klonopin.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "insurance-cta__form" in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_full_submit_from_the_klonopin_article(client, klonopin, aetna, valid_data, django_capture_on_commit_callbacks):
    article = client.get(klonopin.url)
    parser = CtaFormParser()
    parser.feed(article.content.decode())
    assert parser.method == "get" and parser.action == "/verify-insurance/"
    assert parser.fields == {"substance": str(klonopin.pk), "source": str(klonopin.pk)}
    assert str(aetna.pk) in parser.options and "other" in parser.options

    # The visitor picks their insurer and presses "Check my coverage".
    form_page = client.get(parser.action + "?" + urlencode({**parser.fields, "provider": aetna.pk}))
    assert form_page.status_code == 200
    form = form_page.context["form"]
    assert form["provider"].value() == str(aetna.pk)
    assert form["substances"].value() == [str(klonopin.pk)]
    assert form["source"].value() == str(klonopin.pk)
    html = form_page.content.decode()
    assert f'<option value="{aetna.pk}" selected>' in html
    assert f'value="{klonopin.pk}"' in html and "checked" in html

    post_data = {**valid_data, "provider": str(aetna.pk), "substances": [str(klonopin.pk)], "source": str(klonopin.pk)}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(parser.action, post_data, follow=True)
    final_url = response.redirect_chain[-1][0]
    assert final_url == "/verify-insurance/thank-you/"
    assert not urlsplit(final_url).query
    assert response.status_code == 200

    stored = VerificationRequest.objects.get()
    assert stored.source_page().specific == klonopin
    assert stored.substances() == [klonopin]
    assert stored.provider == aetna


def test_bogus_prefill_values_are_ignored(client, aetna):
    response = client.get("/verify-insurance/?provider=999&substance=abc&source=<script>")
    form = response.context["form"]
    assert form["provider"].value() in (None, "")
    assert not form["substances"].value()
    assert not form["source"].value()
