"""Who may touch the trust records (issue 12): every role against every new model, allowed and refused.

Granted by pages/migrations/0007_trust_permissions.py (and 0002 for the insurers); consent versions
are superuser-only by policy (intake/consent_admin.py).
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Site

from accounts import roles
from intake.consent import ConsentVersion
from intake.models import InsuranceProvider
from pages.disclosures import TrustSettings
from pages.services import LevelOfCare, Medication
from tests.factories import CredentialFactory
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": roles.EDITORS,
    "reviewer": roles.CLINICAL_REVIEWERS,
    "admissions": roles.ADMISSIONS,
    "compliance": roles.COMPLIANCE,
    "superuser": None,
}

#: Least privilege: exactly these permissions per role on the trust models, and nothing else.
EXPECTED = {
    roles.EDITORS: {"view_levelofcare", "view_medication"},
    roles.CLINICAL_REVIEWERS: {
        "add_levelofcare",
        "change_levelofcare",
        "view_levelofcare",
        "add_medication",
        "change_medication",
        "view_medication",
    },
    roles.ADMISSIONS: {"add_insuranceprovider", "change_insuranceprovider", "view_insuranceprovider"},
    roles.COMPLIANCE: {
        "add_credential",
        "change_credential",
        "view_credential",
        "change_trustsettings",
        "view_levelofcare",
        "view_medication",
    },
}
TRUST_MODELS = ["credential", "levelofcare", "medication", "insuranceprovider", "trustsettings", "consentversion"]

#: (snippet model, action) -> roles that may; everyone else is refused. Delete is for superusers only.
SNIPPET_MATRIX = {
    ("credential", "list"): {"compliance", "superuser"},
    ("credential", "add"): {"compliance", "superuser"},
    ("credential", "edit"): {"compliance", "superuser"},
    ("credential", "delete"): {"superuser"},
    ("levelofcare", "list"): {"editor", "reviewer", "compliance", "superuser"},
    ("levelofcare", "inspect"): {"editor", "reviewer", "compliance", "superuser"},
    ("levelofcare", "add"): {"reviewer", "superuser"},
    ("levelofcare", "edit"): {"reviewer", "superuser"},
    ("levelofcare", "delete"): {"superuser"},
    ("medication", "list"): {"editor", "reviewer", "compliance", "superuser"},
    ("medication", "inspect"): {"editor", "reviewer", "compliance", "superuser"},
    ("medication", "add"): {"reviewer", "superuser"},
    ("medication", "edit"): {"reviewer", "superuser"},
    ("medication", "delete"): {"superuser"},
    ("insuranceprovider", "list"): {"admissions", "superuser"},
    ("insuranceprovider", "edit"): {"admissions", "superuser"},
    ("insuranceprovider", "delete"): {"superuser"},
}


@pytest.fixture
def users(db):
    return {name: make_staff(f"{name}-trust", group, is_superuser=group is None) for name, group in ROLES.items()}


@pytest.fixture
def records(db):
    return {
        "credential": CredentialFactory(number="EX-1"),
        "levelofcare": LevelOfCare.objects.create(name="Partial hospitalization", asam_level="2.5", offered=False),
        "medication": Medication.objects.create(name="methadone", use_disorder="oud", provided=False),
        "insuranceprovider": InsuranceProvider.objects.create(name="Aetna"),
    }


def refused(response):
    """Wagtail refuses with a redirect to the dashboard (and a message) or a 403, never the page itself."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def snippet_url(model, action, obj):
    name = f"wagtailsnippets_{type(obj)._meta.app_label}_{model}:{action}"
    return reverse(name, args=[obj.pk]) if action in {"edit", "delete", "inspect"} else reverse(name)


@pytest.mark.parametrize("group", list(EXPECTED))
def test_each_role_has_exactly_its_trust_permissions(group):
    codenames = set(
        Group.objects.get(name=group)
        .permissions.filter(content_type__model__in=TRUST_MODELS)
        .values_list("codename", flat=True)
    )
    assert codenames == EXPECTED[group]


def test_no_role_may_delete_a_trust_record():
    deletes = Permission.objects.filter(codename__startswith="delete_", content_type__model__in=TRUST_MODELS)
    assert not Group.objects.filter(permissions__in=deletes).exists()


def test_consent_versions_have_no_permission_a_group_could_be_given():
    assert not Permission.objects.filter(content_type__model="consentversion").exists()


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize(("model", "action"), list(SNIPPET_MATRIX), ids=lambda v: str(v))
def test_snippet_matrix(client, users, records, role, model, action):
    client.force_login(users[role])
    response = client.get(snippet_url(model, action, records[model]))
    if role in SNIPPET_MATRIX[(model, action)]:
        assert response.status_code == 200, (role, model, action)
    else:
        assert refused(response), (role, model, action, response.status_code)


