"""What each staff role may do, as granted by pages/migrations/0002_editorial_workflow.py."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.permission_policies.pages import PagePermissionPolicy

from .conftest import edit_url

pytestmark = pytest.mark.django_db


def page_permissions(group_name):
    group = Group.objects.get(name=group_name)
    return {(perm.page.depth, perm.permission.codename) for perm in group.page_permissions.select_related("page")}


def test_each_role_has_only_its_page_permissions_on_the_tree_root():
    assert page_permissions("Editors") == {(1, "add_page"), (1, "change_page")}
    assert page_permissions("Clinical reviewers") == {(1, "change_page"), (1, "publish_page"), (1, "lock_page")}
    assert page_permissions("Admissions") == set()


def test_clinical_review_replaces_the_default_workflow_on_the_root(klonopin, home):
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow.name == "Clinical review"
    assert not WorkflowPage.objects.filter(workflow__name="Moderators approval").exists()
    workflow = Workflow.objects.get(name="Clinical review")
    (task,) = [task.specific for task in workflow.tasks.all()]
    assert [group.name for group in task.groups.all()] == ["Clinical reviewers"]
    assert klonopin.get_workflow() == workflow
    assert home.get_workflow() == workflow


def test_page_permission_policy_per_role(editor, reviewer, admissions, klonopin):
    policy = PagePermissionPolicy()
    assert policy.user_has_permission_for_instance(editor, "change", klonopin)
    assert not policy.user_has_permission_for_instance(editor, "publish", klonopin)
    assert policy.user_has_permission_for_instance(reviewer, "publish", klonopin)
    assert not policy.user_has_any_permission(admissions, ["add", "change", "publish"])


def test_admissions_sees_no_pages_and_no_report(client, admissions, klonopin):
    client.force_login(admissions)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert b"Articles due for review" not in dashboard.content
    assert b'id="review-due-section"' not in dashboard.content
    assert client.get(reverse("wagtailadmin_explore", args=[klonopin.get_parent().pk])).status_code in (302, 403)
    assert client.get(edit_url(klonopin)).status_code in (302, 403)
    assert client.get(reverse("pages_review_due_report")).status_code in (302, 403)


def test_admissions_manages_insurers_but_not_the_drug_library_snippets(client, admissions):
    client.force_login(admissions)
    assert client.get(reverse("wagtailsnippets_intake_insuranceprovider:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_pages_drugclass:list")).status_code in (302, 403)
    assert client.get(reverse("wagtailimages:index")).status_code in (302, 403)


@pytest.mark.parametrize("role", ["editor", "reviewer", "superuser"])
def test_writers_and_reviewers_see_the_report(client, request, role, klonopin):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("pages_review_due_report")).status_code == 200
    assert b"Articles due for review" in client.get(reverse("wagtailadmin_home")).content


def test_editor_can_draft_pages_and_upload_images_but_not_manage_insurers(client, editor, library):
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:add", args=["pages", "drugpage", library.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_pages_drugclass:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_intake_insuranceprovider:list")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_pages_medicalreviewer:add")).status_code in (302, 403)


def test_reviewer_manages_reviewer_profiles_but_cannot_add_pages(client, reviewer, library):
    client.force_login(reviewer)
    assert client.get(reverse("wagtailsnippets_pages_medicalreviewer:add")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:add", args=["pages", "drugpage", library.pk])).status_code in (
        302,
        403,
    )
