"""The drug library: its index, drug-education articles and their structured facts."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from pages.blocks import ARTICLE_BODY_BLOCKS
from pages.health_blocks import TOC_BLOCK_TYPES
from pages.translation import PerLanguageField

from .base import BasePage, MedicallyReviewed, summary_panel


def split_list(text):
    """Turn an editor's comma-separated list into clean items."""
    return [item.strip() for item in (text or "").split(",") if item.strip()]


class DrugIndexPage(BasePage):
    """The drug library: every drug article, A–Z and grouped by class, plus the comparisons."""

    template = "pages/drug_index_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.DrugPage", "pages.ComparisonPage"]
    max_count = 1

    content_panels = BasePage.content_panels + [summary_panel("A sentence or two introducing the library.")]

    def drugs(self):
        """Live drug articles in this library, alphabetical, with their class."""
        return DrugPage.objects.child_of(self).live().public().select_related("drug_class").order_by("title")

    def comparisons(self):
        from .comparisons import ComparisonPage

        return ComparisonPage.objects.child_of(self).live().public().order_by("title")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        drugs = list(self.drugs())
        by_letter, by_class = {}, {}
        for drug in drugs:
            by_letter.setdefault(drug.title[:1].upper(), []).append(drug)
            by_class.setdefault(drug.drug_class, []).append(drug)
        context["drugs"] = drugs
        context["drugs_by_letter"] = sorted(by_letter.items())
        context["drugs_by_class"] = sorted(by_class.items(), key=lambda item: item[0].name)
        context["comparisons"] = self.comparisons()
        return context


