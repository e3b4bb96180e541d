"""Create the "Compliance" staff group (admin access only); the pages app grants what it may edit."""

from django.db import migrations

NAME = "Compliance"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=NAME)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_remove_unused_moderators_group")]

    operations = [migrations.RunPython(create_group, remove_group)]
