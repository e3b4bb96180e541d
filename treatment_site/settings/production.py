"""Production: every secret comes from the environment, HTTPS everywhere."""

from .base import *  # noqa: F403
from .base import (
    CHAT_REDIS_URL,
    env_bool,
    env_int,
    env_list,
    env_str,
    passkey_relying_party,
    redis_channel_layer,
    require_strong_secret,
)

SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
# Chat sockets and visitor chat posts (chat/origins.py): the https origins of ALLOWED_HOSTS unless set.
SITE_ORIGINS = env_list("SITE_ORIGINS", CSRF_TRUSTED_ORIGINS)
OTP_WEBAUTHN_ALLOWED_ORIGINS, OTP_WEBAUTHN_RP_ID = passkey_relying_party(SITE_ORIGINS)
SILENCED_SYSTEM_CHECKS = [] if OTP_WEBAUTHN_ALLOWED_ORIGINS else ["otp_webauthn.E030"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CHAT_COOKIE_SECURE = True
CHANNEL_LAYERS = redis_channel_layer(CHAT_REDIS_URL, SECRET_KEY)
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
FIELD_HASH_KEY = env_str("FIELD_HASH_KEY", required=True)
if not FIELD_ENCRYPTION_KEYS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
# Secrets: at least 32 random bytes, never a committed development value (see README "Keys").
require_strong_secret("SECRET_KEY", SECRET_KEY)
require_strong_secret("FIELD_HASH_KEY", FIELD_HASH_KEY)

# --- Serving (README "Running in production") ---
# HTTP runs on gunicorn's sync WSGI workers, which keep one PostgreSQL connection each between requests
# (ASGI would open one per request with psycopg2). Health checks drop a connection that died.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The load balancer probes over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Only `make prod` on one machine (plain HTTP on loopback) turns the HTTPS redirect off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
