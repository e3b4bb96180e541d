"""Field makers more than one app declares its models with."""

from django.db import models


def optional_link(to, *, related_name="+", field=models.ForeignKey, **options):
    """A link that may be empty and empties itself when its target is deleted: the row outlives what it points at."""
    return field(to, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name, **options)
