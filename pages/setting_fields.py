"""Field makers the site settings share (contact details, trust and disclosures), so each setting reads as intent."""

from django.db import models

from treatment_site.model_fields import optional_link


def page_link(help_text):
    """An optional page chosen in a setting; deleting the page empties the setting, never the row."""
    return optional_link("wagtailcore.Page", help_text=help_text)


def sentence(default, help_text):
    """One short sentence visitors read, with the demo's wording as its default."""
    return models.CharField(max_length=200, default=default, help_text=help_text)
