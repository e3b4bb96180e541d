"""Only superusers link a medical-reviewer profile to an account, and only to a member of Clinical reviewers."""

import pytest
from django.urls import reverse

from pages.snippets import MedicalReviewer
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return MedicalReviewer.objects.create(name="Dr. Sam Rivera", slug="sam-rivera", credentials="MD")


def edit(client, profile, **fields):
    data = {
        "name": profile.name,
        "slug": profile.slug,
        "credentials": profile.credentials,
        "role": "",
        "bio": "",
        **fields,
    }
    return client.post(reverse("wagtailsnippets_pages_medicalreviewer:edit", args=[profile.pk]), data)


def test_a_clinical_reviewer_cannot_link_a_profile_to_anyone(client, reviewer, profile):
    client.force_login(reviewer)
    form_page = client.get(reverse("wagtailsnippets_pages_medicalreviewer:edit", args=[profile.pk])).content.decode()
    assert 'name="user"' not in form_page
    response = edit(client, profile, user=reviewer.pk, bio="Edited bio")
    assert response.status_code == 302  # the rest of the profile still saves
    profile.refresh_from_db()
    assert profile.user is None and profile.bio == "Edited bio"


def test_a_superuser_links_only_members_of_clinical_reviewers(client, superuser, profile):
    editor = make_staff("erin", "Editors")
    reviewer = make_staff("riley", "Clinical reviewers")
    client.force_login(superuser)
    refused = edit(client, profile, user=editor.pk)
    assert refused.status_code == 200  # the form again, with the choice refused
    profile.refresh_from_db()
    assert profile.user is None
    assert edit(client, profile, user=reviewer.pk).status_code == 302
    profile.refresh_from_db()
    assert profile.user == reviewer
