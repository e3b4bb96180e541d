"""The home page: the front door of the site."""

from django.db import models
from wagtail.fields import StreamField

from pages.blocks import SIMPLE_BODY_BLOCKS

from .base import BasePage, summary_panel


class HomePage(BasePage):
    """The site root: reassurance, the ways to get help now, and doors into the library and programs."""

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.DrugIndexPage", "pages.ProgramIndexPage", "pages.ContentPage", "pages.SelfCheckPage"]
    max_count = 1

    hero_heading = models.CharField(max_length=120, default="You don't have to figure this out alone")
    body = StreamField(SIMPLE_BODY_BLOCKS, blank=True)

    content_panels = BasePage.content_panels + [
        "hero_heading",
        summary_panel("One or two welcoming sentences under the heading."),
        "body",
    ]

    def get_context(self, request, *args, **kwargs):
        from .articles import DrugIndexPage
        from .programs import ProgramIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["drug_library"] = DrugIndexPage.objects.child_of(self).live().public().first()
        program_index = ProgramIndexPage.objects.child_of(self).live().public().first()
        context["program_index"] = program_index
        context["programs"] = program_index.programs() if program_index else []
        return context
