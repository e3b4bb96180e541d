"""Give the Admissions group exactly what it needs: view, change and export insurance requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_verificationrequest", "change_verificationrequest", "export_verificationrequest")


def grant(apps, schema_editor):
    config = apps.get_app_config("intake")
    if getattr(config, "models_module", None) is None:
        config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Admissions")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="intake", codename__in=CODENAMES))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Admissions").first()
    if group:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="intake", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("accounts", "0001_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
