"""The 42 CFR Part 2 consent on the public form: every §2.31 element, the signature rules, the stored record."""

import datetime
import hashlib

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from intake.consent import REDISCLOSURE_NOTICE, ConsentVersion, SignedConsent
from intake.models import VerificationRequest

VERIFY = reverse("intake:verify")

# (element, text that proves it) for the consent as the public form shows it.
ELEMENTS_ON_FORM = [
    ("patient's name", "Patient: the person named in this form as needing treatment"),
    ("who may disclose", "Who may disclose: Harbor Light Recovery"),
    ("what, specifically", "What may be disclosed: What you entered in this form"),
    ("that they seek SUD treatment", "is seeking substance use disorder treatment"),
    ("to whom", "To whom: the insurer or health plan chosen in this form"),
    ("purpose", "Purpose: To verify insurance coverage"),
    ("right to revoke and how", "You may revoke this consent at any time, in writing: e-mail privacy@"),
    ("expiry", "Expiry: this consent ends 90 days after I sign it or when the insurance verification ends"),
    ("not conditioned", "We will not make treatment, payment, enrolment or eligibility for benefits depend"),
    ("redisclosure", REDISCLOSURE_NOTICE[:120]),
    ("signature and date", "Signature and date: signed electronically by typing a full name"),
]


def consent_section_text(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.select_one(".part2-consent").get_text(" ").split())


@pytest.mark.django_db
def test_form_shows_every_section_231_element(client, aetna):
    text = consent_section_text(client.get(VERIFY))
    missing = [name for name, proof in ELEMENTS_ON_FORM if " ".join(proof.split()) not in text]
    assert missing == []
    soup = BeautifulSoup(client.get(VERIFY).content.decode(), "html.parser")
    assert soup.select_one("input[name=part2_signature]") is not None
    assert soup.select_one("input[type=checkbox][name=part2_agree]") is not None


def test_signed_consent_is_stored_with_every_element(client, valid_data):
    response = client.post(VERIFY, valid_data)
    assert response.status_code == 302
    request = VerificationRequest.objects.get()
    consent = request.part2
    version = ConsentVersion.current()
    assert consent.version == version
    assert consent.signer == SignedConsent.Signer.PATIENT
    assert consent.signature == "Jordan Testperson"
    assert consent.patient_name == "Jordan Testperson"
    assert consent.recipient == "Aetna"
    assert consent.signed_at is not None and timezone.now() - consent.signed_at < datetime.timedelta(minutes=1)
    assert consent.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    assert consent.text_hash == hashlib.sha256(version.render_text().encode()).hexdigest()
    stored = " ".join(consent.rendered_text().split())
    assert "Patient: Jordan Testperson." in stored
    assert "To whom: Aetna." in stored
    for name, proof in ELEMENTS_ON_FORM[1:-1]:
        if name not in {"to whom", "patient's name"}:
            assert " ".join(proof.split()) in stored, name
    assert consent.disclosure_block_reason() == ""


@pytest.mark.parametrize(
    "signature, error",
    [
        ("", "Type your full name to sign the consent"),
        ("Someone Else", "The signature must match the full name of the person who needs treatment"),
    ],
)
def test_signature_must_match_the_patient(client, valid_data, signature, error):
    response = client.post(VERIFY, {**valid_data, "part2_signature": signature})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not VerificationRequest.objects.exists()
    # Nothing typed is lost.
    assert 'value="ZXQ123456789"' in response.content.decode()


def test_signature_ignores_case_and_spaces(client, valid_data):
    assert client.post(VERIFY, {**valid_data, "part2_signature": "  jordan   TESTPERSON "}).status_code == 302


def test_unticked_box_refuses(client, valid_data):
    data = {key: value for key, value in valid_data.items() if key != "part2_agree"}
    response = client.post(VERIFY, data)
    assert "Tick the box to sign the consent" in response.content.decode()
    assert not VerificationRequest.objects.exists()


def family_data(valid_data, **extra):
    return {**valid_data, "patient": "other", "relationship": "my son", "full_name": "Alex Testperson", **extra}


