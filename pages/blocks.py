"""StreamField blocks for articles; each renders through its own template in templates/blocks/.

There is deliberately no raw-HTML block: editors cannot inject scripts or styles that would
break the strict Content-Security-Policy.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from pages.health_blocks import HEALTH_BLOCKS

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "superscript"]


class SectionValue(blocks.StructValue):
    """Adds the in-page anchor that the table of contents links to."""

    def anchor_id(self):
        return self.get("anchor") or slugify(self.get("heading"))


class SectionBlock(blocks.StructBlock):
    """A titled section of an article; every section appears in the table of contents."""

    heading = blocks.CharBlock(max_length=120, help_text="A short question or statement, e.g. “What does it treat?”.")
    anchor = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Optional link name (letters, digits, hyphens). Made from the heading when empty.",
    )
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor")
        if anchor and slugify(anchor) != anchor:
            raise ValidationError(
                "Check the link name.",
                params={"anchor": ValidationError("Use lowercase letters, digits and hyphens only.")},
            )
        return value

    class Meta:
        icon = "title"
        template = "blocks/section_block.html"
        value_class = SectionValue
        description = "A heading with its text; listed in the table of contents."
        preview_value = {"heading": "What does it treat?", "body": "<p>Plain-language facts.</p>"}


class CalloutBlock(blocks.StructBlock):
    """A highlighted note; the warning tone is for safety facts such as dangerous withdrawal."""

    tone = blocks.ChoiceBlock(choices=[("info", "Information"), ("warning", "Safety warning")], default="info")
    title = blocks.CharBlock(max_length=80)
    text = blocks.RichTextBlock(features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "A boxed note. Use “Safety warning” only for facts that protect life."
        preview_value = {
            "tone": "warning",
            "title": "Never stop suddenly",
            "text": "<p>Withdrawal can be dangerous.</p>",
        }


class InsuranceCTABlock(blocks.StructBlock):
    """The confidential insurance check, placed by editors inside the article body."""

    heading = blocks.CharBlock(max_length=80, default="Verify your insurance — free and confidential")
    text = blocks.CharBlock(
        max_length=200, required=False, default="Most major insurance plans are accepted. Checking takes a few minutes."
    )

    class Meta:
        icon = "pick"
        template = "blocks/insurance_cta_block.html"
        description = "The insurance-verification call to action."


class ReferenceBlock(blocks.StructBlock):
    """One numbered source that the article's text can cite as [1], [2], …"""

    title = blocks.CharBlock(max_length=255)
    publisher = blocks.CharBlock(
        max_length=160, help_text="Organisation or journal, e.g. “National Institute on Drug Abuse”."
    )
    url = blocks.URLBlock(required=False)
    accessed = blocks.DateBlock(required=False, help_text="The date the source was last checked.")

    class Meta:
        icon = "doc-full"
        template = "blocks/reference_block.html"


ARTICLE_BODY_BLOCKS = [
    ("section", SectionBlock()),
    ("callout", CalloutBlock()),
    ("insurance_cta", InsuranceCTABlock()),
    *HEALTH_BLOCKS,
]


class PhotoBlock(blocks.StructBlock):
    """A photo uploaded to Wagtail, with the alt text Wagtail's ImageBlock asks for, and an optional caption."""

    image = ImageBlock()
    caption = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "image"
        template = "blocks/photo_block.html"


class VisitUsBlock(blocks.StaticBlock):
    """The facility's address, visiting hours, directions link and whether the address is an example.

    The details live in Settings → Contact details, so the About and Contact pages can never disagree.
    """

    class Meta:
        icon = "site"
        label = "Visit us (address and directions from the contact settings)"
        admin_text = "Shows the address, visiting hours and directions kept in Settings → Contact details."
        template = "blocks/visit_us_block.html"


SIMPLE_BODY_BLOCKS = [
    ("section", SectionBlock()),
    ("callout", CalloutBlock()),
    ("paragraph", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")),
    ("photo", PhotoBlock()),
    ("visit_us", VisitUsBlock()),
    *HEALTH_BLOCKS,
]
