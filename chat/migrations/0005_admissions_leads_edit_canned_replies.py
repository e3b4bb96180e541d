"""Admissions leads (a group of its own, created here) edit the canned replies every counselor can insert."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions


def let_leads_into_the_admin(apps, schema_editor):
    """Like the other staff groups (accounts/migrations/0001): the admin opens only with access_admin."""
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    apps.get_model("auth", "Group").objects.get(name="Admissions leads").permissions.add(access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0004_conversation_source_canned_replies"),
        ("accounts", "0001_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        grant_role_permissions(
            "Admissions leads",
            "chat",
            ["add_cannedreply", "change_cannedreply", "delete_cannedreply", "view_cannedreply", "answer_chat"],
        ),
        migrations.RunPython(let_leads_into_the_admin, migrations.RunPython.noop),
    ]
