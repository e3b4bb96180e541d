"""Settings shared by every environment; every value that varies is read from the environment here."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_str(name, default=None, *, required=False):
    """Return an environment variable; raise if it is required and missing."""
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


def env_bool(name, default=False):
    """Read a boolean such as 1/0, true/false, yes/no."""
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, not {value!r}.")


def env_int(name, default):
    """Read an integer, failing loudly on anything else."""
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from exc


def env_list(name, default=()):
    """Read a comma-separated list."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def require_strong_secret(name, value):
    """Refuse a secret shorter than 32 bytes (43 base64 characters) or one that looks like a dev/test value."""
    lowered = (value or "").lower()
    if len(value or "") < 43 or any(word in lowered for word in ("dev-only", "test-only", "insecure", "changeme")):
        raise ImproperlyConfigured(
            f"{name} must be at least 32 random bytes, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))' (not a development value)."
        )


def passkey_relying_party(site_origins):
    """(OTP_WEBAUTHN_ALLOWED_ORIGINS, OTP_WEBAUTHN_RP_ID) for the site's origins (accounts/passkeys.py).

    Browsers offer WebAuthn only on secure origins with a host name: https://, or http://localhost. With
    none (`make prod` on http://127.0.0.1), passkeys are simply not offered and the library's "no allowed
    origins" check is silenced; TOTP still works.
    """
    origins = [o for o in site_origins if o.startswith("https://") or urlsplit(o).hostname == "localhost"]
    rp_id = env_str("OTP_WEBAUTHN_RP_ID", urlsplit(origins[0]).hostname if origins else "localhost")
    return origins, rp_id


SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
REDIS_URL = env_str("REDIS_URL")

INSTALLED_APPS = [
    "pages",
    "intake",
    "accounts",
    "audit",
    "chat",
    "worker",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "phonenumber_field",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireAdminOTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.session_limits.StaffSessionLimitMiddleware",  # after messages: it says why you were signed out
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes last, as its documentation asks, so it sees the final login response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "treatment_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "treatment_site.wsgi.application"
ASGI_APPLICATION = "treatment_site.asgi.application"


def database_settings(url):
    """One DATABASES entry from a URL: PostgreSQL in production and CI, SQLite for `make run`.

    `make run` writes one SQLite file from three processes (server, task worker, scheduler). A deferred
    transaction that read before another process wrote fails at once with "database is locked"; IMMEDIATE
    takes the write lock at BEGIN and waits for it (up to `timeout` seconds), and WAL lets readers go on.
    """
    database = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL",
        }
    return database


DATABASES = {"default": database_settings(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_channel_layer(url, secret_key):
    """The Channels layer for live chat: every app server shares one Redis; payloads are encrypted there."""
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 caps a pool at 100 connections (a busy chat server needs more at once) and
                # times socket reads out after 5 s, the same as channels-redis' 5 s BZPOPMIN: any event-loop
                # lag then kills a consumer. Reads get a margin above the blocking pop.
                "hosts": [
                    {
                        "address": url,
                        "max_connections": env_int("CHAT_REDIS_MAX_CONNECTIONS", 1000),
                        "socket_timeout": 15,
                    }
                ],
                "symmetric_encryption_keys": [secret_key],
                "capacity": 500,
                "expiry": 30,
            },
        }
    }


# The site's own origins (scheme://host[:port]), compared exactly for chat sockets and visitor chat posts.
SITE_ORIGINS = env_list("SITE_ORIGINS")
# Live chat. The channel layer is built in each environment file, once SECRET_KEY is known.
CHAT_REDIS_URL = env_str("CHAT_REDIS_URL", REDIS_URL or "redis://127.0.0.1:6379/0")
CHAT_RETENTION_DAYS = env_int("CHAT_RETENTION_DAYS", 90)
CHAT_MAX_MESSAGE_LENGTH = 2000
CHAT_PRESENCE_TIMEOUT_SECONDS = env_int("CHAT_PRESENCE_TIMEOUT_SECONDS", 120)
# A waiting chat whose visitor wrote nothing for this long is listed as missed (they have probably left).
CHAT_MISSED_AFTER_SECONDS = env_int("CHAT_MISSED_AFTER_SECONDS", 10 * 60)
CHAT_COOKIE_NAME = "chat_token"
# The visitor's token is a browser-session cookie, deleted when the visitor ends the chat; the server refuses a
# token whose conversation has been closed longer than this (time to read the counselor's closing words).
CHAT_CLOSED_TOKEN_GRACE_SECONDS = env_int("CHAT_CLOSED_TOKEN_GRACE_SECONDS", 15 * 60)
CHAT_COOKIE_SECURE = env_bool("CHAT_COOKIE_SECURE", False)
# (count, seconds) windows: per WebSocket connection, per client address (all connections and HTTP),
# and new conversations per client address.
# Threads per chat process that store messages and check staff sockets (each keeps a database connection).
CHAT_DATABASE_THREADS = env_int("CHAT_DATABASE_THREADS", 16)
CHAT_RATE_PER_CONNECTION = (env_int("CHAT_RATE_PER_CONNECTION", 10), 10)
CHAT_RATE_PER_CLIENT = (env_int("CHAT_RATE_PER_CLIENT", 30), 60)
CHAT_RATE_NEW_CONVERSATIONS = (env_int("CHAT_RATE_NEW_CONVERSATIONS", 5), 3600)