def test_representative_signs_with_their_own_name_and_authority(client, valid_data):
    data = family_data(valid_data, authority="parent", representative_name="Jordan Testperson")
    assert client.post(VERIFY, data).status_code == 302
    consent = VerificationRequest.objects.get().part2
    assert consent.signer == SignedConsent.Signer.REPRESENTATIVE
    assert consent.authority == SignedConsent.Authority.PARENT
    assert (consent.patient_name, consent.signature, consent.relationship) == (
        "Alex Testperson",
        "Jordan Testperson",
        "my son",
    )


def test_representative_signature_must_match_the_stated_representative(client, valid_data):
    data = family_data(valid_data, authority="poa", representative_name="Jordan Testperson", part2_signature="J T")
    response = client.post(VERIFY, data)
    assert "The signature must match your full name" in response.content.decode()
    assert not VerificationRequest.objects.exists()


def test_someone_without_authority_gets_a_callback_only_request(client, valid_data):
    data = family_data(valid_data, authority="none", part2_signature="", part2_agree="")
    assert client.post(VERIFY, data).status_code == 302
    consent = VerificationRequest.objects.get().part2
    assert consent.signer == SignedConsent.Signer.NONE
    assert consent.signed_at is None and consent.signature == ""
    assert "Callback only" in consent.disclosure_block_reason()


def new_current_version(label, **wording):
    """A new current English consent version: the current one's wording, with ``wording`` changed."""
    current = ConsentVersion.current()
    fields = {name: getattr(current, name) for name in ConsentVersion.FROZEN_FIELDS}
    return ConsentVersion.objects.create(**{**fields, **wording, "label": label, "is_current": True})


def test_a_form_shown_with_an_older_version_must_be_read_again(client, valid_data):
    new_current_version("test v2", purpose="To verify insurance coverage and the benefits of your plan")
    response = client.post(VERIFY, valid_data)
    assert "The consent wording was updated" in response.content.decode()
    assert not VerificationRequest.objects.exists()


def test_a_signed_version_cannot_be_changed_or_deleted(client, valid_data):
    client.post(VERIFY, valid_data)
    version = ConsentVersion.current()
    version.purpose = "Marketing"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        ConsentVersion.objects.get(pk=version.pk).delete()
    version.refresh_from_db()
    version.is_current = True  # flags outside the wording may still change
    version.save()


def test_consent_text_is_encrypted_at_rest(client, valid_data):
    from django.db import connection

    client.post(VERIFY, valid_data)
    with connection.cursor() as cursor:
        cursor.execute("SELECT patient_name, signature, recipient FROM intake_signedconsent")
        row = cursor.fetchone()
    assert all(value.startswith("gAAAA") for value in row)


@pytest.mark.parametrize("element", [name for name, _ in ELEMENTS_ON_FORM])
def test_every_element_is_in_the_stored_record_and_its_printed_copy(client, valid_data, superuser, element):
    """Each §2.31 element, one by one: in the record kept with the request and on the one-page print."""
    client.post(VERIFY, valid_data)
    consent = VerificationRequest.objects.get().part2
    stored = " ".join(consent.rendered_text().split())
    client.force_login(superuser)
    printed = " ".join(
        BeautifulSoup(
            client.get(reverse("part2_print", args=[consent.request_id, "consent"])).content.decode(), "html.parser"
        )
        .get_text(" ")
        .split()
    )
    proofs = {
        "patient's name": ("Patient: Jordan Testperson.", consent.patient_name == "Jordan Testperson"),
        "to whom": ("To whom: Aetna.", consent.recipient == "Aetna"),
        "signature and date": (
            "Signature and date: signed electronically",
            consent.signature == "Jordan Testperson" and consent.signed_at is not None,
        ),
    }
    proof, field_ok = proofs.get(element, (dict(ELEMENTS_ON_FORM)[element], True))
    proof = " ".join(proof.split())
    assert proof in stored and proof in printed and field_ok
    if element == "signature and date":
        assert "Signed electronically by “Jordan Testperson”" in printed
        assert f"{consent.signed_at:%Y}" in printed


def test_a_representatives_printed_consent_names_who_signed_and_why_they_may(client, valid_data, superuser):
    data = family_data(valid_data, authority="parent", representative_name="Jordan Testperson")
    client.post(VERIFY, data)
    request = VerificationRequest.objects.get()
    client.force_login(superuser)
    text = " ".join(
        BeautifulSoup(client.get(reverse("part2_print", args=[request.pk, "consent"])).content, "html.parser")
        .get_text(" ")
        .split()
    )
    assert "Patient: Alex Testperson." in text
    assert "Signed electronically by “Jordan Testperson” (a representative with authority to consent; my son, " in text
    assert "parent or legal guardian of a patient under 18)" in text


