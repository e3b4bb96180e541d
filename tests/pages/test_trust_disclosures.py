"""Disclosures the public sees: who answers beside every phone link, licences, JSON-LD, policy links."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from intake.consent import ConsentVersion
from intake.models import InsuranceProvider
from pages.disclosures import TrustSettings
from tests.factories import ContentPageFactory, CredentialFactory, one_page_of_each_type
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db

WHO = "Calls and chats are answered by Harbor Light Recovery's own admissions team, not a call center."
CRISIS = "911, 988 and the SAMHSA helpline are public services, not run by us."
ADMISSIONS = "tel:+18005550123"


@pytest.fixture
def superuser(db):
    return make_staff("sam-super", is_superuser=True)


@pytest.fixture
def plain_staff(db):
    return make_staff("pat-staff")


@pytest.fixture
def every_page_type(home, library, reviewed_klonopin):
    """One live page of each type, plus the public form pages that show a phone number."""
    urls = [page.url for page in one_page_of_each_type(home, library, reviewed_klonopin).values()]
    return urls + [
        reverse("intake:verify"),
        reverse("intake:verify_thanks"),
        reverse("intake:callback"),
        reverse("intake:callback_thanks"),
        reverse("chat:index"),
        reverse("search") + "?q=klonopin",
        reverse("reviewer_profile", args=[reviewed_klonopin.reviewer.slug]),
    ]


def tel_links_without_answerer(html):
    """Every tel: link whose own line (its parent, or the parent's parent) lacks the right sentence."""
    soup = BeautifulSoup(html, "html.parser")
    missing = []
    links = soup.select('a[href^="tel:"]')
    for link in links:
        expected = WHO if link["href"] == ADMISSIONS else CRISIS
        nearby = [link.parent, link.parent.parent]
        if link.get("aria-describedby"):  # the sentence is tied to the link for screen readers too
            nearby.append(soup.find(id=link["aria-describedby"]))
        if not any(expected in " ".join(node.get_text(" ").split()) for node in nearby if node is not None):
            missing.append((link["href"], " ".join(link.parent.get_text(" ").split())[:80]))
    return links, missing


def test_who_answers_is_beside_every_tel_link_on_every_page_type(client, every_page_type):
    checked = 0
    for url in every_page_type:
        response = client.get(url)
        assert response.status_code == 200, url
        links, missing = tel_links_without_answerer(response.content.decode())
        assert links, url
        assert missing == [], url
        checked += len(links)
    assert checked > 40


def test_who_answers_is_beside_every_tel_link_on_the_not_found_page(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    links, missing = tel_links_without_answerer(response.content.decode())
    assert links and missing == []


def test_chat_links_carry_who_answers(client, home):
    soup = BeautifulSoup(client.get(home.url).content.decode(), "html.parser")
    chat_links = soup.select('a[href="/chat/"]')
    assert chat_links
    for link in chat_links:
        described = link.get("aria-describedby")
        text = soup.find(id=described).get_text() if described else link.parent.get_text(" ")
        assert WHO in " ".join(text.split())


def test_the_sentence_is_edited_in_settings(client, home):
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.who_answers = "Our own nurses answer, day and night."
    trust.save()
    html = client.get(home.url).content.decode()
    assert "Our own nurses answer, day and night." in html and WHO not in html


@pytest.fixture
def credentials(home):
    today = timezone.localdate()
    site = Site.objects.get(is_default_site=True)
    about = ContentPageFactory(parent=home, title="About", slug="about")
    trust = TrustSettings.for_site(site)
    trust.about_page = about
    trust.save()
    return {
        "about": about,
        "valid": CredentialFactory(number="EX-000-TEST", state="Florida", is_example=True),
        "soon": CredentialFactory(
            name="Accreditation",
            kind="accreditation",
            issuing_body="Example Accreditor",
            number="AC-1",
            expires_on=today + datetime.timedelta(days=59),
            verification_url="https://accreditor.example/",
        ),
        "expired": CredentialFactory(
            name="Old certificate", number="OLD-9", expires_on=today - datetime.timedelta(days=1)
        ),
    }


def test_about_page_and_footer_show_licences_with_verification_links(client, credentials):
    soup = BeautifulSoup(client.get(credentials["about"].url).content.decode(), "html.parser")
    section = soup.select_one("main .credentials")
    text = " ".join(section.get_text(" ").split())
    assert "Number EX-000-TEST" in text and "fictional example" in text
    assert "Expired" in text  # an expired one is said to be expired, not shown as valid
    assert section.find("a", href="https://licensing.example/verify")
    footer = soup.select_one("footer .credentials--compact")
    assert "EX-000-TEST" in footer.get_text() and footer.find("a", href="https://accreditor.example/")


def test_json_ld_names_the_organization_and_its_current_credentials(client, credentials):
    html = client.get(credentials["about"].url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    publisher = data["publisher"]
    assert publisher["@type"] == "MedicalOrganization"
    numbers = [credential["identifier"] for credential in publisher["hasCredential"]]
    assert sorted(numbers) == ["AC-1", "EX-000-TEST"]  # the expired one backs nothing
    valid = next(c for c in publisher["hasCredential"] if c["identifier"] == "EX-000-TEST")
    assert valid["recognizedBy"]["name"] == "Example State Department of Health"
    assert valid["url"] == "https://licensing.example/verify"


def test_expiry_report_lists_licences_expired_or_due_within_60_days(client, credentials, superuser):
    client.force_login(superuser)
    response = client.get(reverse("credential_expiry_report"))
    names = [credential.name for credential in response.context["credentials"]]
    assert names == ["Old certificate", "Accreditation"]
    text = response.content.decode()
    assert "Expired 1 days ago" in text and "Expires in 59 days" in text


@pytest.mark.parametrize(("days", "listed"), [(-400, True), (0, True), (60, True), (61, False)])
def test_expiry_report_boundary_is_60_days(client, superuser, days, listed):
    CredentialFactory(name="Boundary licence", expires_on=timezone.localdate() + datetime.timedelta(days=days))
    client.force_login(superuser)
    names = [credential.name for credential in client.get(reverse("credential_expiry_report")).context["credentials"]]
    assert (names == ["Boundary licence"]) is listed


def test_staff_without_licence_permissions_cannot_open_the_expiry_report(client, credentials, plain_staff):
    client.force_login(plain_staff)
    response = client.get(reverse("credential_expiry_report"))
    assert response.status_code in {302, 403}


def test_review_box_links_to_the_editorial_policy(client, home, reviewed_klonopin):
    policy = ContentPageFactory(parent=home, title="Editorial policy", slug="editorial-policy")
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.editorial_policy_page = policy
    trust.save()
    soup = BeautifulSoup(client.get(reviewed_klonopin.url).content.decode(), "html.parser")
    box = soup.select_one(".medical-review")
    assert "Medically reviewed by" in box.get_text() and box.find("a", href=policy.url)


def test_form_chat_and_footer_link_the_patient_notices(client, home):
    notice = ContentPageFactory(parent=home, title="Patient notice", slug="patient-notice")
    npp = ContentPageFactory(parent=home, title="Notice of Privacy Practices", slug="privacy-practices")
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.patient_notice_page, trust.privacy_practices_page = notice, npp
    trust.save()
    assert ConsentVersion.current() is not None
    for url, where in [(reverse("intake:verify"), ".part2-consent"), (reverse("chat:index"), "main"), ("/", "footer")]:
        area = BeautifulSoup(client.get(url).content.decode(), "html.parser").select_one(where)
        assert area.find("a", href=notice.url) and area.find("a", href=npp.url), url


def test_insurance_page_lists_network_status_truthfully(client, home):
    page = ContentPageFactory(parent=home, title="Insurance", slug="insurance")
    InsuranceProvider.objects.create(name="In Plan", network_status="in_network")
    InsuranceProvider.objects.create(name="Out Plan")
    InsuranceProvider.objects.create(name="Hidden Plan", active=False, network_status="in_network")
    trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
    trust.insurance_page = page
    trust.save()
    text = " ".join(BeautifulSoup(client.get(page.url).content.decode(), "html.parser").get_text(" ").split())
    assert "Most major insurances accepted. Whether your plan covers treatment here depends on the plan" in text
    assert "In Plan In network" in text and "Out Plan Out of network" in text
    assert "Hidden Plan" not in text
