"""InsuranceProvider now lives in intake (see intake/0006, which renamed its table): forget it here, state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_insurance_provider_from_pages"),
        ("pages", "0008_summary_declared_once"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="InsuranceProvider")]),
    ]
