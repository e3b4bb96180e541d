"""Shared by the data migrations that give a staff role (a group) its app's permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_role_permissions(group_name, app_label, codenames):
    """A RunPython operation granting (and, reversed, revoking) `codenames` of `app_label` to the group.

    Permissions for models created in the same `migrate` run do not exist yet inside a data
    migration, so they are created first from the historical app config.
    """

    def permissions(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def grant(apps, schema_editor):
        config = apps.get_app_config(app_label)
        if getattr(config, "models_module", None) is None:
            config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
        group.permissions.add(*permissions(apps))

    def revoke(apps, schema_editor):
        for group in apps.get_model("auth", "Group").objects.filter(name=group_name):
            group.permissions.remove(*permissions(apps))

    return migrations.RunPython(grant, revoke)
