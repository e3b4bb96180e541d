"""Treatment programs and plain content pages."""

from wagtail.fields import StreamField

from pages.blocks import SIMPLE_BODY_BLOCKS

from .base import BasePage, MedicallyReviewed, summary_panel


class ProgramIndexPage(BasePage):
    """Lists the stages of care, in the order an editor arranges them."""

    template = "pages/program_index_page.html"
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ProgramPage"]
    max_count = 1

    content_panels = BasePage.content_panels + [summary_panel("A sentence or two introducing the stages of care.")]

    def programs(self):
        return ProgramPage.objects.child_of(self).live().public()


class ProgramPage(MedicallyReviewed, BasePage):
    """One stage of care, such as medical detox or outpatient therapy."""

    template = "pages/program_page.html"
    parent_page_types = ["pages.ProgramIndexPage"]
    subpage_types = []

    summary_required = True
    body = StreamField(SIMPLE_BODY_BLOCKS)

    content_panels = BasePage.content_panels + [
        summary_panel("What this program is and who it is for, in two sentences."),
        "body",
        "references",
    ]
    promote_panels = BasePage.promote_panels + MedicallyReviewed.review_panels


class ContentPage(BasePage):
    """A plain page such as About, Privacy or Contact."""

    template = "pages/content_page.html"
    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage", "pages.SelfCheckPage"]

    body = StreamField(SIMPLE_BODY_BLOCKS)

    content_panels = BasePage.content_panels + [summary_panel("A sentence or two under the heading."), "body"]
