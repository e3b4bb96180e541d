"""The "Clinical review" workflow through the admin, as real users of each role."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from pages.models import DrugPage
from pages.models.base import MedicallyReviewed

from .conftest import drug_form_data, edit_url

pytestmark = pytest.mark.django_db


def submit(client, page, **changes):
    data = drug_form_data(page, **changes)
    data["action-submit"] = "Submit for moderation"
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)


def act(client, page, state, action, comment=""):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return client.post(url, {"comment": comment})


def test_editor_cannot_publish_the_publish_action_only_saves_a_draft(client, editor, klonopin):
    client.force_login(editor)
    edit_page = client.get(edit_url(klonopin))
    assert edit_page.status_code == 200
    assert b'name="action-publish"' not in edit_page.content
    assert b'name="action-submit"' in edit_page.content

    data = drug_form_data(klonopin, title="Klonopin (edited)")
    data["action-publish"] = "Publish"
    client.post(edit_url(klonopin), data)

    klonopin.refresh_from_db()
    assert klonopin.title == "Klonopin"  # live version untouched
    assert klonopin.has_unpublished_changes
    assert klonopin.get_latest_revision_as_object().title == "Klonopin (edited)"
    assert not PageLogEntry.objects.filter(page=klonopin, action="wagtail.publish", user=editor).exists()


def test_submission_notifies_the_clinical_reviewers(client, editor, reviewer, klonopin):
    client.force_login(editor)
    mail.outbox.clear()
    state = submit(client, klonopin, title="Klonopin (clonazepam)")
    assert state.workflow.name == "Clinical review"
    recipients = {address for message in mail.outbox for address in message.to}
    assert reviewer.email in recipients
    assert editor.email not in recipients
    assert any("Klonopin (clonazepam)" in message.subject for message in mail.outbox)


def test_reviewer_sees_the_page_waiting_on_the_dashboard(client, editor, reviewer, klonopin):
    client.force_login(editor)
    submit(client, klonopin, title="Klonopin (clonazepam)")
    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert b"Awaiting your review" in dashboard.content
    assert b"Klonopin (clonazepam)" in dashboard.content


def test_approval_publishes_and_stamps_the_review(client, editor, reviewer, klonopin):
    client.force_login(editor)
    state = submit(client, klonopin, title="Klonopin (clonazepam)")
    revisions_before = klonopin.revisions.count()
    mail.outbox.clear()

    client.force_login(reviewer)
    response = act(client, klonopin, state, "approve", comment="Checked against the FDA label.")
    assert response.status_code == 302

    today = timezone.localdate()
    klonopin = DrugPage.objects.get(pk=klonopin.pk)
    assert klonopin.live and klonopin.title == "Klonopin (clonazepam)"
    assert klonopin.reviewer.user == reviewer
    assert klonopin.last_reviewed == today
    assert klonopin.next_review_due == today + MedicallyReviewed.REVIEW_INTERVAL
    # No confusing extra draft: the approved revision itself carries the review.
    assert klonopin.revisions.count() == revisions_before
    assert not klonopin.has_unpublished_changes
    assert klonopin.live_revision_id == klonopin.latest_revision_id
    assert klonopin.get_latest_revision_as_object().last_reviewed == today
    assert PageLogEntry.objects.filter(page=klonopin, action="pages.medical_review", user=reviewer).exists()
    assert editor.email in {address for message in mail.outbox for address in message.to}

    public = client.get(klonopin.url)
    assert (
        f'Page last reviewed: <time datetime="{today:%Y-%m-%d}">{today:%B} {today.day}, {today.year}</time>'
    ) in public.content.decode()
    assert ">Dr. Maya Okafor</a>, MD" in public.content.decode()


def test_a_later_edit_keeps_the_new_review_dates(client, editor, reviewer, klonopin):
    client.force_login(editor)
    state = submit(client, klonopin)
    client.force_login(reviewer)
    act(client, klonopin, state, "approve")
    today = timezone.localdate()

    client.force_login(editor)
    form = client.get(edit_url(klonopin)).context["form"]
    assert form.initial["last_reviewed"] == today
    # The editor's next draft starts from the stamped revision, so publishing it later cannot revert the dates.
    klonopin = DrugPage.objects.get(pk=klonopin.pk)
    client.post(edit_url(klonopin), drug_form_data(klonopin, summary="Updated summary."))
    draft = DrugPage.objects.get(pk=klonopin.pk).get_latest_revision_as_object()
    assert draft.summary == "Updated summary."
    assert (draft.last_reviewed, draft.next_review_due) == (today, today + MedicallyReviewed.REVIEW_INTERVAL)


def test_a_deliberately_chosen_due_date_is_kept(client, editor, reviewer, klonopin):
    chosen = timezone.localdate() + datetime.timedelta(days=180)
    client.force_login(editor)
    state = submit(client, klonopin, next_review_due=chosen.isoformat())
    client.force_login(reviewer)
    act(client, klonopin, state, "approve")
    klonopin = DrugPage.objects.get(pk=klonopin.pk)
    assert klonopin.last_reviewed == timezone.localdate()
    assert klonopin.next_review_due == chosen


def test_approval_by_someone_without_a_reviewer_profile_publishes_but_does_not_stamp(
    client, editor, superuser, klonopin
):
    client.force_login(editor)
    state = submit(client, klonopin, title="Klonopin (clonazepam)")
    client.force_login(superuser)
    act(client, klonopin, state, "approve")
    klonopin = DrugPage.objects.get(pk=klonopin.pk)
    assert klonopin.live and klonopin.title == "Klonopin (clonazepam)"
    assert klonopin.reviewer.name == "Dr. Elias Brennan"
    assert klonopin.last_reviewed == datetime.date(2024, 1, 10)


def test_rejection_returns_the_page_to_the_editor_with_the_comment(client, editor, reviewer, klonopin):
    client.force_login(editor)
    state = submit(client, klonopin, title="Klonopin (unchecked claim)")
    mail.outbox.clear()

    client.force_login(reviewer)
    act(client, klonopin, state, "reject", comment="Please cite the FDA label for the dose.")

    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    klonopin = DrugPage.objects.get(pk=klonopin.pk)
    assert klonopin.title == "Klonopin"  # nothing went live
    assert klonopin.last_reviewed == datetime.date(2024, 1, 10)
    rejection_mail = [message for message in mail.outbox if editor.email in message.to]
    assert rejection_mail and "Please cite the FDA label for the dose." in rejection_mail[0].body

    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:workflow_history_detail", args=[klonopin.pk, state.pk]))
    assert history.status_code == 200
    assert b"Please cite the FDA label for the dose." in history.content
    assert client.get(edit_url(klonopin)).status_code == 200  # the editor can fix it and resubmit
    resubmitted = submit(client, klonopin, title="Klonopin (clonazepam)")
    # The reviewer now reviews the corrected revision, not the rejected one, and approving it publishes it.
    task_state = resubmitted.current_task_state
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.revision.as_object().title == "Klonopin (clonazepam)"
    client.force_login(reviewer)
    assert act(client, klonopin, resubmitted, "approve").status_code == 302
    assert DrugPage.objects.get(pk=klonopin.pk).title == "Klonopin (clonazepam)"


def test_editor_cannot_approve(client, editor, klonopin):
    client.force_login(editor)
    state = submit(client, klonopin, title="Klonopin (self-approved)")
    act(client, klonopin, state, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert DrugPage.objects.get(pk=klonopin.pk).title == "Klonopin"


def test_approval_says_which_page_went_live_and_when(client, editor, reviewer, klonopin):
    client.force_login(editor)
    state = submit(client, klonopin, title="Klonopin (clonazepam)")
    client.force_login(reviewer)
    response = act(client, klonopin, state, "approve")
    assert response.status_code == 302
    published = timezone.localtime(DrugPage.objects.get(pk=klonopin.pk).last_published_at)
    shown = [str(message) for message in client.get(response["Location"]).context["messages"]]
    assert f"“Klonopin (clonazepam)” went live on {published:%B} {published.day}, {published.year} at " in " ".join(
        shown
    ), shown


def test_a_rejection_announces_nothing(client, editor, reviewer, klonopin):
    client.force_login(editor)
    state = submit(client, klonopin, title="Klonopin (clonazepam)")
    client.force_login(reviewer)
    response = act(client, klonopin, state, "reject", comment="Please cite the label.")
    shown = [str(message) for message in client.get(response["Location"]).context["messages"]]
    assert not any("went live" in message for message in shown), shown
