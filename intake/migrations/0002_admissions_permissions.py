"""Give the Admissions group exactly what it needs: view, change and export insurance requests."""

from django.db import migrations

from accounts.migration_helpers import grant_role_permissions

CODENAMES = ["view_verificationrequest", "change_verificationrequest", "export_verificationrequest"]


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("accounts", "0001_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [grant_role_permissions("Admissions", "intake", CODENAMES)]
