"""The self-check page: one validated questionnaire (AUDIT-C or DAST-10), scored in the reader's browser."""

from django.db import models
from wagtail.fields import RichTextField

from pages.self_checks import CHOICES, INSTRUMENTS, question_rows

from .base import BasePage, MedicallyReviewed


class SelfCheckPage(MedicallyReviewed, BasePage):
    """An anonymous self-check editors can place anywhere in the site's plain pages.

    The questions and score bands come from `pages.self_checks` (editors pick the instrument, not the
    wording). The page is the same for everyone and cacheable; answers are scored by the page's script,
    or without JavaScript by a POST to `self_check_result`, which stores and logs nothing. What a score
    means is clinical advice, so the page carries a clinician's review stamp like the articles.
    """

    template = "pages/self_check_page.html"
    parent_page_types = ["pages.HomePage", "pages.ContentPage"]
    subpage_types = []

    instrument = models.CharField(max_length=20, choices=CHOICES)
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = BasePage.content_panels + ["instrument", "intro", "references"]
    promote_panels = BasePage.promote_panels + MedicallyReviewed.review_panels

    @property
    def questionnaire(self):
        return INSTRUMENTS[self.instrument]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("questions", question_rows(self.questionnaire))
        return context