# --- Cache (issue 11): Redis when REDIS_URL is set, answered from a per-process memory cache while Redis
# is down (treatment_site/cache.py), so pages, forms and rate limits never depend on Redis being up.
CACHE_FALLBACK_RETRY_SECONDS = env_int("CACHE_FALLBACK_RETRY_SECONDS", 5)


def redis_cache(url, retry_seconds):
    """CACHES["default"] for a Redis URL: short socket timeouts, so a dead Redis fails over fast."""
    return {
        "BACKEND": "treatment_site.cache.FallbackRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1, "FALLBACK_RETRY_SECONDS": retry_seconds},
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, CACHE_FALLBACK_RETRY_SECONDS)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"},
}

# Public pages stay free of per-visitor state so a full-page cache can serve them.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The form's CSRF cookie ends with the browser session instead of living a year. (It stays on "/": the
# admin and both public forms share it, and Django has one CSRF cookie path.)
CSRF_COOKIE_AGE = None

# A strict policy for the public site: nothing inline, nothing third-party, everything else denied.
# Templates load CSS/JS from /static/ only (JSON-LD is data, not script, so it needs no exception).
# The Wagtail admin gets a looser ADMIN_CSP in urls.py because its widgets still rely on inline scripts.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],  # same-origin fetch and WebSocket (CSP Level 3 'self' covers ws/wss)
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "frame-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],  # the editor's preview panel frames admin preview URLs
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Harbor Light Recovery")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend, analysing Spanish pages as Spanish on PostgreSQL (pages/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "pages.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "txt"]
WAGTAIL_AUTOSAVE_INTERVAL = env_int("WAGTAIL_AUTOSAVE_INTERVAL", 0)

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "intake"],
    }
}

