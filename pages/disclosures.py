"""What the public is told about who we are: licences, who answers the phone, policies, services.

Regulators and certifiers (state licensing, LegitScript, the FTC) judge a treatment center's site by
what it claims. Every claim here is a record editors keep in the admin, so the site never says more
than these records back: licences with numbers and expiry dates, the one sentence that says who
answers our phone and chat, the policy pages, and the levels of care and medications we offer.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from pages.setting_fields import page_link, sentence

EXPIRY_WARNING_DAYS = 60

# The policy pages TrustSettings links to, in the order the admin shows them.
PAGE_LINKS = [
    "about_page",
    "editorial_policy_page",
    "patient_notice_page",
    "privacy_practices_page",
    "services_page",
    "insurance_page",
]


@register_setting(icon="success")
class TrustSettings(BaseSiteSetting):
    """Disclosures shown beside every phone number and chat link, and the policy pages the site links to."""

    who_answers = sentence(
        "Calls and chats are answered by Harbor Light Recovery's own admissions team, not a call center.",
        "One true sentence shown beside every phone number and the chat link.",
    )
    crisis_lines_note = sentence(
        "911, 988 and the SAMHSA helpline are public services, not run by us.",
        "Shown beside the emergency numbers, so nobody thinks we answer them.",
    )
    organization_name = models.CharField(max_length=200, default="Harbor Light Recovery")
    about_page = page_link("Shows the licences and accreditations.")
    editorial_policy_page = page_link("Linked from every “Medically reviewed by” box.")
    patient_notice_page = page_link("The 42 CFR §2.22 notice; linked from the form, the chat and the footer.")
    privacy_practices_page = page_link(
        "The HIPAA Notice of Privacy Practices; linked from the form, the chat and the footer."
    )
    services_page = page_link("Lists the levels of care and medications; programs and drug articles link to it.")
    insurance_page = page_link("Lists each insurer's network status.")

    panels = [
        MultiFieldPanel(["who_answers", "crisis_lines_note"], heading="Who answers"),
        FieldPanel("organization_name"),
        MultiFieldPanel(PAGE_LINKS, heading="Policy and disclosure pages"),
    ]

    class Meta:
        verbose_name = "trust and disclosures"


class CredentialQuerySet(models.QuerySet):
    def public(self):
        return self.filter(show_publicly=True)

    def expiring(self, today=None, days=EXPIRY_WARNING_DAYS):
        """Expired, or expiring within `days` of today, soonest first."""
        today = today or timezone.localdate()
        return self.filter(expires_on__lte=today + datetime.timedelta(days=days)).order_by("expires_on", "name")


class Credential(models.Model):
    """A state licence or an accreditation the program holds, with a link where anyone can check it."""

    class Kind(models.TextChoices):
        LICENCE = "licence", _("State licence")
        ACCREDITATION = "accreditation", _("Accreditation")
        CERTIFICATION = "certification", _("Certification")

    name = models.CharField(max_length=200, help_text="e.g. “Substance abuse treatment licence — residential”.")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.LICENCE)
    issuing_body = models.CharField(max_length=200, help_text="e.g. “Florida Department of Children and Families”.")
    state = models.CharField(max_length=40, blank=True, help_text="For state licences, e.g. “Florida”.")
    number = models.CharField(max_length=80, help_text="The licence or accreditation number exactly as issued.")
    expires_on = models.DateField(help_text="Listed in the admin report 60 days before this date.")
    verification_url = models.URLField(help_text="Where anyone can check it, e.g. the state's licence search.")
    is_example = models.BooleanField(
        default=False, help_text="Demo content only: the public page marks it as a fictional example."
    )
    show_publicly = models.BooleanField(default=True)

    objects = CredentialQuerySet.as_manager()

    panels = [
        "name",
        "kind",
        "issuing_body",
        "state",
        "number",
        "expires_on",
        "verification_url",
        "is_example",
        "show_publicly",
    ]

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return f"{self.name} ({self.number})"

    def is_expired(self, today=None):
        return self.expires_on < (today or timezone.localdate())

    def json_ld(self):
        """schema.org EducationalOccupationalCredential, as hasCredential expects."""
        return {
            "@type": "EducationalOccupationalCredential",
            "name": self.name,
            "credentialCategory": self.get_kind_display(),
            "identifier": self.number,
            "recognizedBy": {"@type": "Organization", "name": self.issuing_body},
            "validIn": {"@type": "AdministrativeArea", "name": self.state} if self.state else None,
            "expires": self.expires_on.isoformat(),
            "url": self.verification_url,
        }


def _trust_cache_key(site_id):
    return f"disclosures:trust:{site_id}"


def cached_trust(site):
    """(TrustSettings, public credentials) for a site, from the default cache when it holds them.

    Every public page shows both in its footer, so they are cached instead of queried per request;
    forget_cached_trust() drops them when either changes. The linked pages are not cached: whether a
    page is live is read on each request.
    """
    key = _trust_cache_key(site.pk)
    found = cache.get(key)
    if found is None:
        found = (TrustSettings.for_site(site), list(Credential.objects.public()))
        cache.set(key, found, settings.TRUST_CACHE_SECONDS)
    return found


def forget_cached_trust(sender=None, **kwargs):
    """post_save/post_delete of TrustSettings or Credential: drop the cached copies for every site.

    Dropped now and again once the transaction commits, so a request that read the old rows in between
    cannot leave them cached. While Redis is down (FallbackRedisCache) only this process's copy goes;
    the others' expire within TRUST_CACHE_SECONDS.
    """
    keys = [_trust_cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def trust_for_request(request):
    """TrustSettings with its linked pages (one query for all of them) and the public credentials.

    Memoised on the request: the header, footer, review box and JSON-LD all ask for them.
    """
    if request is None:
        return TrustSettings(), []
    if not hasattr(request, "_trust"):
        from wagtail.models import Page

        site = Site.find_for_request(request)
        if site is None:
            trust, credentials = TrustSettings(), []
        else:
            trust, credentials = cached_trust(site)
        ids = [getattr(trust, f"{name}_id") for name in PAGE_LINKS if getattr(trust, f"{name}_id")]
        pages = Page.objects.live().in_bulk(ids) if ids else {}
        for name in PAGE_LINKS:
            setattr(trust, name, pages.get(getattr(trust, f"{name}_id")))
        request._trust = (trust, credentials)
    return request._trust


def organization_json_ld(request=None):
    """The MedicalOrganization with its current credentials (expired ones are left out: they back nothing)."""
    trust, credentials = trust_for_request(request)
    today = timezone.localdate()
    data = {
        "@type": "MedicalOrganization",
        "name": trust.organization_name,
        "hasCredential": [
            {key: value for key, value in credential.json_ld().items() if value is not None}
            for credential in credentials
            if credential.expires_on >= today
        ],
    }
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        data["url"] = site.root_url + "/"  # the configured Site, never the request's Host header
        from pages.models.settings import ContactSettings  # pages.models imports this module

        contact = ContactSettings.for_request(request)  # already read for the header: Wagtail keeps it per request
        if contact.has_address:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": contact.street_address,
                "addressLocality": contact.locality,
                "addressRegion": contact.region,
                "postalCode": contact.postal_code,
            }
    return data
