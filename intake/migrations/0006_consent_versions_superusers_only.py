"""Part 2 consent versions are superusers' alone: drop the model permissions a group could be given.

The permission policy (intake/consent_admin.py) already refuses everyone else whatever their groups
say; without these rows the Groups screen no longer offers a checkbox that would look as if it worked.
"""

from django.db import migrations

CODENAMES = [f"{action}_consentversion" for action in ("add", "change", "delete", "view")]


def drop_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="intake", codename__in=CODENAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0005_merge_20261201_1813"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="consentversion",
            options={
                "default_permissions": (),
                "ordering": ["-created_at", "-pk"],
                "verbose_name": "Part 2 consent version",
            },
        ),
        migrations.RunPython(drop_permissions, migrations.RunPython.noop),
    ]
