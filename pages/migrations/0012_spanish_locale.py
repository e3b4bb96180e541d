"""Issue 16: the Spanish content locale, and the right to start a translation for editors and reviewers.

Wagtail created the English locale from LANGUAGE_CODE. wagtail-localize grants "Can submit translations" to
groups named Editors and Moderators when it migrates; ours are Editors and Clinical reviewers, and they may exist
only after it ran, so the grant is made here as well (get_or_create: running after either order is the same).
"""

from django.db import migrations

GROUPS = ["Editors", "Clinical reviewers"]


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Locale.objects.get_or_create(language_code="es")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def remove_spanish(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(codename="submit_translation"))
    # Refused (PROTECT) while Spanish pages exist.
    apps.get_model("wagtailcore", "Locale").objects.filter(language_code="es").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0011_self_check_page"),
        ("accounts", "0001_staff_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]
