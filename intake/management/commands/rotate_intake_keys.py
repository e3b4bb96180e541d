"""Re-encrypt every encrypted column (requests, notes, chat transcripts) with the newest key."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from audit.models import AuditEvent
from audit.services import record
from privacy.crypto import EncryptedTextField, rotate


def encrypted_models():
    """Every installed model with encrypted fields, and those fields."""
    for model in apps.get_models():
        fields = [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
        if fields:
            yield model, fields


class Command(BaseCommand):
    help = (
        "Re-encrypt intake and chat data with the first (newest) key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for model, fields in encrypted_models():
                total += self.rotate_model(model, fields)
            record(None, AuditEvent.Action.KEYS_ROTATED, detail=f"{total} row(s) re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} row(s) with the newest key."))

    def rotate_model(self, model, fields):
        """Rotate the raw tokens (never decrypting into Python objects) row by row."""
        columns = [field.column for field in fields]
        count = 0
        table = connection.ops.quote_name(model._meta.db_table)
        select = ", ".join(connection.ops.quote_name(column) for column in ["id", *columns])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {select} FROM {table} ORDER BY id")  # noqa: S608 (names come from the model)
            rows = cursor.fetchall()
        for pk, *tokens in rows:
            updates = {column: rotate(token) for column, token in zip(columns, tokens, strict=True) if token}
            if updates:
                assignments = ", ".join(f"{connection.ops.quote_name(column)} = %s" for column in updates)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                        [*updates.values(), pk],
                    )
                count += 1
        return count
