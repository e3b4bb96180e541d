"""Re-encrypt every stored request and note with the newest key in FIELD_ENCRYPTION_KEYS."""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from audit.models import AuditEvent
from audit.services import record
from intake.fields import rotate
from intake.models import StaffNote, VerificationRequest


class Command(BaseCommand):
    help = (
        "Re-encrypt intake data with the first (newest) key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, keep the old ones after it, run this, then remove the old keys."
    )

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for model in (VerificationRequest, StaffNote):
                total += self.rotate_model(model)
            record(None, AuditEvent.Action.KEYS_ROTATED, detail=f"{total} row(s) re-encrypted")
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {total} row(s) with the newest key."))

    def rotate_model(self, model):
        """Rotate the raw tokens (never decrypting into Python objects) row by row."""
        fields = model.ENCRYPTED_FIELDS
        columns = [model._meta.get_field(name).column for name in fields]
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
