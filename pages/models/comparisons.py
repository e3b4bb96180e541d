"""Side-by-side comparison of two drugs, built from their structured facts."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.fields import StreamField

from pages.blocks import ARTICLE_BODY_BLOCKS

from .articles import DrugPage
from .base import BasePage, MedicallyReviewed, summary_panel


class ComparisonPage(MedicallyReviewed, BasePage):
    """Two drug articles compared in a table taken from their key facts, plus editorial text."""

    template = "pages/comparison_page.html"
    parent_page_types = ["pages.DrugIndexPage"]
    subpage_types = []
    related_on_serve = ("reviewer", "drug_a__drug_class", "drug_b__drug_class")

    drug_a = models.ForeignKey("pages.DrugPage", null=True, on_delete=models.SET_NULL, related_name="+")
    drug_b = models.ForeignKey("pages.DrugPage", null=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(ARTICLE_BODY_BLOCKS, blank=True)

    summary_required = True

    content_panels = BasePage.content_panels + [
        "drug_a",
        "drug_b",
        summary_panel("The short answer: how the two differ, in two or three sentences."),
        "body",
        "references",
    ]
    promote_panels = BasePage.promote_panels + MedicallyReviewed.review_panels

    def clean(self):
        super().clean()
        if self.drug_a_id and self.drug_a_id == self.drug_b_id:
            raise ValidationError({"drug_b": "Choose a different drug from the first one."})

    def drugs(self):
        """The compared drugs that still exist, with their street names loaded in one query."""
        if not hasattr(self, "_drugs"):
            self._drugs = self.in_own_language([drug for drug in (self.drug_a, self.drug_b) if drug])
            DrugPage.load_street_names(self._drugs)
        return self._drugs

    def in_own_language(self, drugs):
        """A translated comparison keeps the English drugs (wagtail-localize syncs the choice); show their
        live translations in this page's language instead, where they exist (one query, translations only)."""
        if all(drug.locale_id == self.locale_id for drug in drugs):
            return drugs
        found = {
            drug.translation_key: drug
            for drug in DrugPage.objects.live()
            .filter(translation_key__in=[d.translation_key for d in drugs], locale_id=self.locale_id)
            .select_related("drug_class")
        }
        return [found.get(drug.translation_key, drug) for drug in drugs]

    def structured_data(self, request=None):
        data = super().structured_data(request)
        drugs = [drug.drug_structured_data() for drug in self.drugs()]
        if drugs:
            data["about"] = drugs
        return data

    def comparison_rows(self):
        """Rows of (label, value for drug A, value for drug B) from both drugs' key facts."""
        if len(self.drugs()) < 2:
            return []
        drug_a, drug_b = self.drugs()
        facts_b = dict(drug_b.key_facts())
        return [(label, value_a, facts_b.get(label, "")) for label, value_a in drug_a.key_facts()]
