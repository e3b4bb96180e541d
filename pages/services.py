"""The care we actually offer: levels of care (with ASAM levels) and medications for addiction (MAT).

Kept as records so the site never claims a service these records do not back: the services page
lists what is offered and, just as plainly, what is not.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from treatment_site.model_fields import optional_link


class ClaimableService:
    """A service pages may claim we offer (pages/claims.py): it cannot be unticked while a live page claims it."""

    #: The BooleanField that says we offer it.
    availability_field = ""
    #: The fields whose text names it, as pages would (comma-separated values are split by pages/claims.py).
    claim_name_fields = ()

    def claim_names(self):
        return [getattr(self, name) for name in self.claim_name_fields]

    def is_available(self):
        return getattr(self, self.availability_field)

    def clean(self):
        super().clean()
        if not self.is_available():
            from pages.claims import refuse_if_claimed

            refuse_if_claimed(self, self.availability_field)


class LevelOfCare(ClaimableService, models.Model):
    """One level of care on the ASAM Criteria continuum, offered here or not."""

    name = models.CharField(max_length=120, help_text="e.g. “Medically managed withdrawal (detox)”.")
    asam_level = models.CharField("ASAM level", max_length=12, help_text="e.g. “3.7-WM”, “3.5”, “2.1”, “1.0”.")
    offered = models.BooleanField(default=True, help_text="Untick for levels we refer elsewhere for.")
    description = models.TextField(blank=True, help_text="One or two plain sentences.")
    also_called = models.CharField(
        max_length=200,
        blank=True,
        help_text="Other names pages use for it, comma-separated, e.g. “PHP, day treatment”. A page may only "
        "say we offer it (by any of these names) while it is ticked as offered.",
    )
    program_page = optional_link("pages.ProgramPage")
    sort_order = models.PositiveSmallIntegerField(default=100)

    availability_field = "offered"
    claim_name_fields = ("name", "also_called")

    panels = ["name", "asam_level", "offered", "description", "also_called", "program_page", "sort_order"]

    class Meta:
        ordering = ["sort_order", "asam_level"]
        verbose_name_plural = "levels of care"

    def __str__(self):
        return f"ASAM {self.asam_level}: {self.name}"


class Medication(ClaimableService, models.Model):
    """An FDA-approved medication for opioid or alcohol use disorder, and whether we provide it."""

    class UseDisorder(models.TextChoices):
        OPIOID = "oud", _("Opioid use disorder")
        ALCOHOL = "aud", _("Alcohol use disorder")

    name = models.CharField(max_length=120, help_text="Generic name, e.g. “buprenorphine”.")
    brand_names = models.CharField(max_length=200, blank=True)
    use_disorder = models.CharField(max_length=3, choices=UseDisorder.choices)
    provided = models.BooleanField(help_text="Do we prescribe or give it here?")
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="e.g. “We continue it for people already taking it; we refer for new starts.”",
    )
    drug_page = optional_link(
        "pages.DrugPage",
        help_text="The drug article that shows whether we provide it (from this record, not from the article's text).",
    )

    availability_field = "provided"
    claim_name_fields = ("name", "brand_names")

    panels = ["name", "brand_names", "use_disorder", "provided", "note", "drug_page"]

    class Meta:
        ordering = ["use_disorder", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_use_disorder_display()})"
