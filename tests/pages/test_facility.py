"""The facility on the demo Contact page: address, hours, directions link, photos with alt text, all from our own
settings and image library, marked as an example, with no embedded map or other third-party request."""

import json
import re

import pytest
from wagtail.images import get_image_model

from pages.models import ContactSettings
from tests.demo_content import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo()


def test_contact_page_shows_the_facility_from_the_settings(client, demo):
    body = client.get("/contact/").content.decode()
    section = body[body.index('<section class="visit-us"') : body.index("</section>", body.index('class="visit-us"'))]
    assert "1200 Example Harbor Way, Suite 5" in section and "Springfield, FL 00000" in section
    assert "example address for the demo site, not a real facility" in section
    assert "Hours:" in section and "Free parking" in section
    assert 'href="https://www.openstreetmap.org/"' in section  # a link only
    assert re.search(r'href="tel:\+18005550123"', section)
    assert "<iframe" not in body


def test_an_editor_changes_the_address_in_one_place(client, demo):
    contact = ContactSettings.objects.get()
    contact.street_address = "7 Other Street"
    contact.address_is_example = False
    contact.save()
    body = client.get("/contact/").content.decode()
    assert "7 Other Street" in body and "1200 Example Harbor Way" not in body
    assert "not a real facility" not in body


def test_photos_come_from_the_image_library_with_alt_text(client, demo):
    body = client.get("/contact/").content.decode()
    images = re.findall(r"<img [^>]*>", body)
    photos = [tag for tag in images if "/media/images/example-" in tag]
    assert len(photos) == 2
    for image in get_image_model().objects.filter(title__startswith="Example photo"):
        assert f'alt="{image.description}"' in body
    assert all('alt=""' not in tag for tag in photos)
    assert "Example illustration for the demo" in body


def test_json_ld_names_the_address(client, demo):
    body = client.get("/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    organization = data.get("publisher") or data
    assert organization["address"]["streetAddress"] == "1200 Example Harbor Way, Suite 5"


def test_without_an_address_the_block_shows_nothing(client, demo):
    ContactSettings.objects.update(street_address="")
    body = client.get("/contact/").content.decode()
    assert 'class="visit-us"' not in body and "<address" not in body
