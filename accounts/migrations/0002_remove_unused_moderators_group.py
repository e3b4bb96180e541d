"""Remove Wagtail's default "Moderators" group when nobody is in it: it may publish anywhere without review."""

from django.db import migrations


def remove_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Moderators", user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_staff_groups"),
        ("pages", "0002_editorial_workflow"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_moderators, migrations.RunPython.noop)]
