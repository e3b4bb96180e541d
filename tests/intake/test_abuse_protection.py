"""Bots and floods: the honeypot stores nothing but looks like success; a per-client rate limit answers 429."""

import pytest
from django.test import override_settings
from django.urls import reverse

from intake.models import VerificationRequest

pytestmark = pytest.mark.django_db


def test_honeypot_looks_like_success_but_stores_nothing(client, valid_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("intake:verify"), {**valid_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:verify_thanks")
    assert not VerificationRequest.objects.exists()


def test_honeypot_field_is_hidden_from_people(client, aetna):
    html = client.get(reverse("intake:verify")).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_form_page_has_csrf_protection(aetna, valid_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("intake:verify"), valid_data).status_code == 403
    assert not VerificationRequest.objects.exists()
    assert "csrfmiddlewaretoken" in strict.get(reverse("intake:verify")).content.decode()


@override_settings(INTAKE_RATE_LIMIT=(3, 3600))
def test_rate_limit_keeps_the_form_and_says_it_was_not_sent(client, valid_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            assert client.post(reverse("intake:verify"), valid_data).status_code == 302
        response = client.post(reverse("intake:verify"), valid_data)
    html = response.content.decode()
    assert response.status_code == 429
    assert "This form has not been sent" in html and "Everything you typed is still here" in html
    assert "we have it" not in html  # the old page claimed a form it never stored
    assert 'value="Jordan Testperson"' in html  # nothing typed is lost
    assert VerificationRequest.objects.count() == 3
    # The limit is per client: another address is not affected.
    other = client.post(reverse("intake:callback"), {}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200


@override_settings(INTAKE_RATE_LIMIT=(1, 3600))
def test_typing_mistakes_do_not_count_against_the_limit(client, valid_data):
    """Three invalid tries, then the first valid send goes through."""
    for _ in range(3):
        assert client.post(reverse("intake:verify"), {**valid_data, "phone": "12"}).status_code == 200
    assert client.post(reverse("intake:verify"), valid_data).status_code == 302
    assert VerificationRequest.objects.count() == 1


@override_settings(INTAKE_POST_FLOOD_LIMIT=(2, 3600))
def test_flood_cap_counts_every_post_including_bots(client, valid_data):
    client.post(reverse("intake:callback"), {"website": "bot"})
    client.post(reverse("intake:callback"), {})
    assert client.post(reverse("intake:callback"), {"website": "bot"}).status_code == 429
    response = client.post(reverse("intake:verify"), valid_data)
    assert response.status_code == 429 and 'value="Jordan Testperson"' in response.content.decode()
    assert not VerificationRequest.objects.exists()


def test_rate_limit_cache_key_holds_no_ip_address(rf):
    from treatment_site import clients

    key = clients.bucket("intake-accepted", clients.request_address(rf.post("/", REMOTE_ADDR="203.0.113.9")))
    assert "203.0.113.9" not in key and key.startswith("client-limit:intake-accepted:")


@override_settings(INTAKE_POST_FLOOD_LIMIT=(2, 3600))
def test_a_forged_forwarded_for_header_gets_no_fresh_bucket(client):
    for n in range(2):
        client.post(reverse("intake:callback"), {"website": "bot"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    third = client.post(reverse("intake:callback"), {"website": "bot"}, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert third.status_code == 429
