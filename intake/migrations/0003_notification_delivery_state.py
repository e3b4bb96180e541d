from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_admissions_permissions")]

    operations = [
        migrations.AddField(
            model_name="verificationrequest",
            name="notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="admissions notified at"),
        ),
        migrations.AddField(
            model_name="verificationrequest",
            name="notification_failed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
