"""The environment of a throw-away production-settings stack on loopback (make bench, make test-scale).

Production settings refuse short or test-looking secrets, so each run gets fresh random ones; plain HTTP on
127.0.0.1 needs the HTTPS redirect and HSTS off. The caller names its ports, database, Redis and its fixed
encryption key (a kept bench database must stay readable from one run to the next).
"""

import os
import secrets


def production_env(*, site_url, origins, database_url, redis_url, encryption_key, **extra):
    """os.environ without Django/pytest settings, plus the production settings for a loopback stack."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="treatment_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_HASH_KEY=secrets.token_urlsafe(32),
        FIELD_ENCRYPTION_KEYS=encryption_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        ADMIN_REQUIRE_OTP="false",
        WAGTAILADMIN_BASE_URL=site_url,
        VARNISH_URL=site_url,
        SITE_ORIGINS=",".join(origins),
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        **extra,
    )
    return env
