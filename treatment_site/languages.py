"""The visitor's language, read from the URL prefix alone (English at /, Spanish at /es/).

Django's LocaleMiddleware would also read a language cookie and Accept-Language, and it adds
`Vary: Accept-Language` to every unprefixed response: a shared cache then keeps one copy per browser
language, and our page cache refuses the response altogether. Here the address decides, so the same URL
is the same page for everyone and a visitor switches language with a link, never with hidden state.
"""

from django.conf import settings
from django.db import models
from django.utils import translation


class VisitorLanguage(models.TextChoices):
    """The language a visitor used the site in, kept on their request or chat so staff answer in it (issue 16)."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"


def visitor_language(request):
    """The language of the page this request came in on (its URL prefix, see UrlLanguageMiddleware)."""
    return VisitorLanguage(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE))


def language_tag(language_code=None):
    """The BCP 47 tag with region for hreflang, og:locale and JSON-LD ("en-US", "es-US")."""
    code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return settings.CONTENT_LANGUAGE_TAGS.get(code.split("-")[0], code)


class UrlLanguageMiddleware:
    """Activates the language named by the URL's first segment, or the default; never negotiates."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