def post_snippet_edit(client, model, obj, data):
    return client.post(reverse(f"wagtailsnippets_{type(obj)._meta.app_label}_{model}:edit", args=[obj.pk]), data)


def assert_saved_only_by(allowed, role, response, value, *, was, now):
    """The roles ``allowed`` save the edit (a redirect, and the field reads ``now``); anyone else is refused
    and the field still reads ``was``."""
    if role in allowed:
        assert response.status_code == 302 and value == now
    else:
        assert refused(response) and value == was


@pytest.mark.parametrize("role", list(ROLES))
def test_only_admissions_changes_an_insurers_network_status(client, users, records, role):
    insurer = records["insuranceprovider"]
    client.force_login(users[role])
    response = post_snippet_edit(
        client,
        "insuranceprovider",
        insurer,
        {"name": "Aetna", "active": "on", "network_status": "in_network", "sort_order": 0},
    )
    insurer.refresh_from_db()
    assert_saved_only_by(
        {"admissions", "superuser"}, role, response, insurer.network_status, was="out_of_network", now="in_network"
    )


@pytest.mark.parametrize("role", list(ROLES))
def test_only_clinical_reviewers_change_what_medications_we_provide(client, users, records, role):
    medication = records["medication"]
    client.force_login(users[role])
    data = {"name": "methadone", "brand_names": "", "use_disorder": "oud", "provided": "on", "note": ""}
    response = post_snippet_edit(client, "medication", medication, data)
    medication.refresh_from_db()
    assert_saved_only_by({"reviewer", "superuser"}, role, response, medication.provided, was=False, now=True)


@pytest.mark.parametrize("role", list(ROLES))
def test_only_compliance_changes_a_licence(client, users, records, role):
    credential = records["credential"]
    client.force_login(users[role])
    data = {
        "name": credential.name,
        "kind": "licence",
        "issuing_body": credential.issuing_body,
        "state": "",
        "number": "EX-2",
        "expires_on": credential.expires_on.isoformat(),
        "verification_url": credential.verification_url,
        "is_example": "on",
        "show_publicly": "on",
    }
    response = post_snippet_edit(client, "credential", credential, data)
    credential.refresh_from_db()
    assert_saved_only_by({"compliance", "superuser"}, role, response, credential.number, was="EX-1", now="EX-2")


@pytest.mark.parametrize("role", list(ROLES))
def test_licence_expiry_report_is_for_compliance(client, users, records, role):
    client.force_login(users[role])
    response = client.get(reverse("credential_expiry_report"))
    if role in {"compliance", "superuser"}:
        assert response.status_code == 200
    else:
        assert refused(response)


@pytest.mark.parametrize("role", list(ROLES))
def test_only_compliance_edits_the_who_answers_sentence(client, users, role):
    site = Site.objects.get(is_default_site=True)
    client.force_login(users[role])
    url = reverse("wagtailsettings:edit", args=["pages", "trustsettings", site.pk])
    sentence = "Our own admissions nurses answer, day and night."
    data = {
        "who_answers": sentence,
        "crisis_lines_note": "911, 988 and the SAMHSA helpline are public services, not run by us.",
        "organization_name": "Harbor Light Recovery",
    }
    assert (client.get(url).status_code == 200) is (role in {"compliance", "superuser"})
    response = client.post(url, data)
    saved = TrustSettings.for_site(site).who_answers
    if role in {"compliance", "superuser"}:
        assert response.status_code == 302 and saved == sentence
    else:
        assert refused(response) and saved != sentence


@pytest.mark.parametrize("role", list(ROLES))
def test_consent_versions_are_for_superusers_only(client, users, role):
    version = ConsentVersion.current()
    client.force_login(users[role])
    for url in (
        reverse("part2_consent_versions:index"),
        reverse("part2_consent_versions:add"),
        reverse("part2_consent_versions:edit", args=[version.pk]),
        reverse("part2_consent_versions:inspect", args=[version.pk]),
    ):
        response = client.get(url)
        assert (response.status_code == 200) is (role == "superuser"), (role, url)
        if role != "superuser":
            assert refused(response), url


def test_a_group_granted_everything_still_cannot_touch_consent_versions(client, users):
    """Even with every permission there is, only is_superuser opens consent versions."""
    group = Group.objects.create(name="Everything but superuser")
    group.permissions.set(Permission.objects.all())
    user = users["compliance"]
    user.groups.add(group)
    client.force_login(user)
    assert refused(client.get(reverse("part2_consent_versions:index")))
    assert refused(client.get(reverse("part2_consent_versions:edit", args=[ConsentVersion.current().pk])))
