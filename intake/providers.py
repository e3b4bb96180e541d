"""The active insurers offered on public forms, cached so article pages add no query per view."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import InsuranceProvider

CACHE_KEY = "intake:active-providers:v1"


def active_providers():
    """[(pk, name), …] of active providers in their editorial order."""
    choices = cache.get(CACHE_KEY)
    if choices is None:
        choices = list(InsuranceProvider.objects.filter(active=True).values_list("pk", "name"))
        cache.set(CACHE_KEY, choices, 60 * 60)
    return choices


@receiver(post_save, sender=InsuranceProvider)
@receiver(post_delete, sender=InsuranceProvider)
def forget_providers(**kwargs):
    cache.delete(CACHE_KEY)
