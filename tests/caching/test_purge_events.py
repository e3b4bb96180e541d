"""Each content change purges exactly the URLs that show it, from a real Varnish and the in-app cache on Redis.

Every test warms the pages through Varnish (second request = HIT), makes one change the way the admin or
publish_scheduled does, and then expects a MISS rendered afresh by the app (X-Page-Cache: miss, so the
in-app cache was purged too) for the affected URLs, and still a HIT for the others.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Site

from pages.models import ContactSettings, DrugPage
from tests.caching.conftest import ALL, warm
from tests.factories import CredentialFactory, DrugIndexPageFactory, InsuranceProviderFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def assert_purged_exactly(varnish, purged):
    """The purged URLs come fresh from the app (both caches emptied); the others are still Varnish hits."""
    for path in ALL:
        status, headers, body = varnish.get(path)
        if path in purged:
            assert headers["X-Cache"] == "MISS", f"{path} should have been purged from Varnish"
            if status == 200:
                assert headers["X-Page-Cache"] == "miss", f"{path} should have been purged from the in-app cache"
        else:
            assert headers["X-Cache"] == "HIT", f"{path} should have stayed cached"


KLONOPIN_SHOWN_ON = {"/", "/drugs/", "/drugs/klonopin/", "/drugs/xanax/", "/drugs/klonopin-vs-xanax/", "/sitemap.xml"}


def test_publishing_an_article_purges_it_its_listings_and_the_articles_that_list_it(tree, through_varnish):
    klonopin = tree["klonopin"]
    klonopin.title = "Klonopin (clonazepam)"
    warm(through_varnish, ["/drugs/klonopin/?ref=home"])
    klonopin.save_revision().publish()
    assert_purged_exactly(through_varnish, KLONOPIN_SHOWN_ON)
    assert "Klonopin (clonazepam)" in through_varnish.get("/drugs/xanax/")[2]
    # Every query-string variant of a purged path goes too.
    assert through_varnish.get("/drugs/klonopin/?ref=home")[1]["X-Cache"] == "MISS"


def test_unpublishing_an_article_purges_the_same_urls(tree, through_varnish):
    tree["klonopin"].unpublish()
    assert_purged_exactly(through_varnish, KLONOPIN_SHOWN_ON)
    assert through_varnish.get("/drugs/klonopin/")[0] == 404


def test_scheduled_publish_and_expiry_purge_through_publish_scheduled(tree, through_varnish):
    klonopin = DrugPage.objects.get(pk=tree["klonopin"].pk)
    klonopin.summary = "Scheduled wording."
    revision = klonopin.save_revision()
    revision.publish()  # live now, then schedule a change
    warm(through_varnish, ALL)
    klonopin.summary = "Wording that goes live on schedule."
    klonopin.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    klonopin.save_revision(approved_go_live_at=klonopin.go_live_at)
    call_command("publish_scheduled", stdout=io.StringIO())
    assert_purged_exactly(through_varnish, KLONOPIN_SHOWN_ON)
    assert "Wording that goes live on schedule." in through_varnish.get("/drugs/klonopin/")[2]

    warm(through_varnish, ALL)
    DrugPage.objects.filter(pk=klonopin.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", stdout=io.StringIO())
    assert_purged_exactly(through_varnish, KLONOPIN_SHOWN_ON)
    assert through_varnish.get("/drugs/klonopin/")[0] == 404


def test_deleting_a_comparison_purges_it_the_library_and_both_articles(tree, through_varnish):
    tree["comparison"].delete()
    assert_purged_exactly(
        through_varnish,
        {"/", "/drugs/", "/drugs/klonopin-vs-xanax/", "/drugs/klonopin/", "/drugs/xanax/", "/sitemap.xml"},
    )


def test_moving_an_article_purges_old_and_new_urls_and_both_parents(tree, through_varnish):
    archive = DrugIndexPageFactory(parent=Page.objects.get(slug="home-test"), title="Archive", slug="archive")
    warm(through_varnish, [*ALL, "/archive/"])  # a new top-level page changed every page's navigation
    tree["alcohol"].move(archive, pos="last-child")
    assert_purged_exactly(through_varnish, {"/", "/drugs/", "/drugs/alcohol/", "/sitemap.xml"})
    status, headers, _ = through_varnish.get("/drugs/alcohol/")
    assert (status, headers["Location"]) == (301, "/archive/alcohol/")  # Wagtail's automatic redirect
    status, headers, body = through_varnish.get("/archive/")
    assert headers["X-Cache"] == "MISS" and "/archive/alcohol/" in body
    assert through_varnish.get("/archive/alcohol/")[0] == 200


def test_changing_a_drug_class_purges_its_articles_their_comparisons_and_the_library(tree, through_varnish):
    benzo = tree["benzo"]
    benzo.name = "Benzodiazepine (sedative)"
    benzo.save()
    assert_purged_exactly(
        through_varnish, {"/drugs/", "/drugs/klonopin/", "/drugs/xanax/", "/drugs/klonopin-vs-xanax/"}
    )


def test_changing_a_reviewer_purges_only_the_pages_they_reviewed(tree, through_varnish):
    reviewer = DrugPage.objects.get(slug="klonopin").reviewer
    reviewer.credentials = "MD, addiction medicine"
    reviewer.save()
    assert_purged_exactly(through_varnish, {"/drugs/klonopin/"})


def test_changing_an_insurer_purges_every_page(tree, through_varnish):
    InsuranceProviderFactory(name="Example Health Plan")
    assert_purged_exactly(through_varnish, set(ALL))


@pytest.mark.parametrize("record", ["trust settings", "licence", "level of care", "medication"])
def test_changing_a_trust_record_purges_every_page(tree, through_varnish, record):
    """What the site claims (who answers, licences, services) must never be served stale from a cache."""
    from pages.disclosures import TrustSettings
    from pages.services import LevelOfCare, Medication

    if record == "trust settings":
        trust = TrustSettings.for_site(Site.objects.get(is_default_site=True))
        trust.who_answers = "Our own nurses answer."
        trust.save()
    elif record == "licence":
        CredentialFactory(number="EX-9")
    elif record == "level of care":
        LevelOfCare.objects.create(name="Intensive outpatient", asam_level="2.1")
    else:
        Medication.objects.create(name="acamprosate", use_disorder="aud", provided=True)
    assert_purged_exactly(through_varnish, set(ALL))
    shown = {"trust settings": "Our own nurses answer.", "licence": "EX-9"}.get(record)
    if shown:  # the next request gets the new claim, not the cached page
        assert shown in through_varnish.get("/drugs/alcohol/")[2]


def test_changing_contact_settings_purges_every_page(tree, through_varnish):
    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.admissions_phone = "+12025550199"
    contact.save()
    assert_purged_exactly(through_varnish, set(ALL))
    assert "(202) 555-0199" in through_varnish.get("/drugs/alcohol/")[2]


def test_publishing_a_page_in_the_navigation_purges_every_page(tree, through_varnish):
    about = Page.objects.get(slug="about").specific
    about.title = "About us"
    about.save_revision().publish()
    assert_purged_exactly(through_varnish, set(ALL))


def test_unpublishing_a_page_in_the_navigation_purges_every_page_and_itself(tree, through_varnish):
    """ "Purge all" lists live pages only; the page just unpublished must go from Varnish as well."""
    Page.objects.get(slug="about").specific.unpublish()
    assert_purged_exactly(through_varnish, set(ALL))
    assert through_varnish.get("/about/")[0] == 404


def test_purge_requests_are_queued_ahead_of_other_tasks(db):
    """Behind a backlog (the demo loader's index jobs) Varnish would keep serving stale pages meanwhile."""
    from django.tasks.base import TASK_MAX_PRIORITY
    from django.tasks.signals import task_enqueued  # Wagtail's task runs on the configured (Django) backend

    from pages.purge import send_purge_requests

    queued = []

    def record(sender, task_result, **kwargs):
        queued.append((task_result.task.name, task_result.task.priority, task_result.args))

    task_enqueued.connect(record)
    try:
        send_purge_requests({"http://testserver/drugs/klonopin/"})
    finally:
        task_enqueued.disconnect(record)
    assert queued == [("purge_urls_from_cache_task", TASK_MAX_PRIORITY, [["http://testserver/drugs/klonopin/"]])]
