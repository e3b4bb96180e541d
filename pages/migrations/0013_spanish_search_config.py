"""Issue 16: a PostgreSQL text-search configuration for Spanish that ignores accents (pages/search_backend.py).

Spanish stemming after `unaccent`, so "heroina" and "heroína", "benzodiacepinas" and "benzodiacepina" meet.
Nothing happens on SQLite, whose FTS5 tokenizer folds accents by itself.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'spanish_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish);
    ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
END $$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS spanish_unaccent;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("pages", "0012_spanish_locale")]

    operations = [migrations.RunPython(create, drop)]
