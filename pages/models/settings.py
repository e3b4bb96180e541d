"""Site-wide contact details that editors change without a deploy."""

from django.db import models
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mobile-alt")
class ContactSettings(BaseSiteSetting):
    """How a visitor reaches the admissions team, shown in the header and on every article."""

    admissions_phone = PhoneNumberField(
        default="+18005550123", help_text="Shown as a click-to-call link in the header and on every article."
    )
    helpline_text = models.CharField(
        max_length=200,
        default="Free, confidential help, 24 hours a day, 7 days a week.",
        help_text="One short sentence beside the phone number.",
    )
    office_hours = models.CharField(
        max_length=200,
        default="Admissions counselors answer around the clock.",
        help_text="Plain-language office hours, shown to visitors.",
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

    panels = [
        MultiFieldPanel([FieldPanel("admissions_phone"), FieldPanel("helpline_text")], heading="Phone"),
        MultiFieldPanel(
            [FieldPanel("office_hours"), FieldPanel("chat_opens_at"), FieldPanel("chat_closes_at")],
            heading="Hours",
        ),
        FieldPanel("naloxone_url"),
    ]

    class Meta:
        verbose_name = "contact details"
