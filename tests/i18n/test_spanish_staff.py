"""Staff side of Spanish: review before going live, a review stamp of its own, translation status, the request's language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from intake.models import VerificationRequest
from pages.translation import UnreviewedTranslationError, publishing_reviewed_content
from tests.factories.users import make_staff

pytestmark = pytest.mark.django_db


def start_translation(page, locale):
    """What "Translate this page" does: a translation source, a translation, and a draft Spanish page."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = entry.msgid
    translation.import_po(po)
    translation.save_target(publish=False)
    return translation, page.get_translation(locale).specific


def test_a_new_translation_is_a_draft_without_the_english_review_stamp(english_site, spanish):
    klonopin = english_site["klonopin"]
    for key in ("home", "library"):
        start_translation(english_site[key].specific, spanish)
    _translation, es_klonopin = start_translation(klonopin.specific, spanish)
    assert not es_klonopin.live
    assert es_klonopin.reviewer is None and es_klonopin.last_reviewed is None and es_klonopin.next_review_due is None
    assert klonopin.specific.reviewer is not None


def test_a_translation_cannot_go_live_without_review(english_site, spanish, django_capture_on_commit_callbacks):
    for key in ("home", "library"):
        start_translation(english_site[key].specific, spanish)
    translation, es_klonopin = start_translation(english_site["klonopin"].specific, spanish)
    with pytest.raises(UnreviewedTranslationError):
        es_klonopin.get_latest_revision().publish()
    # wagtail-localize's own "publish" (translation editor, sync view) publishes after the commit, without a user.
    with pytest.raises(UnreviewedTranslationError), django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    es_klonopin.refresh_from_db()
    assert not es_klonopin.live


def test_a_translation_goes_live_through_clinical_review_with_its_own_stamp(
    client, english_site, spanish, editor, reviewer
):
    for key in ("home", "library"):
        _t, page = start_translation(english_site[key].specific, spanish)
        with publishing_reviewed_content():
            page.get_latest_revision().publish()
    _translation, es_klonopin = start_translation(english_site["klonopin"].specific, spanish)
    english_stamp = (english_site["klonopin"].specific.reviewer_id, english_site["klonopin"].specific.last_reviewed)

    client.force_login(editor)
    url = reverse("pages_submit_translation", args=[es_klonopin.pk])
    assert client.get(url).status_code == 200
    mail.outbox.clear()
    assert client.post(url).status_code == 302
    state = WorkflowState.objects.get(object_id=str(es_klonopin.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Clinical review"
    assert any(reviewer.email in message.to for message in mail.outbox)

    client.force_login(reviewer)
    action = reverse(
        "wagtailadmin_pages:workflow_action", args=[es_klonopin.pk, "approve", state.current_task_state.pk]
    )
    assert client.post(action, {"comment": "Revisado."}).status_code == 302
    es_klonopin.refresh_from_db()
    assert es_klonopin.live
    assert es_klonopin.reviewer.name == "Dr. Maya Okafor"
    assert es_klonopin.last_reviewed == timezone.localdate()
    english = english_site["klonopin"].specific
    english.refresh_from_db()
    assert (english.reviewer_id, english.last_reviewed) == english_stamp  # the English stamp is untouched


def test_an_editor_cannot_submit_an_english_page_through_the_translation_route(client, english_site, editor):
    client.force_login(editor)
    url = reverse("pages_submit_translation", args=[english_site["klonopin"].pk])
    response = client.post(url)  # Wagtail's admin turns the PermissionDenied into a redirect with a message
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not WorkflowState.objects.filter(object_id=str(english_site["klonopin"].pk)).exists()


def test_translation_shows_out_of_date_after_the_english_page_changes(bilingual_site, spanish):
    klonopin = bilingual_site["klonopin"]
    translation = Translation.objects.get(source__object_id=klonopin.translation_key, target_locale=spanish)
    assert translation.get_status_display() == "Up to date"
    klonopin.summary = "Klonopin is a long-acting benzodiazepine for panic disorder."
    klonopin.save_revision().publish()  # publishing re-reads the source (pages/translation.py)
    translation.refresh_from_db()
    assert translation.get_status_display() == "Waiting for translations"
    # The Spanish page itself is unchanged until a translator works on it.
    assert "acción prolongada" in bilingual_site["es_klonopin"].specific.summary


def test_translations_report_lists_the_out_of_date_translation(client, bilingual_site):
    klonopin = bilingual_site["klonopin"]
    klonopin.summary = "Changed English summary."
    klonopin.save_revision().publish()
    client.force_login(make_staff("root", is_superuser=True))
    response = client.get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    assert "Waiting for translations" in response.content.decode()


def callback_form_data():
    return {
        "full_name": "Ana Ejemplo",
        "phone": "(201) 555-0123",
        "contact_time": "any",
        "voicemail_ok": "no",
        "consent": "on",
    }


def test_spanish_callback_is_stored_with_its_language_and_the_email_says_spanish_speaking(
    client, bilingual_site, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/request-callback/", callback_form_data())
    assert response.status_code == 302 and response["Location"] == "/es/request-callback/thank-you/"
    request = VerificationRequest.objects.get()
    assert request.language == VerificationRequest.Language.SPANISH
    assert [m.subject for m in mail.outbox] == [f"New Spanish-speaking callback request #{request.pk}"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/request-callback/", callback_form_data() | {"full_name": "Ann Example"})
    english = VerificationRequest.objects.get(language="en")
    assert [m.subject for m in mail.outbox] == [f"New callback request #{english.pk}"]


def test_spanish_form_errors_are_in_spanish_and_keep_what_was_typed(client, bilingual_site):
    response = client.post("/es/request-callback/", {"full_name": "Ana", "phone": "12"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hay un problema" in html
    assert "Escriba un número de teléfono válido" in html
    assert "Marque la casilla para que podamos ponernos en contacto con usted" in html
    assert 'value="Ana"' in html
    assert not VerificationRequest.objects.exists()


def test_the_queue_filters_by_language(client, bilingual_site):
    client.post("/es/request-callback/", callback_form_data())
    client.post("/request-callback/", callback_form_data() | {"full_name": "Ann Example"})
    client.force_login(make_staff("adm", "Admissions"))
    response = client.get(reverse("insurance_requests:index"), {"language": "es"})
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [r.language for r in rows] == ["es"]
    spanish_request = VerificationRequest.objects.get(language="es")
    page = client.get(reverse("insurance_requests:inspect", args=[spanish_request.pk])).content.decode()
    assert "Spanish-speaking" in page
