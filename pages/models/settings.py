"""Site-wide contact details that editors change without a deploy."""

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from pages.setting_fields import sentence


class CachedForRequests:
    """A site setting that public requests read from Django's cache instead of the database.

    Every public page shows it (header, footer, crisis notice), so a query per request is paid for
    nothing; the admin's edit view reads it with `for_site`, straight from the database. `forget`
    (post_save/post_delete, pages/apps.py) drops the cached copies now and again after the commit, as
    pages.disclosures.forget_cached_trust does; while Redis is down only this process's copy goes and
    the others' expire within TRUST_CACHE_SECONDS.
    """

    @classmethod
    def _request_cache_key(cls, site_id):
        return f"site-setting:{cls._meta.label_lower}:{site_id}"

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is not None:
                key = cls._request_cache_key(site.pk)
                found = cache.get(key)
                if found is None:
                    found = cls.for_site(site)
                    cache.set(key, found, settings.TRUST_CACHE_SECONDS)
                found._request = request  # as Wagtail's for_request: page links resolve for this request
                setattr(request, attr_name, found)
        return super().for_request(request)

    @classmethod
    def forget(cls, sender=None, **kwargs):
        keys = [cls._request_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


@register_setting(icon="mobile-alt")
class ContactSettings(CachedForRequests, BaseSiteSetting):
    """How a visitor reaches the admissions team, shown in the header and on every article."""

    admissions_phone = PhoneNumberField(
        default="+18005550123", help_text="Shown as a click-to-call link in the header and on every article."
    )
    helpline_text = sentence(
        "Free, confidential help, 24 hours a day, 7 days a week.", "One short sentence beside the phone number."
    )
    office_hours = sentence(
        "Admissions counselors answer around the clock.", "Plain-language office hours, shown to visitors."
    )
    chat_opens_at = models.TimeField(
        null=True, blank=True, help_text="Live chat opening time (site time zone). Leave both times empty for 24/7."
    )
    chat_closes_at = models.TimeField(null=True, blank=True, help_text="Live chat closing time (site time zone).")
    # A plain path, not a page chooser, so the crisis notice on every page costs no extra query.
    naloxone_url = models.CharField(
        max_length=200,
        default="/drugs/naloxone/",
        help_text="Address of the naloxone page, linked from the crisis notice and every overdose box.",
    )

    # The facility (issue 13): where people come for an assessment, shown by the "Visit us" block.
    street_address = models.CharField(max_length=200, blank=True, help_text="e.g. “1200 Harbor Way, Suite 5”.")
    locality = models.CharField("city", max_length=100, blank=True)
    region = models.CharField("state", max_length=50, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    visiting_hours = models.CharField(
        max_length=200, blank=True, help_text="When people can walk in for an assessment or visit, in plain words."
    )
    directions = models.TextField(
        blank=True, help_text="How to get there: parking, public transport, which door to use."
    )
    directions_url = models.URLField(
        blank=True,
        help_text="A link to directions on a map site. Only a link: no map is embedded, so nothing loads from it.",
    )
    address_is_example = models.BooleanField(
        default=False, help_text="Say beside the address that it is an example (demo sites only)."
    )

    @property
    def has_address(self):
        return bool(self.street_address and self.locality)

    panels = [
        MultiFieldPanel(["admissions_phone", "helpline_text"], heading="Phone"),
        MultiFieldPanel(
            ["office_hours", "chat_opens_at", "chat_closes_at"],
            heading="Hours",
        ),
        FieldPanel("naloxone_url"),
        MultiFieldPanel(
            [
                "street_address",
                "locality",
                "region",
                "postal_code",
                "visiting_hours",
                "directions",
                "directions_url",
                "address_is_example",
            ],
            heading="Facility",
        ),
    ]

    class Meta:
        verbose_name = "contact details"