SPANISH_VERIFY = "/es/verify-insurance/"

# (element, proof) for the Spanish wording: the same §2.31 elements and the §2.32 notice, in Spanish.
SPANISH_ELEMENTS = [
    ("patient's name", "Paciente: la persona que este formulario indica que necesita tratamiento"),
    ("who may disclose", "Quién puede divulgar la información: Harbor Light Recovery"),
    ("what, specifically", "Qué información se puede divulgar: Lo que usted escribió en este formulario"),
    ("that they seek SUD treatment", "busca tratamiento para un trastorno por consumo de sustancias"),
    ("to whom", "A quién: la aseguradora o el plan de salud elegido en este formulario"),
    ("purpose", "Finalidad: Verificar la cobertura del seguro"),
    ("right to revoke and how", "Usted puede revocar este consentimiento en cualquier momento, por escrito"),
    ("expiry", "Vencimiento: este consentimiento termina 90 días después de que lo firme"),
    ("not conditioned", "No haremos que el tratamiento, el pago, la inscripción"),
    ("redisclosure", "Estas normas le prohíben usar o divulgar este registro"),
    ("signature and date", "Firma y fecha: se firma electrónicamente"),
]


def test_spanish_form_shows_the_spanish_consent(client, aetna):
    response = client.get(SPANISH_VERIFY)
    text = consent_section_text(response)
    assert [name for name, proof in SPANISH_ELEMENTS if proof not in text] == []
    assert "Su consentimiento para verificar su seguro" in text
    assert "Who may disclose" not in text and "Notice against redisclosure" not in text
    version = response.context["form"].part2_consent_version
    assert version.language == ConsentVersion.Language.SPANISH and version != ConsentVersion.current()


def test_spanish_submission_records_the_spanish_version_it_showed(client, valid_data):
    spanish = ConsentVersion.current("es")
    response = client.post(SPANISH_VERIFY, {**valid_data, "part2_version": str(spanish.pk)})
    assert response.status_code == 302
    consent = VerificationRequest.objects.get().part2
    assert consent.version == spanish and consent.version.language == "es"
    assert consent.text_hash == hashlib.sha256(spanish.render_text().encode()).hexdigest()
    stored = " ".join(consent.rendered_text().split())
    assert "Paciente: Jordan Testperson." in stored and "A quién: Aetna." in stored  # shown later exactly so
    assert consent.text_matches()


@pytest.mark.django_db
def test_an_english_version_made_current_leaves_the_spanish_one_current():
    spanish = ConsentVersion.current("es")
    new_current_version("2026-03 v2")
    assert ConsentVersion.current("es") == spanish and ConsentVersion.current().label == "2026-03 v2"


def test_spanish_form_asks_and_answers_about_consenting_for_someone_else_in_spanish(client, valid_data):
    spanish = ConsentVersion.current("es")
    data = {**valid_data, "patient": "other", "relationship": "mi hijo", "full_name": "Alex Testperson"}
    response = client.post(SPANISH_VERIFY, {**data, "part2_version": str(spanish.pk), "part2_signature": "Jordan"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form_text = " ".join(soup.select_one("main").get_text(" ").split())
    assert "¿Puede dar el consentimiento legalmente en su nombre?" in form_text
    assert "Padre, madre o tutor legal de un paciente menor de 18 años" in form_text
    assert "Díganos si puede dar el consentimiento legalmente por la persona que necesita tratamiento" in form_text
    assert "Can you legally consent" not in form_text and "Tell us whether" not in form_text
    assert VerificationRequest.objects.count() == 0


def test_the_spanish_form_says_the_consent_is_in_english_only_when_it_is(client, aetna):
    english_only = "todavía está solo en inglés"
    assert english_only not in client.get(SPANISH_VERIFY).content.decode()
    ConsentVersion.objects.filter(language=ConsentVersion.Language.SPANISH).update(is_current=False)
    response = client.get(SPANISH_VERIFY)
    assert english_only in response.content.decode()
    assert response.context["form"].part2_consent_version.language == ConsentVersion.Language.ENGLISH
