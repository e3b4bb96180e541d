"""Scheduled publishing and expiry, revision compare and revert, and previews of every page type."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import DrugPage
from tests.factories import DrugPageFactory, one_page_of_each_type

from .conftest import drug_form_data, edit_url

pytestmark = pytest.mark.django_db


def test_approved_page_with_a_future_go_live_waits_for_publish_scheduled(client, editor, reviewer, klonopin):
    go_live = timezone.now() + datetime.timedelta(days=2)
    client.force_login(editor)
    data = drug_form_data(klonopin, title="Klonopin (scheduled)", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    data["action-submit"] = "Submit"
    assert client.post(edit_url(klonopin), data).status_code == 302
    state = WorkflowState.objects.get(object_id=str(klonopin.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    client.force_login(reviewer)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[klonopin.pk, "approve", state.current_task_state.pk])
    )

    page = DrugPage.objects.get(pk=klonopin.pk)
    assert page.title == "Klonopin"  # still the old live version
    scheduled = Revision.objects.get(pk=page.latest_revision_id)
    assert scheduled.approved_go_live_at is not None
    assert scheduled.content["last_reviewed"] == timezone.localdate().isoformat()  # review rides on the revision

    call_command("publish_scheduled")
    assert DrugPage.objects.get(pk=klonopin.pk).title == "Klonopin"  # not yet time

    # Two days pass: move the scheduled time (on the revision and in its content) into the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    scheduled.refresh_from_db()
    scheduled.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=scheduled.pk).update(approved_go_live_at=past, content=scheduled.content)
    call_command("publish_scheduled")
    page = DrugPage.objects.get(pk=klonopin.pk)
    assert page.title == "Klonopin (scheduled)"
    assert page.last_reviewed == timezone.localdate()
    assert page.reviewer.user == reviewer


def test_draft_with_go_live_in_the_past_is_published_by_publish_scheduled(library):
    page = DrugPageFactory(parent=library, title="Ativan", live=False)
    revision = page.save_revision()
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=timezone.now() - datetime.timedelta(hours=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk


def test_expired_page_is_unpublished_by_publish_scheduled(client, library):
    page = DrugPageFactory(parent=library, title="Old article")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=5)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404


def test_revisions_compare_and_revert(client, superuser, klonopin):
    first = klonopin.latest_revision
    klonopin.title = "Klonopin (second version)"
    klonopin.save_revision(user=superuser).publish()
    second = DrugPage.objects.get(pk=klonopin.pk).latest_revision
    client.force_login(superuser)

    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[klonopin.pk, first.pk, second.pk]))
    assert compare.status_code == 200
    assert b"Klonopin (second version)" in compare.content

    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=[klonopin.pk, first.pk]))
    assert revert.status_code == 200
    assert revert.context["form"].initial["title"] == "Klonopin"

    page = DrugPage.objects.get(pk=klonopin.pk)
    data = drug_form_data(page, title="Klonopin")
    data["action-publish"] = "Publish"
    assert client.post(edit_url(page), data).status_code == 302
    assert DrugPage.objects.get(pk=klonopin.pk).title == "Klonopin"


def common(page):
    return {
        "title": page.title,
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }


def review(page):
    return {
        "reviewer": page.reviewer_id or "",
        "last_reviewed": "",
        "next_review_due": "",
        "references": streamfield([]),
    }


def body():
    return streamfield([("section", {"heading": "Preview section", "anchor": "", "body": rich_text("<p>Words.</p>")})])


def test_every_page_type_previews(client, superuser, home, library, klonopin):
    pages = one_page_of_each_type(home, library, klonopin)
    comparison = pages["comparison"]
    edits = {
        "home": {"hero_heading": "Preview hero", "summary": "Preview summary", "body": body()},
        "library": {"summary": "Preview summary"},
        "drug": None,
        "comparison": {
            "drug_a": klonopin.pk,
            "drug_b": comparison.drug_b_id,
            "summary": "Preview summary",
            "body": body(),
        },
        "programs": {"summary": "Preview summary"},
        "program": {"summary": "Preview summary", "body": body()},
        "content": {"summary": "Preview summary", "body": body()},
    }
    client.force_login(superuser)
    for name, page in pages.items():
        fields = edits[name]
        if fields is None:
            data = drug_form_data(page, summary="Preview summary")
        else:
            data = {**common(page), **fields}
            if hasattr(page, "reviewer_id"):
                data.update(review(page))
            data = nested_form_data(data)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        posted = client.post(url, data)
        assert json.loads(posted.content)["is_valid"], name
        preview = client.get(url)
        assert preview.status_code == 200, name
        assert b"Preview summary" in preview.content or b"Preview hero" in preview.content, name
        assert page.title.encode() in preview.content, name
    comparison_preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[comparison.pk]))
    assert b"comparison-table" in comparison_preview.content


def test_references_render_as_a_numbered_list_the_text_can_cite(client, editor, klonopin):
    citation = '<p>Withdrawal can cause seizures.<sup><a href="#ref-1">1</a></sup></p>'
    client.force_login(editor)
    data = drug_form_data(
        klonopin,
        body=streamfield([("section", {"heading": "Withdrawal", "anchor": "", "body": rich_text(citation)})]),
        references=streamfield(
            [
                (
                    "reference",
                    {
                        "title": "Benzodiazepines — Drug Fact Sheet",
                        "publisher": "Drug Enforcement Administration",
                        "url": "https://www.dea.gov/factsheets/benzodiazepines",
                        "accessed": "2026-06-01",
                    },
                ),
                ("reference", {"title": "Second source", "publisher": "NIDA", "url": "", "accessed": ""}),
            ]
        ),
    )
    assert client.post(edit_url(klonopin), data).status_code == 302
    draft = DrugPage.objects.get(pk=klonopin.pk).get_latest_revision_as_object()
    draft.save_revision().publish()  # publish the editor's draft directly to look at the public page

    html = client.get(klonopin.url).content.decode()
    assert '<a href="#ref-1">1</a>' in html  # the citation in the text survives the rich-text editor
    assert '<section class="references" aria-labelledby="references-heading">' in html
    assert '<li id="ref-1">Benzodiazepines — Drug Fact Sheet. <em>Drug Enforcement Administration</em>.' in html
    assert "Accessed June 1, 2026." in html
    assert '<li id="ref-2">Second source. <em>NIDA</em>.' in html
