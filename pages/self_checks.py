"""The anonymous self-checks: AUDIT-C (alcohol) and DAST-10 (drugs), their questions, scores and meanings.

The questions follow the published, validated instruments item for item and point for point, put in
our own plain words; editors choose which check a page shows but cannot change a question, because
the score bands are only valid for the instrument as written. Nothing here stores, logs or sends an
answer: `score()` is a pure function, used by the no-JavaScript result view and mirrored by the page's
script, which only adds up the points printed beside each choice.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    text: str
    #: (label, points) in the order shown.
    choices: tuple


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    title: str
    meaning: str
    next_step: str


@dataclass(frozen=True)
class Instrument:
    slug: str
    name: str
    period: str
    questions: tuple
    bands: tuple
    source: str

    @property
    def max_score(self):
        return sum(max(points for _, points in question.choices) for question in self.questions)

    def band_for(self, total):
        return next(band for band in self.bands if band.low <= total <= band.high)


YES_NO = (("No", 0), ("Yes", 1))
NO_YES_REVERSED = (("Yes", 0), ("No", 1))  # DAST-10 item 3 counts a "No"

AUDIT_C = Instrument(
    slug="audit-c",
    name="AUDIT-C alcohol check",
    period="Think about the past 12 months.",
    questions=(
        Question(
            "How often do you have a drink that contains alcohol?",
            (
                ("Never", 0),
                ("Monthly or less", 1),
                ("2 to 4 times a month", 2),
                ("2 or 3 times a week", 3),
                ("4 or more times a week", 4),
            ),
        ),
        Question(
            "On a typical day when you drink, how many standard drinks do you have?",
            (("1 or 2", 0), ("3 or 4", 1), ("5 or 6", 2), ("7 to 9", 3), ("10 or more", 4)),
        ),
        Question(
            "How often do you have six or more drinks on one occasion?",
            (("Never", 0), ("Less than monthly", 1), ("Monthly", 2), ("Weekly", 3), ("Daily or almost daily", 4)),
        ),
    ),
    bands=(
        Band(
            0,
            2,
            "Lower risk",
            "Your answers suggest your drinking carries a lower risk of harm right now.",
            "If you are worried about your drinking or someone else's, you can still talk to us; it is free.",
        ),
        Band(
            3,
            4,
            "Some risk",
            "A score of 3 or more (for women) or 4 or more (for men) is the usual point at which doctors look "
            "more closely at drinking. Your drinking may be starting to affect your health.",
            "Talk to your doctor or to our admissions team about cutting down, and what would help.",
        ),
        Band(
            5,
            12,
            "Higher risk",
            "Your answers suggest your drinking is likely harming your health or safety, and it may be an "
            "alcohol use disorder.",
            "Please talk to a doctor or to us soon. If you drink every day, do not stop suddenly on your own: "
            "alcohol withdrawal can be dangerous, and a medical detox keeps it safe.",
        ),
    ),
    source="Based on the AUDIT-C (Bush et al., 1998), from the World Health Organization's AUDIT.",
)

DAST_10 = Instrument(
    slug="dast-10",
    name="DAST-10 drug use check",
    period=(
        "Think about the past 12 months. “Drugs” means street drugs, and prescription or over-the-counter "
        "medicines taken in larger amounts or in other ways than directed. It does not mean alcohol."
    ),
    questions=(
        Question("Have you used drugs other than those you need for medical reasons?", YES_NO),
        Question("Have you used more than one drug at the same time?", YES_NO),
        Question("Can you always stop using drugs when you want to?", NO_YES_REVERSED),
        Question("Have you had blackouts or flashbacks because of drug use?", YES_NO),
        Question("Do you ever feel bad or guilty about your drug use?", YES_NO),
        Question("Do the people closest to you (a partner or parent) ever complain about your drug use?", YES_NO),
        Question("Have you neglected your family because of your drug use?", YES_NO),
        Question("Have you done illegal things to get drugs?", YES_NO),
        Question("Have you had withdrawal symptoms (felt sick) when you stopped taking drugs?", YES_NO),
        Question(
            "Have you had medical problems because of drug use, such as memory loss, hepatitis, seizures or bleeding?",
            YES_NO,
        ),
    ),
    bands=(
        Band(
            0,
            0,
            "No problems reported",
            "You did not report any problems linked to drug use.",
            "If someone close to you is using, our families section can help.",
        ),
        Band(
            1,
            2,
            "Low level",
            "Your answers suggest a low level of problems linked to drug use.",
            "Keep an eye on it, and talk to a doctor or to us if it starts to grow.",
        ),
        Band(
            3,
            5,
            "Moderate level",
            "Your answers suggest a moderate level of problems linked to drug use.",
            "This is a good time to talk to a doctor or to our admissions team about what would help.",
        ),
        Band(
            6,
            8,
            "Substantial level",
            "Your answers suggest a substantial level of problems linked to drug use.",
            "Please talk to a doctor or to us soon; treatment works, and you do not have to wait for it to get worse.",
        ),
        Band(
            9,
            10,
            "Severe level",
            "Your answers suggest a severe level of problems linked to drug use.",
            "Please reach out today. Call us, or call 988 if you are in crisis. If you use opioids, keep naloxone close.",
        ),
    ),
    source="Based on the Drug Abuse Screening Test, DAST-10 (Skinner, 1982).",
)

INSTRUMENTS = {instrument.slug: instrument for instrument in (AUDIT_C, DAST_10)}
CHOICES = [(instrument.slug, instrument.name) for instrument in INSTRUMENTS.values()]


def score(instrument, answers):
    """(total, band, answers by question number, unanswered question numbers) from submitted form data.

    `answers` maps "q1"… to the chosen choice's index as text; anything else is ignored, so a tampered or
    partial form gives "please answer" instead of an error.
    """
    chosen, missing = {}, []
    for number, question in enumerate(instrument.questions, start=1):
        raw = answers.get(f"q{number}", "")
        if raw in {str(index) for index in range(len(question.choices))}:
            chosen[number] = int(raw)
        else:
            missing.append(number)
    if missing:
        return None, None, chosen, missing
    total = sum(instrument.questions[number - 1].choices[index][1] for number, index in chosen.items())
    return total, instrument.band_for(total), chosen, []


def question_rows(instrument, chosen=None):
    """The questions as the template shows them: (number, text, [(index, label, points, checked)])."""
    chosen = chosen or {}
    return [
        (
            number,
            question.text,
            [
                (index, label, points, chosen.get(number) == index)
                for index, (label, points) in enumerate(question.choices)
            ],
        )
        for number, question in enumerate(instrument.questions, start=1)
    ]