# --- Task worker supervision (issue 11, worker/): `manage.py run_worker` restarts django-tasks-db's worker
# with back-off after a database outage, beats every TASK_HEARTBEAT_SECONDS, and puts RUNNING tasks whose
# worker stopped beating for TASK_STALE_AFTER_SECONDS back in the queue (at-least-once delivery).
TASK_HEARTBEAT_SECONDS = env_int("TASK_HEARTBEAT_SECONDS", 15)
TASK_STALE_AFTER_SECONDS = env_int("TASK_STALE_AFTER_SECONDS", 300)
TASK_WORKER_MAX_BACKOFF_SECONDS = env_int("TASK_WORKER_MAX_BACKOFF_SECONDS", 30)
# Called on every heartbeat: work that must not be lost if the database failed between commit and enqueue.
TASK_WORKER_SWEEPS = ["intake.tasks.enqueue_missed_notifications"]
INTAKE_NOTIFY_SWEEP_AFTER_SECONDS = env_int("INTAKE_NOTIFY_SWEEP_AFTER_SECONDS", 120)
# The admissions e-mail's retry policy (intake/tasks.py): attempts, then delays doubling from base to max.
INTAKE_NOTIFY_MAX_ATTEMPTS = env_int("INTAKE_NOTIFY_MAX_ATTEMPTS", 6)
INTAKE_NOTIFY_RETRY_BASE_SECONDS = env_int("INTAKE_NOTIFY_RETRY_BASE_SECONDS", 60)
INTAKE_NOTIFY_RETRY_MAX_SECONDS = env_int("INTAKE_NOTIFY_RETRY_MAX_SECONDS", 3600)

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@harborlight.example")
ADMISSIONS_EMAIL = env_str("ADMISSIONS_EMAIL", "admissions@harborlight.example")
MAILERS = {
    "default": {
        "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        },
    }
}

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
# Three tiers, each tripping at AXES_FAILURE_LIMIT: one account from anywhere (many IPs, one guess each),
# one address trying many accounts, and the pair. The lockout page does not say which one tripped.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address", ["username", "ip_address"]]
AXES_SENSITIVE_PARAMETERS = ["password", "username"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False  # its log lines name IP addresses and paths
AXES_CLIENT_STR_CALLABLE = "accounts.lockout.client_str"  # even its WARNING lines then name no address
# The lockout's IP tiers count the same client address as every other limit (treatment_site/clients.py).
AXES_CLIENT_IP_CALLABLE = "treatment_site.clients.axes_client_address"

PHONENUMBER_DEFAULT_REGION = "US"

# Logs never carry request bodies or query strings: they may hold health data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Issue 11: no client address in any log line (treatment_site/log_filters.py), uvicorn's included.
    "filters": {"no_client_addresses": {"()": "treatment_site.log_filters.RedactClientAddresses"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_client_addresses"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        # Configuring a logger drops its handlers, so uvicorn's lines go to our (redacting) console handler;
        # the filter on uvicorn.error also covers any handler a server adds for it.
        "uvicorn": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"filters": ["no_client_addresses"], "level": "INFO"},
        # django-axes names IP addresses in its INFO lines.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Field encryption for health data: comma-separated Fernet keys, newest first (see privacy/crypto.py).
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
FIELD_HASH_KEY = env_str("FIELD_HASH_KEY", "")

# Staff sign in to the admin with a password plus a TOTP code (django-otp). Off only where a
# developer turns it off explicitly (dev and test settings).
ADMIN_REQUIRE_OTP = env_bool("ADMIN_REQUIRE_OTP", True)
OTP_TOTP_ISSUER = "Harbor Light Recovery"
# First enrolment needs an administrator's set-up link (`manage.py enrolment_link USERNAME`), valid this long
# and spent once any device is confirmed (accounts/enrolment.py).
OTP_ENROLMENT_LINK_SECONDS = env_int("OTP_ENROLMENT_LINK_SECONDS", 24 * 3600)
# Passkeys beside TOTP (django-otp-webauthn, accounts/passkeys.py): a second factor only, never instead of the
# password. The origins and relying-party id follow SITE_ORIGINS in each environment file.
OTP_WEBAUTHN_RP_NAME = "Harbor Light Recovery"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = ""  # its lines would carry request details; failures reach the user as JSON

# --- Editorial workflow and medical review (pages/migrations/0002_editorial_workflow.py, pages/review.py) ---
# Every page goes through the "Clinical review" workflow. Editors have no publish permission, so they can only
# submit; a clinical reviewer's approval publishes the page as that reviewer and stamps the review dates.
# A reviewer or superuser who publishes directly cancels the page's open workflow
# (and stamps no review: only an approval does).
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
# Edits made while a page is in review restart the approval, so what goes live is what was approved.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Submission e-mails go to the task's group (Clinical reviewers) and superusers; approve/reject to the editor.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = True

# Intake: closed requests are deleted this many days after closing (`manage.py purge_intake`, run daily).
INTAKE_RETENTION_DAYS = env_int("INTAKE_RETENTION_DAYS", 90)
# Accepted (stored) public form submissions per client: (count, window in seconds); mistakes don't count.
INTAKE_RATE_LIMIT = (env_int("INTAKE_RATE_LIMIT_COUNT", 5), env_int("INTAKE_RATE_LIMIT_WINDOW", 3600))
# Every public form POST per client, valid or not, against floods (issue 11): a much higher cap.
INTAKE_POST_FLOOD_LIMIT = (env_int("INTAKE_POST_FLOOD_COUNT", 60), env_int("INTAKE_POST_FLOOD_WINDOW", 3600))
# The client address is REMOTE_ADDR only (treatment_site/clients.py). The proxies allowed to name the client in
# X-Forwarded-For: uvicorn and gunicorn read this same variable for --forwarded-allow-ips, and the WSGI step
# that sets REMOTE_ADDR under gunicorn reads it here. Addresses or networks, comma-separated.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", ["127.0.0.1", "::1"])

# --- Caching public pages (pages/caching.py, pages/purge.py, deploy/varnish/; README "Caching") ---
# Anonymous GETs of public pages are `Cache-Control: public` with an ETag; everything else is private, no-store.
# The in-app full-page cache uses the "default" cache alias (Redis when REDIS_URL is set, else local memory).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_IN_APP = env_bool("PAGE_CACHE_IN_APP", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)  # s-maxage for Varnish/CDN, and the in-app cache's timeout
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)  # max-age: browsers re-check soon
# The footer's trust settings and licences, cached in "default" and dropped on save (pages/disclosures.py).
TRUST_CACHE_SECONDS = env_int("TRUST_CACHE_SECONDS", 300)
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/account/",
    "/chat/",
    "/search/",
    "/verify-insurance/",
    "/request-callback/",
    "/documents/",
    "/healthz",
    "/readyz",
]
# ETags and 304s for everything, then the page cache, both first: a cache hit skips every other middleware,
# and a stored page already carries the security and CSP headers the inner ones added.
MIDDLEWARE[:0] = ["django.middleware.http.ConditionalGetMiddleware", "pages.caching.PageCacheMiddleware"]
# Varnish (or another HTTP cache) in front: wagtail.contrib.frontend_cache sends it PURGE requests.
# A CDN instead: set WAGTAILFRONTENDCACHE to its backend in a settings file (README "Caching").
VARNISH_URL = env_str("VARNISH_URL", "")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": VARNISH_URL}}
    if VARNISH_URL
    else {}
)
# --- Staff sessions and sockets (accounts/session_limits.py, chat/staff_access.py) ---
# A staff session ends after STAFF_SESSION_IDLE_SECONDS without activity (the chat console's heartbeat counts
# while the counselor is active), after STAFF_SESSION_MAX_SECONDS whatever happens, and when the browser closes.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 12 * 3600)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A staff console socket is re-authorised on every frame and event; it is also closed after this long
# (the console reconnects and is authorised afresh).
CHAT_STAFF_SOCKET_MAX_AGE_SECONDS = env_int("CHAT_STAFF_SOCKET_MAX_AGE_SECONDS", 3600)
# --- Serving, health checks and the scheduler (ops/, deploy/, README "Running in production") ---
INSTALLED_APPS += ["ops"]
# Static files are served by servestatic around the WSGI/ASGI application (treatment_site/static_serving.py);
# hashed names never change content, so they are immutable for ten years; other files get this max-age.
SERVESTATIC_MAX_AGE = env_int("STATIC_MAX_AGE", 3600)
# /readyz fails when the oldest due task has waited longer than this.
READYZ_MAX_TASK_LAG_SECONDS = env_int("READYZ_MAX_TASK_LAG_SECONDS", 300)
# The scheduler runs publish_scheduled every minute and the daily purges at this local time (HH:MM).
SCHEDULER_DAILY_AT = env_str("SCHEDULER_DAILY_AT", "03:30")
# --- Admissions speed to lead (issue 14) -------------------------------------------------------
# Target for the first contact with a new request: minutes while the office is open; outside office
# hours, the next office day at INTAKE_AFTER_HOURS_TARGET. Office hours are per weekday (0 = Monday),
# "HH:MM-HH:MM", in INTAKE_OFFICE_TIME_ZONE. A request is "near" its target in the last NEAR minutes;
# unassigned and uncontacted requests are escalated to Admissions ESCALATE minutes before the target.
INTAKE_TARGET_MINUTES = env_int("INTAKE_TARGET_MINUTES", 15)
INTAKE_NEAR_TARGET_MINUTES = env_int("INTAKE_NEAR_TARGET_MINUTES", 5)
INTAKE_ESCALATE_BEFORE_MINUTES = env_int("INTAKE_ESCALATE_BEFORE_MINUTES", 5)
INTAKE_AFTER_HOURS_TARGET = env_str("INTAKE_AFTER_HOURS_TARGET", "09:00")
INTAKE_OFFICE_TIME_ZONE = env_str("INTAKE_OFFICE_TIME_ZONE", TIME_ZONE)
INTAKE_OFFICE_HOURS = {day: "08:00-20:00" for day in range(6)}  # Monday to Saturday; closed Sunday
# --- end admissions speed to lead ---------------------------------------------------------------
# --- Spanish (issue 16; README "Languages") ------------------------------------------------------
# English at /, Spanish under /es/ (i18n_patterns with prefix_default_language=False in urls.py). The language
# comes from the URL alone (treatment_site/languages.py): no cookie, no session, no Accept-Language, so a page's
# address names its one cached copy and no response needs a Vary header.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# "Translate this page" makes a draft, never a live copy of the English: a translation goes live through review.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The language code of each content language as schema.org and hreflang want it (BCP 47, with the region).
CONTENT_LANGUAGE_TAGS = {"en": "en-US", "es": "es-US"}
INSTALLED_APPS = [
    *INSTALLED_APPS[: INSTALLED_APPS.index("wagtail.contrib.redirects")],
    "wagtail_localize",
    "wagtail_localize.locales",
    *INSTALLED_APPS[INSTALLED_APPS.index("wagtail.contrib.redirects") :],
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "treatment_site.languages.UrlLanguageMiddleware",
)
# The Spanish forms, search and chat are as private as the English ones.
PAGE_CACHE_EXCLUDED_PATHS += [
    f"/{code}{path}"
    for code, _name in LANGUAGES[1:]
    for path in PAGE_CACHE_EXCLUDED_PATHS
    if path in ("/chat/", "/search/", "/verify-insurance/", "/request-callback/")
]
# --- end Spanish ---------------------------------------------------------------------------------
