"""Wagtail's database search backend, with Spanish pages analysed as Spanish on PostgreSQL (issue 16).

On PostgreSQL the English pages keep the server's default text-search configuration (English); Spanish pages
are indexed, and Spanish searches parsed, with `spanish_unaccent` (Spanish stemming after unaccent, made by
pages/migrations/0013): "benzodiacepinas" finds "benzodiacepina", "heroina" finds "heroína". The language
of a page is its locale; the language of a search is the active one (its URL prefix, /es/search/).

On SQLite the same backend is Wagtail's FTS5 one: its tokenizer (unicode61) already folds accents, and the
search view's plural-stripping retry covers Spanish plurals in -s; there is no stemming.
"""

import copy
from collections import defaultdict

from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

SPANISH_CONFIG = "spanish_unaccent"


def config_for(language_code, default):
    """The text-search configuration for content in this language (None = the server's default)."""
    return SPANISH_CONFIG if (language_code or "").split("-")[0] == "es" else default


def SearchBackend(params):  # noqa: N802 (Wagtail imports backends by this name)
    """The backend for the default database: our language-aware one on PostgreSQL, Wagtail's otherwise."""
    if connection.vendor != "postgresql":
        return DatabaseSearchBackend(params)
    return _postgres_backend_class()(params)


def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
        PostgresSearchResults,
    )
    from wagtail.models import Locale

    class LanguageIndex(PostgresIndex):
        """Indexes each object with the configuration of its own language."""

        def add_items(self, model, objs):
            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups = defaultdict(list)
            for obj in objs:
                groups[config_for(codes.get(getattr(obj, "locale_id", None)), self.backend.config)].append(obj)
            backend = self.backend
            try:
                for config, group in groups.items():
                    self.backend = copy.copy(backend)
                    self.backend.config = config
                    super().add_items(model, group)
            finally:
                self.backend = backend

    class LanguageQueryCompiler(PostgresSearchQueryCompiler):
        """Parses the query in the active language's configuration."""

        def get_config(self, backend):
            return config_for(translation.get_language(), backend.config)

    class LanguageSearchBackend(PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler
        results_class = PostgresSearchResults

    return LanguageSearchBackend
