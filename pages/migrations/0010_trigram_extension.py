"""pg_trgm for the "Did you mean …?" suggestion (pages/suggest.py); a no-op on SQLite.

pg_trgm is a trusted extension (PostgreSQL 13+), so the database owner may create it.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_insurance_provider_moved_to_intake")]

    operations = [TrigramExtension()]
