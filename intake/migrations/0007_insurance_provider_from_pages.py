"""InsuranceProvider moves from pages to intake (Admissions owns it): same rows, same ids, same permissions.

The table is renamed (pages_insuranceprovider -> intake_insuranceprovider) rather than copied, the request's
foreign key follows the renamed table, and the content type is relabelled so the Admissions group keeps its
add/change/view permissions. pages/0007 then drops the model from the pages app's state only.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_TABLE, NEW_TABLE = "pages_insuranceprovider", "intake_insuranceprovider"


def rename_table(apps, schema_editor):
    schema_editor.alter_db_table(apps.get_model("pages", "InsuranceProvider"), OLD_TABLE, NEW_TABLE)


def rename_table_back(apps, schema_editor):
    # Both directions see the state before this migration, where only pages.InsuranceProvider exists.
    schema_editor.alter_db_table(apps.get_model("pages", "InsuranceProvider"), NEW_TABLE, OLD_TABLE)


def relabel_content_type(from_app, to_app):
    def relabel(apps, schema_editor):
        db = schema_editor.connection.alias
        types = apps.get_model("contenttypes", "ContentType").objects.using(db)
        permissions = apps.get_model("auth", "Permission").objects.using(db)
        old = types.filter(app_label=from_app, model="insuranceprovider").first()
        if old is None:
            return
        new = types.filter(app_label=to_app, model="insuranceprovider").first()
        if new is not None:
            # Made by a post_migrate run in between (migrating back and forth): fold its grants into the old rows.
            for stray in permissions.filter(content_type=new):
                kept = permissions.filter(content_type=old, codename=stray.codename).first()
                if kept is not None:
                    kept.group_set.add(*stray.group_set.all())
                    kept.user_set.add(*stray.user_set.all())
            new.delete()
        old.app_label = to_app
        old.save(update_fields=["app_label"])

    return relabel


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("intake", "0006_consent_versions_superusers_only"),
        ("pages", "0005_insurance_box_heading_without_100_percent"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(rename_table, rename_table_back)],
            state_operations=[
                migrations.CreateModel(
                    name="InsuranceProvider",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=120, unique=True)),
                        (
                            "active",
                            models.BooleanField(
                                default=True, help_text="Only active providers are offered on the public form."
                            ),
                        ),
                        ("sort_order", models.PositiveSmallIntegerField(default=100)),
                        (
                            "network_status",
                            models.CharField(
                                choices=[
                                    ("in_network", "In network"),
                                    ("out_of_network", "Out of network (we may still be able to work with your plan)"),
                                    ("not_accepted", "Not accepted"),
                                ],
                                default="out_of_network",
                                max_length=16,
                            ),
                        ),
                    ],
                    options={"ordering": ["sort_order", "name"]},
                ),
                # The foreign key constraint already follows the renamed table: state only.
                migrations.AlterField(
                    model_name="verificationrequest",
                    name="provider",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="intake.insuranceprovider",
                    ),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_type("pages", "intake"), relabel_content_type("intake", "pages")),
    ]
