"""Give the Admissions group the live-chat permission (superusers have it implicitly)."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0001_initial"),
        ("accounts", "0001_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [grant_role_permissions("Admissions", "chat", ["answer_chat"])]
