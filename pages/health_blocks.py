"""Structured health sections for articles: overdose steps, interactions, withdrawal timeline, detection times.

Each is optional and renders through its own small template in templates/blocks/. Each has a heading and
an anchor, so the article's "On this page" list includes it like an ordinary section.
"""

from django.utils.text import slugify
from wagtail import blocks


class HeadedValue(blocks.StructValue):
    """The in-page anchor for the table of contents, made from the heading when none is set."""

    def anchor_id(self):
        return self.get("anchor") or slugify(self.get("heading"))


class HeadedBlock(blocks.StructBlock):
    """Common heading and anchor fields; subclasses add the structured content."""

    heading = blocks.CharBlock(max_length=120)
    anchor = blocks.CharBlock(required=False, max_length=60, help_text="Optional link name; made from the heading.")

    class Meta:
        value_class = HeadedValue


class OverdoseStepsBlock(HeadedBlock):
    """The fixed "signs of overdose and what to do now" box, placed by an editor where it is needed.

    The steps themselves are not editable: 911, naloxone and the recovery position are the same on every
    page, checked once by the clinical team. Opioid and benzodiazepine articles show it automatically.
    """

    kind = blocks.ChoiceBlock(
        choices=[("opioid", "Opioid overdose"), ("mixing", "Mixing with opioids (benzodiazepines, alcohol)")],
        default="opioid",
    )

    class Meta:
        icon = "warning"
        template = "blocks/overdose_steps_block.html"
        description = "Signs of an overdose and the three things to do now (911, naloxone, recovery position)."
        preview_value = {"heading": "Signs of an overdose", "kind": "opioid"}


class InteractionBlock(blocks.StructBlock):
    substance = blocks.CharBlock(max_length=80, help_text="What it is mixed with, e.g. “Alcohol”.")
    risk = blocks.TextBlock(help_text="What can happen, in one or two plain sentences.")


class InteractionsBlock(HeadedBlock):
    """Dangerous combinations; can carry the FDA's boxed warning on opioids with benzodiazepines."""

    fda_boxed_warning = blocks.BooleanBlock(
        required=False, help_text="Show the FDA boxed warning about opioids taken with benzodiazepines."
    )
    interactions = blocks.ListBlock(InteractionBlock(), min_num=1)

    class Meta:
        icon = "warning"
        template = "blocks/interactions_block.html"
        description = "Drugs and drinks that are dangerous together."
        preview_value = {
            "heading": "Dangerous combinations",
            "fda_boxed_warning": True,
            "interactions": [{"substance": "Alcohol", "risk": "Breathing can slow or stop."}],
        }


class WithdrawalStageBlock(blocks.StructBlock):
    when = blocks.CharBlock(max_length=60, help_text="Time since the last dose, e.g. “8–24 hours”.")
    symptoms = blocks.TextBlock(help_text="What people usually feel then, in plain words.")


class WithdrawalTimelineBlock(HeadedBlock):
    """Withdrawal as an ordered list of stages (time since last dose → symptoms)."""

    intro = blocks.TextBlock(required=False)
    stages = blocks.ListBlock(WithdrawalStageBlock(), min_num=2)
    note = blocks.TextBlock(required=False, help_text="A safety note shown under the timeline.")

    class Meta:
        icon = "time"
        template = "blocks/withdrawal_timeline_block.html"
        description = "A timeline of withdrawal: hours or days after the last dose and the symptoms."
        preview_value = {
            "heading": "Withdrawal timeline",
            "stages": [
                {"when": "8–24 hours", "symptoms": "Anxiety, sweating."},
                {"when": "1–3 days", "symptoms": "Peak."},
            ],
        }


class DetectionWindowBlock(blocks.StructBlock):
    test = blocks.ChoiceBlock(
        choices=[("urine", "Urine"), ("blood", "Blood"), ("saliva", "Saliva"), ("hair", "Hair")], default="urine"
    )
    window = blocks.CharBlock(max_length=80, help_text="Typical detection window, e.g. “1–3 days”.")


class DetectionTimesBlock(HeadedBlock):
    """How long the drug stays in the body: half-life and typical test windows, as a table."""

    half_life = blocks.CharBlock(max_length=120, required=False, help_text="e.g. “about 30–40 hours”.")
    windows = blocks.ListBlock(DetectionWindowBlock(), min_num=1)
    note = blocks.TextBlock(required=False, help_text="What makes the times longer or shorter.")

    class Meta:
        icon = "time"
        template = "blocks/detection_times_block.html"
        description = "How long it stays in the body and shows up on tests."
        preview_value = {
            "heading": "How long it stays in your system",
            "windows": [{"test": "urine", "window": "1–3 days"}],
        }


HEALTH_BLOCKS = [
    ("overdose_steps", OverdoseStepsBlock()),
    ("interactions", InteractionsBlock()),
    ("withdrawal_timeline", WithdrawalTimelineBlock()),
    ("detection_times", DetectionTimesBlock()),
]

#: Block types that appear in the article's table of contents.
TOC_BLOCK_TYPES = {"section"} | {name for name, _ in HEALTH_BLOCKS}
