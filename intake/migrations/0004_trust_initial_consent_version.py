"""The first wording of the 42 CFR Part 2 consent, so the insurance form works on a fresh database.

A superuser replaces it with a new version (Settings → Part 2 consent versions) once the program's
counsel has approved the wording and the real privacy-office address.
"""

from django.db import migrations

from intake.consent import REDISCLOSURE_NOTICE

FIRST_VERSION = {
    "label": "2026-02 v1",
    "program_name": "Harbor Light Recovery, the substance use treatment program that runs this website",
    "information": (
        "What you entered in this form: the name, date of birth and contact details of the person who needs "
        "treatment, the insurance provider, member ID, group number and policy holder, and the fact that this "
        "person is seeking substance use disorder treatment (assessment and the levels of care that may be "
        "needed). It does not include the substances you chose, which stay with our admissions team."
    ),
    "clearinghouse": "",
    "purpose": (
        "To verify insurance coverage, benefits and any pre-authorization requirements for substance use "
        "disorder treatment, at the patient's request. Nothing else."
    ),
    "revocation": (
        "You may revoke this consent at any time, in writing: e-mail privacy@harborlight.example or write to the "
        "Privacy Officer at the address on our Contact page. Revoking stops further disclosures; it cannot undo "
        "a disclosure we already made while the consent was in force."
    ),
    "expiry_days": 90,
    "expiry_event": "when the insurance verification ends",
    "no_conditioning": (
        "We will not make treatment, payment, enrolment or eligibility for benefits depend on whether you sign. "
        "If you do not sign, you can still call us and we can discuss other ways to pay."
    ),
    "redisclosure": REDISCLOSURE_NOTICE,
    "is_current": True,
}


def create_first_version(apps, schema_editor):
    ConsentVersion = apps.get_model("intake", "ConsentVersion")
    if not ConsentVersion.objects.exists():
        ConsentVersion.objects.create(**FIRST_VERSION)


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_trust_part2_consent")]

    operations = [migrations.RunPython(create_first_version, migrations.RunPython.noop)]
