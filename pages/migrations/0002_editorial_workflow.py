"""Least-privilege page, media and snippet permissions per staff role, and the "Clinical review" workflow.

Everything hangs off the tree root (depth 1): on a fresh database the home page is still Wagtail's
welcome page, which load_demo_content replaces, so a grant on the home page would vanish with it.
The root page is never served, so a grant there simply covers every page of every site.

- Editors: add + change pages (draft and submit for review; never publish), add/change/choose images and
  documents, add/change drug classes, view medical reviewers (for the chooser).
- Clinical reviewers: change + publish + lock pages (the final approval publishes *as the approver*),
  choose images and documents, add/change drug classes and medical reviewers.
- Admissions: no page, image or document permissions; manages the insurance-provider list.

The "Clinical review" workflow (one GroupApprovalTask for Clinical reviewers) replaces Wagtail's default
"Moderators approval" on the root, so every page goes through it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, REVIEWERS, ADMISSIONS = "Editors", "Clinical reviewers", "Admissions"
WORKFLOW_NAME = "Clinical review"
TASK_NAME = "Clinical reviewer approval"
DEFAULT_WORKFLOW_NAME = "Moderators approval"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["change_page", "publish_page", "lock_page"],
    ADMISSIONS: [],
}
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    REVIEWERS: [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")],
    ADMISSIONS: [],
}
# Model permissions (group.permissions) this migration manages; anything else on the group is left alone.
MANAGED_MODEL_PERMISSIONS = [
    ("wagtailimages", codename)
    for codename in ("add_image", "change_image", "delete_image", "choose_image", "view_image")
] + [
    ("wagtaildocs", codename)
    for codename in ("add_document", "change_document", "delete_document", "choose_document", "view_document")
] + [
    ("pages", f"{action}_{model}")
    for model in ("drugclass", "medicalreviewer", "insuranceprovider")
    for action in ("add", "change", "delete", "view")
]
MODEL_PERMISSIONS = {
    EDITORS: [
        ("pages", "add_drugclass"),
        ("pages", "change_drugclass"),
        ("pages", "view_drugclass"),
        ("pages", "view_medicalreviewer"),
    ],
    REVIEWERS: [
        ("pages", "add_drugclass"),
        ("pages", "change_drugclass"),
        ("pages", "view_drugclass"),
        ("pages", "add_medicalreviewer"),
        ("pages", "change_medicalreviewer"),
        ("pages", "view_medicalreviewer"),
    ],
    ADMISSIONS: [
        ("pages", "add_insuranceprovider"),
        ("pages", "change_insuranceprovider"),
        ("pages", "view_insuranceprovider"),
    ],
}


def ensure_permissions(apps):
    """Permissions are normally created after `migrate`; create them now so they can be granted."""
    for label in ("wagtailcore", "wagtailimages", "wagtaildocs", "pages"):
        config = apps.get_app_config(label)
        if getattr(config, "models_module", None) is None:
            config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)


def permission(apps, app_label, codename):
    return apps.get_model("auth", "Permission").objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    managed = [permission(apps, app, codename) for app, codename in MANAGED_MODEL_PERMISSIONS]

    groups = {}
    for name in (EDITORS, REVIEWERS, ADMISSIONS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        # Start from nothing so Wagtail's own defaults (its "Editors" group may pre-exist) cannot widen a role.
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.remove(*managed)
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.create(
                group=group, page=root_page, permission=permission(apps, "wagtailcore", codename)
            )
        for app, codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(apps, app, codename)
            )
        group.permissions.add(*[permission(apps, app, codename) for app, codename in MODEL_PERMISSIONS[name]])

    create_workflow(apps, root_page, groups[REVIEWERS])


def create_workflow(apps, root_page, reviewers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "Task")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")

    # Historical models do not set content_type; without it Task.specific breaks.
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first() or GroupApprovalTask.objects.create(
        name=TASK_NAME, content_type=task_type, active=True
    )
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    # Replace Wagtail's default workflow: delete it if it never ran, otherwise keep its history but retire it.
    for default in Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME):
        WorkflowPage.objects.filter(workflow=default).delete()
        if WorkflowState.objects.filter(workflow=default).exists():
            default.active = False
            default.save(update_fields=["active"])
        else:
            task_ids = list(WorkflowTask.objects.filter(workflow=default).values_list("task_id", flat=True))
            default.delete()
            Task.objects.filter(pk__in=task_ids, name=DEFAULT_WORKFLOW_NAME, task_states__isnull=True).delete()


def revoke(apps, schema_editor):
    """Undo: drop our workflow and page grants; the root falls back to no workflow."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    GroupPagePermission.objects.filter(group__name__in=[EDITORS, REVIEWERS, ADMISSIONS]).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME, workflow_states__isnull=True).delete()
    Task.objects.filter(name=TASK_NAME, task_states__isnull=True).delete()
    for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS, ADMISSIONS]):
        group.permissions.remove(*[permission(apps, app, codename) for app, codename in MANAGED_MODEL_PERMISSIONS])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("accounts", "0001_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
