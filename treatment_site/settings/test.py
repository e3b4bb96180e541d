"""Fast, isolated settings for the test suite: real database, quick hashers, immediate tasks."""

from .base import *  # noqa: F403
from .base import env_str, redis_channel_layer

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_ORIGINS = ["http://testserver"]
# Browser tests serve on http://localhost:<port> and set the passkey origin to it.
OTP_WEBAUTHN_ALLOWED_ORIGINS, OTP_WEBAUTHN_RP_ID = ["http://localhost"], "localhost"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "intake"],
    }
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
REDIS_URL = env_str("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTEyMzQ="]
FIELD_HASH_KEY = "test-only-hash-key"
# Live-chat tests use the real Redis layer on their own database number (flushed by the chat fixtures).
CHAT_TEST_REDIS_URL = env_str("CHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/10")
CHANNEL_LAYERS = redis_channel_layer(CHAT_TEST_REDIS_URL, SECRET_KEY)
ADMIN_REQUIRE_OTP = False
# Caching public pages: tests share one local-memory cache and their purges wait for commits that never come,
# so the in-app page cache is off; tests/caching turns it on against a real Redis.
PAGE_CACHE_IN_APP = False
