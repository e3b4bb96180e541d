"""Local development: SQLite by default, DEBUG on, e-mail to the console."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import (
    CHAT_REDIS_URL,
    WAGTAILADMIN_BASE_URL,
    env_bool,
    env_list,
    env_str,
    passkey_relying_party,
    redis_channel_layer,
)

DEBUG = True
# The address `make run` serves (it sets WAGTAILADMIN_BASE_URL from HOST and PORT), under both loopback names.
_served = urlsplit(WAGTAILADMIN_BASE_URL)
SITE_ORIGINS = env_list(
    "SITE_ORIGINS",
    [f"{_served.scheme}://{host}:{_served.port or 8000}" for host in ("127.0.0.1", "localhost")],
)
OTP_WEBAUTHN_ALLOWED_ORIGINS, OTP_WEBAUTHN_RP_ID = passkey_relying_party(SITE_ORIGINS)
SILENCED_SYSTEM_CHECKS = [] if OTP_WEBAUTHN_ALLOWED_ORIGINS else ["otp_webauthn.E030"]
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# Dev settings carry committed keys and DEBUG: they must never answer anything but this machine.
if set(ALLOWED_HOSTS) - {"127.0.0.1", "localhost", "::1", "[::1]"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Development settings serve only 127.0.0.1/localhost; use production settings.")
MAILERS = {"default": {"BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# servestatic as middleware here: it finds files in the app folders without collectstatic.
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "servestatic.middleware.ServeStaticMiddleware",
    *MIDDLEWARE[_after_security:],
]
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
# Development-only keys, so `make run` works out of the box. Production requires real ones.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS", ["ZGV2LW9ubHkta2V5LW5ldmVyLWZvci1yZWFsLWRhdGE="])
FIELD_HASH_KEY = env_str("FIELD_HASH_KEY", "dev-only-hash-key")
CHANNEL_LAYERS = redis_channel_layer(CHAT_REDIS_URL, SECRET_KEY)
ADMIN_REQUIRE_OTP = env_bool("ADMIN_REQUIRE_OTP", False)
