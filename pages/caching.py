"""Which responses a shared cache may keep, and the in-app full-page cache for single-server installs.

One rule decides both the HTTP headers (read by Varnish or a CDN) and the in-app cache: a public page
is shared only when the request is anonymous (no session cookie, no Authorization header), the path is
not one of the never-cached areas (admin, chat, search, the confidential forms …), and the response
carries nothing per-visitor: no cookie set, no CSRF token rendered, no CSP nonce, no Cache-Control of
its own. Everything else gets `private, no-store`, so a signed-in editor's page (with the Wagtail
userbar) is never stored anywhere.

The in-app cache keys entries by scheme, host, path and query string. Purging a path (or everything)
replaces a "generation" token that is part of the key, so old entries become unreachable at once and
expire on their own; this works the same on Redis and on the local-memory cache.
"""

import hashlib
import secrets
from http.client import responses

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, set_response_etag

HIT_HEADER = "X-Page-Cache"
_ALL_GENERATION_KEY = "pagecache:gen:*"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _path_generation_key(path):
    return "pagecache:gen:" + hashlib.sha256(path.encode()).hexdigest()


def is_excluded_path(path):
    """True for the areas that are never cached: admin, chat, search, forms and the like."""
    return any(path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)


def request_is_shareable(request):
    """May this request be answered from, or stored in, a cache shared between visitors?"""
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not is_excluded_path(request.path)
    )


def response_is_shareable(request, response):
    """Is this response the same for every anonymous visitor, so a shared cache may keep it?"""
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        # A rendered CSRF token belongs to one visitor (and comes with a cookie).
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        # A nonce must be new on every response.
        and "nonce-" not in response.get("Content-Security-Policy", "")
        # Our cache keys know nothing of other request headers.
        and vary <= {"cookie"}
    )


def _entry_key(request):
    raw = "|".join([request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", "")])
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def lookup(request):
    """(entry key, current generations, stored entry or None), in one round trip to the cache.

    An entry remembers the generations it was stored under; a purge since then changed one of them, so
    the entry no longer counts. The generations are read before rendering, so a purge during a render
    makes that render's entry stale at once.
    """
    key, path_key = _entry_key(request), _path_generation_key(request.path)
    found = _cache().get_many([_ALL_GENERATION_KEY, path_key, key])
    generations = f"{found.get(_ALL_GENERATION_KEY, '0')}.{found.get(path_key, '0')}"
    stored = found.get(key)
    if stored is None or stored[0] != generations:
        stored = None
    return key, generations, stored


def purge_paths(paths):
    """Drop every cached variant (any host, any query string) of these URL paths from the in-app cache."""
    # The token must outlive every entry stored under the previous one, so old entries can never come back.
    timeout = settings.PAGE_CACHE_SECONDS + 60
    _cache().set_many({_path_generation_key(path): secrets.token_hex(8) for path in set(paths)}, timeout)


def purge_all():
    """Drop every page from the in-app cache (a change shown on every page, such as the phone number)."""
    _cache().set(_ALL_GENERATION_KEY, secrets.token_hex(8), settings.PAGE_CACHE_SECONDS + 60)


class PageCacheMiddleware:
    """Sets Cache-Control on every response and serves anonymous public pages from the Django cache.

    It sits first but for ConditionalGetMiddleware (ETags, 304s), so a hit skips everything else and the
    stored response already carries the headers the inner middleware adds (security headers, CSP). It
    leaves any Cache-Control a view set itself (the Wagtail admin's never-cache, for instance) alone.
    Under WSGI, PageCacheWSGI answers hits even before Django's request handling.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        shareable_request = request_is_shareable(request)
        use_app_cache = shareable_request and settings.PAGE_CACHE_IN_APP
        key = generations = None
        if use_app_cache:
            key, generations, stored = lookup(request)
            if stored is not None:
                return self._rebuild(stored)

        response = self.get_response(request)

        if shareable_request and response_is_shareable(request, response):
            self._make_public(response)
            if use_app_cache and request.method == "GET":
                _cache().set(key, self._freeze(generations, response), settings.PAGE_CACHE_SECONDS)
                response[HIT_HEADER] = "miss"
        elif not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _make_public(response):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_SECONDS,
        )
        # The request carried no session, so whatever read the (empty) session saw the anonymous view:
        # one copy serves every anonymous visitor. Signed-in editors always bypass the shared caches.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip().lower() not in ("", "cookie")]
        if vary:
            response["Vary"] = ", ".join(vary)
        elif response.has_header("Vary"):
            del response["Vary"]
        set_response_etag(response)

    @staticmethod
    def _freeze(generations, response):
        headers = [(name, value) for name, value in response.items() if name != HIT_HEADER]
        return (generations, response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(stored):
        _, status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response


class PageCacheWSGI:
    """Answers in-app cache hits in front of Django's WSGI handler (production serves HTTP on WSGI).

    A hit is bytes from the cache: building Django's request/response cycle around it (signals, the
    middleware chain, a new HttpResponse) cost about as much as the lookup itself. The same rules decide
    (request_is_shareable, the same keys); conditional requests (If-None-Match) and HEAD go to Django,
    whose ConditionalGetMiddleware answers them.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if (
            settings.PAGE_CACHE_IN_APP
            and environ.get("REQUEST_METHOD") == "GET"
            and "HTTP_IF_NONE_MATCH" not in environ
            and "HTTP_IF_MODIFIED_SINCE" not in environ
        ):
            request = WSGIRequest(environ)
            try:
                stored = lookup(request)[2] if request_is_shareable(request) else None
            except DisallowedHost:
                stored = None  # Django answers 400
            if stored is not None:
                _, status, headers, content = stored
                start_response(f"{status} {responses.get(status, 'OK')}", [*headers, (HIT_HEADER, "hit")])
                return [content]
        return self.application(environ, start_response)
