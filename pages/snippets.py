"""Reusable records that editors manage once and pages point to."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from treatment_site.model_fields import optional_link


class DrugClass(index.Indexed, models.Model):
    """A pharmacological family such as benzodiazepines; drives "similar drugs"."""

    name = models.CharField(max_length=100, unique=True)
    plural_name = models.CharField(
        max_length=100, blank=True, help_text="Plural form used in headings, e.g. “Benzodiazepines”."
    )
    slug = models.SlugField(max_length=100, unique=True)
    also_known_as = models.CharField(
        max_length=255,
        blank=True,
        help_text="Everyday or street words for the class, comma-separated, e.g. “benzos, downers”.",
    )
    description = models.TextField(help_text="Two or three plain-language sentences.")

    class OverdoseGuidance(models.TextChoices):
        NONE = "", "None"
        OPIOID = "opioid", "Opioid overdose steps (opioids)"
        MIXING = "mixing", "Overdose steps for mixing with opioids (e.g. benzodiazepines)"

    overdose_guidance = models.CharField(
        max_length=10,
        blank=True,
        choices=OverdoseGuidance.choices,
        default=OverdoseGuidance.NONE,
        help_text="Every article in this class shows the overdose box (911, naloxone, recovery position) at the top.",
    )

    panels = ["name", "plural_name", "slug", "also_known_as", "description", "overdose_guidance"]
    search_fields = [index.SearchField("name"), index.SearchField("also_known_as"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "drug class"
        verbose_name_plural = "drug classes"

    def __str__(self):
        return self.name

    @property
    def display_plural(self):
        return self.plural_name or f"{self.name}s"


class MedicalReviewer(models.Model):
    """A clinician who reviews health content; may be linked to the admin user who approves pages.

    Each has a public profile page (/reviewers/<slug>/) that the "Medically reviewed by" line links to.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="The profile's web address, e.g. “maya-okafor”.")
    credentials = models.CharField(max_length=120, help_text="e.g. “MD, board-certified in addiction medicine”.")
    role = models.CharField(max_length=160, blank=True, help_text="Their role here, e.g. “Medical director, detox”.")
    # A snippet is not translated page by page: the few words a Spanish page shows next to the name sit here.
    credentials_es = models.CharField(
        "credentials (Spanish)",
        max_length=120,
        blank=True,
        help_text="Shown on Spanish pages, e.g. “MD, especialista certificada en medicina de las adicciones”. "
        "Empty: the English credentials.",
    )
    role_es = models.CharField(
        "role (Spanish)", max_length=160, blank=True, help_text="Shown on Spanish pages. Empty: the English role."
    )
    bio = models.TextField(blank=True, help_text="A short public biography.")
    user = optional_link(
        settings.AUTH_USER_MODEL,
        related_name="medical_reviewer",
        field=models.OneToOneField,
        limit_choices_to={"groups__name": "Clinical reviewers"},
        help_text="The admin account this reviewer approves pages with (members of Clinical reviewers only).",
    )

    # Linking decides whose name a published page carries: superusers only, never a reviewer for themselves.
    panels = [
        "name",
        "slug",
        "credentials",
        "role",
        "credentials_es",
        "role_es",
        "bio",
        FieldPanel("user", permission="superuser"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def get_absolute_url(self):
        return reverse("reviewer_profile", args=[self.slug])

    def _in_language(self, field):
        spanish = (get_language() or "").split("-")[0] == "es"
        return (spanish and getattr(self, f"{field}_es")) or getattr(self, field)

    @property
    def shown_credentials(self):
        """The credentials in the visitor's language (Spanish pages: the Spanish wording where there is one)."""
        return self._in_language("credentials")

    @property
    def shown_role(self):
        return self._in_language("role")