class DrugPage(MedicallyReviewed, BasePage):
    """A drug-education article: structured key facts beside plain-language sections."""

    template = "pages/drug_page.html"
    parent_page_types = ["pages.DrugIndexPage"]
    subpage_types = []
    related_on_serve = ("reviewer", "drug_class")

    #: Street names are slang of a language ("clona", not "K-pin"): a translation starts with a copy of the
    #: English list and then keeps its own; a sync from English never overwrites it.
    override_translatable_fields = [*MedicallyReviewed.override_translatable_fields, PerLanguageField("street_names")]

    class Schedule(models.TextChoices):
        I = "I", gettext_lazy("Schedule I")  # noqa: E741  (the DEA's own numeral)
        II = "II", gettext_lazy("Schedule II")
        III = "III", gettext_lazy("Schedule III")
        IV = "IV", gettext_lazy("Schedule IV")
        V = "V", gettext_lazy("Schedule V")
        NONE = "none", gettext_lazy("Not a controlled substance")

    generic_name = models.CharField(max_length=120, help_text="The non-proprietary name, e.g. “clonazepam”.")
    brand_names = models.CharField(max_length=255, blank=True, help_text="Comma-separated, e.g. “Klonopin, Rivotril”.")
    drug_class = models.ForeignKey("pages.DrugClass", on_delete=models.PROTECT, related_name="drugs")
    dea_schedule = models.CharField("DEA schedule", max_length=8, choices=Schedule.choices, default=Schedule.NONE)
    conditions_treated = models.CharField(
        max_length=255, blank=True, help_text="Comma-separated medical uses, e.g. “panic disorder, seizures”."
    )
    onset = models.CharField(max_length=80, blank=True, help_text="How fast it acts, e.g. “20–60 minutes”.")
    duration = models.CharField(max_length=80, blank=True, help_text="How long effects last, e.g. “6–12 hours”.")
    dosing_interval = models.CharField(max_length=80, blank=True, help_text="Usual interval, e.g. “every 12 hours”.")
    body = StreamField(ARTICLE_BODY_BLOCKS, help_text="The article's sections, in reading order.")

    summary_required = True

    content_panels = BasePage.content_panels + [
        summary_panel("The opening paragraph: what the drug is, in two to four sentences."),
        MultiFieldPanel(
            [
                "generic_name",
                "brand_names",
                "drug_class",
                "dea_schedule",
                "conditions_treated",
                "onset",
                "duration",
                "dosing_interval",
            ],
            heading="Key facts",
        ),
        InlinePanel("street_names", heading="Street names", label="Street name"),
        "body",
        InlinePanel("similar_drug_links", heading="Similar drugs (besides the same class)", label="Similar drug"),
        "references",
    ]
    promote_panels = BasePage.promote_panels + MedicallyReviewed.review_panels

    # Slang, brand and class names are indexed so "K-pin", "benzos" or "clonazepam" find the article.
    # Names weigh more than the body: "opioids" must rank the opioid articles above a benzodiazepine
    # article whose text warns about mixing with opioids (PostgreSQL has four weights: 3, 2, rest).
    search_fields = BasePage.search_fields + [
        index.SearchField("generic_name", boost=3),
        index.AutocompleteField("generic_name"),
        index.SearchField("brand_names", boost=3),
        index.AutocompleteField("brand_names"),
        index.SearchField("summary"),
        index.SearchField("conditions_treated"),
        index.SearchField("body"),
        index.RelatedFields("street_names", [index.SearchField("name", boost=2), index.AutocompleteField("name")]),
        index.RelatedFields(
            "drug_class",
            [
                index.SearchField("name", boost=3),
                index.SearchField("plural_name", boost=3),
                index.SearchField("also_known_as", boost=2),
                index.AutocompleteField("name"),
            ],
        ),
        index.FilterField("drug_class"),
    ]

    @property
    def brand_name_list(self):
        return split_list(self.brand_names)

    @property
    def condition_list(self):
        return split_list(self.conditions_treated)

    def street_name_list(self):
        """Street names in editor order; memoised because the key facts and the JSON-LD both show them."""
        if getattr(self, "_street_name_list", None) is None:
            self._street_name_list = [street.name for street in self.street_names.all()]
        return self._street_name_list

    @staticmethod
    def load_street_names(drugs):
        """Fill `street_name_list()` for several drugs with one query (a comparison shows two)."""
        names = {drug.pk: [] for drug in drugs}
        for page_id, name in DrugStreetName.objects.filter(page__in=names).values_list("page_id", "name"):
            names[page_id].append(name)
        for drug in drugs:
            drug._street_name_list = names[drug.pk]

    def key_facts(self):
        """Ordered (label, value) pairs: the key-facts box and comparison tables both use them."""
        return [
            (_("Generic name"), self.generic_name),
            (_("Brand names"), ", ".join(self.brand_name_list)),
            (_("Drug class"), _(self.drug_class.name)),
            (_("DEA schedule"), self.get_dea_schedule_display()),
            (_("Used to treat"), ", ".join(self.condition_list)),
            (_("Street names"), ", ".join(self.street_name_list())),
            (_("Starts working"), self.onset),
            (_("Effects last"), self.duration),
            (_("Usually taken"), self.dosing_interval),
        ]

    def sections(self):
        """The body's sections and structured health sections, for the table of contents."""
        return [block.value for block in self.body if block.block_type in TOC_BLOCK_TYPES]

    @property
    def overdose_kind(self):
        """Which overdose box the article shows above its text ("opioid", "mixing" or ""), from its class."""
        return self.drug_class.overdose_guidance

    def similar_drugs(self, limit=6):
        """Editor-chosen links first (in their order), then live drugs of the same class: one query."""
        links = SimilarDrugLink.objects.filter(page=self, drug=OuterRef("pk")).order_by("sort_order", "pk")
        return list(
            DrugPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)  # each language lists its own articles
            .exclude(pk=self.pk)
            .annotate(
                chosen=Exists(links),
                link_order=Subquery(links.values("sort_order")[:1]),
                link_id=Subquery(links.values("pk")[:1]),
            )
            .filter(Q(chosen=True) | Q(drug_class_id=self.drug_class_id))
            .select_related("drug_class")
            .order_by("-chosen", F("link_order").asc(nulls_last=True), "link_id", "title")[:limit]
        )

    def comparisons(self):
        """Live comparison pages this drug appears in."""
        from .comparisons import ComparisonPage

        # A translated comparison still names the English drugs (see ComparisonPage.in_own_language): match by
        # translation key, in this page's language.
        key = self.translation_key
        return (
            ComparisonPage.objects.live()
            .public()
            .filter(Q(drug_a__translation_key=key) | Q(drug_b__translation_key=key), locale_id=self.locale_id)
            .order_by("title")
        )

    def drug_structured_data(self):
        """This drug as a schema.org Drug: non-proprietary name, brands, class and legal status."""
        data = {"@type": "Drug", "name": self.title, "nonProprietaryName": self.generic_name}
        brands = self.brand_name_list
        if brands:
            data["proprietaryName"] = brands[0] if len(brands) == 1 else brands
        street_names = self.street_name_list()
        if street_names:
            data["alternateName"] = street_names
        data["drugClass"] = {"@type": "DrugClass", "name": self.drug_class.name}
        schedule = (
            f"{self.get_dea_schedule_display()} controlled substance"
            if self.dea_schedule != self.Schedule.NONE
            else self.get_dea_schedule_display()
        )
        data["legalStatus"] = {
            "@type": "DrugLegalStatus",
            "name": schedule,
            "applicableLocation": {"@type": "Country", "name": "United States"},
        }
        return data

    def structured_data(self, request=None):
        data = super().structured_data(request)
        data["about"] = self.drug_structured_data()
        return data

    def mid_article_cta_after(self):
        """After which body block (1-based) the automatic mid-article insurance CTA goes; 0 if an editor placed one.

        Articles too short to have a middle (under four blocks) only get the closing CTA.
        """
        block_types = [block.block_type for block in self.body]
        if "insurance_cta" in block_types or len(block_types) < 4:
            return 0
        return len(block_types) // 2

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["similar_drugs"] = self.similar_drugs()
        context["comparisons"] = self.comparisons()
        return context


class DrugStreetName(Orderable):
    """A slang name for a drug; searchable so "K-pin" finds Klonopin."""

    page = ParentalKey(DrugPage, on_delete=models.CASCADE, related_name="street_names")
    name = models.CharField(max_length=60)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name


class SimilarDrugLink(Orderable):
    """An explicit "similar drug" chosen by an editor, e.g. alcohol on a benzodiazepine article."""

    page = ParentalKey(DrugPage, on_delete=models.CASCADE, related_name="similar_drug_links")
    drug = models.ForeignKey(DrugPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("drug")]
