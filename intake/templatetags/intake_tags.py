"""Template helpers for the insurance call-to-action placed on every article."""

from django import template

from intake.providers import active_providers

register = template.Library()


@register.simple_tag
def insurance_cta_options(page=None):
    """What the compact GET form needs: active providers, and the article as substance and source."""
    from pages.models import DrugPage

    source_id = getattr(page, "pk", None)
    return {
        "providers": active_providers(),
        "substance_id": source_id if isinstance(page, DrugPage) else None,
        "source_id": source_id,
    }
