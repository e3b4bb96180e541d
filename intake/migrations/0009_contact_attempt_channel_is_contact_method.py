"""ContactAttempt.channel takes VerificationRequest.ContactMethod's choices: a logged call is stored as "phone".

"text" and "email" were already the same in both; only "call" changes. Reversible.
"""

from django.db import migrations, models


def call_to_phone(apps, schema_editor):
    apps.get_model("intake", "ContactAttempt").objects.filter(channel="call").update(channel="phone")


def phone_to_call(apps, schema_editor):
    apps.get_model("intake", "ContactAttempt").objects.filter(channel="phone").update(channel="call")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_request_language"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contactattempt",
            name="channel",
            field=models.CharField(
                choices=[("phone", "Phone call"), ("text", "Text message"), ("email", "E-mail")], max_length=8
            ),
        ),
        migrations.RunPython(call_to_phone, phone_to_call),
    ]
