"""Personal, insurance and health fields never reach the database as plaintext; keys rotate."""

import datetime

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from intake.models import StaffNote, VerificationRequest
from intake.services import add_note
from privacy.crypto import keyed_hash

pytestmark = pytest.mark.django_db

PLAINTEXTS = ["Robin Fictional", "1990-01-02", "2025550199", "robin@example.com", "MEM-0001", "G-1", "Crystal", "uncle"]


def raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
        return cursor.fetchall()


def test_raw_row_holds_no_plaintext(make_request, klonopin):
    request = make_request(
        substance_ids=str(klonopin.pk), substance_other="Crystal", relationship="uncle", patient="other"
    )
    add_note(None, request, "Called back, left no message")
    dump = repr(raw_rows("intake_verificationrequest")) + repr(raw_rows("intake_staffnote"))
    for secret in [*PLAINTEXTS, "Called back"]:
        assert secret not in dump, secret
    # …but the application reads it back decrypted.
    again = VerificationRequest.objects.get(pk=request.pk)
    assert again.full_name == "Robin Fictional"
    assert again.date_of_birth == datetime.date(1990, 1, 2)
    assert again.substances() == [klonopin]
    assert StaffNote.objects.get().text == "Called back, left no message"


def test_keyed_hashes_find_duplicates_without_plaintext(make_request):
    first = make_request()
    second = make_request(full_name="Someone Else")
    other = make_request(phone="+12025550100")
    assert first.phone_hash == keyed_hash("+12025550199") != other.phone_hash
    assert first.identity_hash == second.identity_hash
    assert list(second.possible_duplicates()) == [first]
    assert list(other.possible_duplicates()) == []
    assert "+12025550199" not in first.phone_hash


def test_rotate_intake_keys_reencrypts_with_the_newest_key(make_request):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old_key]):
        request = make_request()
        add_note(None, request, "A private note")
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        call_command("rotate_intake_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):  # the old key is gone
        again = VerificationRequest.objects.get(pk=request.pk)
        assert again.full_name == "Robin Fictional" and again.member_id == "MEM-0001"
        assert StaffNote.objects.get().text == "A private note"
    with connection.cursor() as cursor:
        cursor.execute("SELECT full_name FROM intake_verificationrequest")
        token = cursor.fetchone()[0]
    assert Fernet(new_key.encode()).decrypt(token.encode()) == b"Robin Fictional"
    from audit.models import AuditEvent

    assert AuditEvent.objects.filter(action=AuditEvent.Action.KEYS_ROTATED, detail="2 row(s) re-encrypted").exists()


def test_str_never_shows_personal_data(make_request):
    request = make_request()
    assert str(request) == f"Request #{request.pk}"
