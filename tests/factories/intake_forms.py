"""Complete, valid public-form posts for a fictional person. The insurance one is the intake tests' valid_data
and the benchmark's POST body (bench/sql_counts.py), so a new required field is added to both at once."""

from intake.consent import ConsentVersion


def insurance_form_post(provider):
    """What the public insurance form sends for a patient asking for themselves, with ``provider`` chosen."""
    return {
        "patient": "self",
        "relationship": "",
        "full_name": "Jordan Testperson",
        "date_of_birth": "1988-04-12",
        "phone": "(202) 555-0147",
        "email": "jordan@example.com",
        "contact_method": "phone",
        "contact_time": "evening",
        "voicemail_ok": "no",
        "provider": str(provider.pk),
        "provider_other": "",
        "member_id": "ZXQ123456789",
        "group_number": "GRP-7781",
        "holder_is_patient": "yes",
        "holder_name": "",
        "holder_date_of_birth": "",
        "substance_other": "",
        "consent": "on",
        "website": "",
        "source": "",
        # The 42 CFR Part 2 consent, signed by the patient (intake/consent.py).
        "part2_version": str(ConsentVersion.current().pk),
        "part2_signature": "Jordan Testperson",
        "part2_agree": "on",
    }


def callback_form_post(**answers):
    """What the callback form sends: every required answer, with ``answers`` changed or added."""
    return {
        "full_name": "J.T.",
        "phone": "202-555-0147",
        "contact_time": "morning",
        "voicemail_ok": "yes",
        "consent": "on",
        **answers,
    }
