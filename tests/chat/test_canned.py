"""Canned replies: Admissions leads edit them (permissions from a data migration), every counselor sees
them beside the reply box with their Alt+number key; other staff cannot edit them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from chat import services
from chat.models import CannedReply
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    user = make_staff("lee", "Admissions")
    user.groups.add(Group.objects.get(name="Admissions leads"))
    return user


def test_leads_group_has_the_canned_reply_permissions_from_the_migration():
    codenames = set(Group.objects.get(name="Admissions leads").permissions.values_list("codename", flat=True))
    assert {"add_cannedreply", "change_cannedreply", "delete_cannedreply", "access_admin"} <= codenames
    assert not Group.objects.get(name="Admissions").permissions.filter(codename="change_cannedreply").exists()


def test_a_lead_adds_a_reply_and_a_counselor_sees_it_keyed_in_the_console(client, lead, admissions):
    client.force_login(lead)
    response = client.post(
        reverse("canned_replies:add"),
        {"title": "Insurance check", "text": "We can check your insurance for free.", "sort_order": 1},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CannedReply.objects.get().title == "Insurance check"

    conv, _, _ = services.start_conversation("Hello")
    services.claim(conv.pk, admissions)
    client.force_login(admissions)
    page = client.get(reverse("chat_admin:conversation", args=[conv.pk])).content.decode()
    assert 'data-canned-text="We can check your insurance for free."' in page
    assert 'aria-keyshortcuts="Alt+1"' in page and "1. Insurance check" in page


def test_counselors_who_are_not_leads_cannot_edit_replies(client, admissions):
    CannedReply.objects.create(title="Hours", text="We answer 24/7.")
    client.force_login(admissions)
    response = client.post(reverse("canned_replies:add"), {"title": "Mine", "text": "x", "sort_order": 2})
    assert response.status_code in {302, 403} and CannedReply.objects.count() == 1
    assert "Canned replies" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_only_the_first_nine_have_keys():
    for n in range(11):
        CannedReply.objects.create(title=f"Reply {n}", text="t", sort_order=n)
    from chat.canned import for_console

    assert [r.key for r in for_console()] == [1, 2, 3, 4, 5, 6, 7, 8, 9, None, None]
