"""Editors can only build a sensible tree."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from pages.models import (
    ComparisonPage,
    ContentPage,
    DrugIndexPage,
    DrugPage,
    HomePage,
    ProgramIndexPage,
    ProgramPage,
    SelfCheckPage,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_children(self):
        self.assertAllowedSubpageTypes(HomePage, {DrugIndexPage, ProgramIndexPage, ContentPage, SelfCheckPage})

    def test_library_holds_drugs_and_comparisons(self):
        self.assertAllowedSubpageTypes(DrugIndexPage, {DrugPage, ComparisonPage})
        self.assertAllowedParentPageTypes(DrugPage, {DrugIndexPage})
        self.assertAllowedParentPageTypes(ComparisonPage, {DrugIndexPage})

    def test_articles_are_leaves(self):
        for model in (DrugPage, ComparisonPage, ProgramPage):
            self.assertAllowedSubpageTypes(model, set())

    def test_programs_live_under_the_program_index(self):
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramIndexPage})
        self.assertAllowedSubpageTypes(ProgramIndexPage, {ProgramPage})

    def test_content_pages_nest(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})

    def test_self_checks_sit_under_home_or_a_plain_page_and_hold_nothing(self):
        self.assertAllowedParentPageTypes(SelfCheckPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(SelfCheckPage, set())

    def test_drug_cannot_be_created_under_home(self):
        self.assertCanNotCreateAt(HomePage, DrugPage)
        self.assertCanCreateAt(DrugIndexPage, DrugPage)

    def test_singletons(self):
        self.assertEqual(HomePage.max_count, 1)
        self.assertEqual(DrugIndexPage.max_count, 1)
