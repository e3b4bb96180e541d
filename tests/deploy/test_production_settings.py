"""Production settings and server entry points, run in fresh interpreters the way a deploy runs them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def real_looking_env(**overrides):
    dropped = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the latter: set by the browser tests
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="care.example.org",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        FIELD_HASH_KEY=secrets.token_urlsafe(32),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def python(code, env):
    return subprocess.run(  # noqa: S603 — the code is this file's own
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    env = real_looking_env(DJANGO_SETTINGS_MODULE="treatment_site.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.parametrize("entry_point", ["treatment_site.asgi", "treatment_site.wsgi"])
def test_server_entry_points_default_to_production(entry_point):
    """Without DJANGO_SETTINGS_MODULE a server must fail on missing secrets, not start with DEBUG and dev keys."""
    result = python(f"import {entry_point}", real_looking_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    ok = python(f"import {entry_point}; from django.conf import settings; print(settings.DEBUG)", real_looking_env())
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "False"


@pytest.mark.parametrize(
    "name, value",
    [
        ("FIELD_HASH_KEY", "x"),
        ("FIELD_HASH_KEY", "dev-only-hash-key"),
        ("FIELD_HASH_KEY", "dev-only-hash-key-padded-out-to-be-long-enough-1234"),
        ("SECRET_KEY", "short-secret"),
        ("SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789"),
    ],
)
def test_production_refuses_weak_or_development_secrets(name, value):
    env = real_looking_env(DJANGO_SETTINGS_MODULE="treatment_site.settings.production", **{name: value})
    result = python("import django; django.setup()", env)
    assert result.returncode != 0
    assert f"{name} must be at least 32 random bytes" in result.stderr


def test_dev_settings_refuse_a_public_host():
    env = real_looking_env(DJANGO_SETTINGS_MODULE="treatment_site.settings.dev", ALLOWED_HOSTS="care.example.org")
    result = python("import django; django.setup()", env)
    assert result.returncode != 0 and "serve only 127.0.0.1" in result.stderr
    local = python(
        "import django; django.setup()",
        real_looking_env(DJANGO_SETTINGS_MODULE="treatment_site.settings.dev", ALLOWED_HOSTS=None),
    )
    assert local.returncode == 0, local.stderr


@pytest.mark.django_db
def test_admin_csp_limits_base_forms_and_framing(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "base-uri 'self'" in policy and "form-action 'self'" in policy and "frame-ancestors 'self'" in policy


@pytest.mark.django_db
def test_the_intake_forms_csrf_cookie_ends_with_the_browser_session(client, home):
    client.get("/verify-insurance/")
    cookie = client.cookies["csrftoken"]
    assert cookie.value and cookie["max-age"] == "" and cookie["expires"] == ""


def test_dev_chat_origins_follow_the_address_make_run_serves():
    """`make run PORT=8912` serves on 8912: the chat sockets must accept that origin, not only :8000."""
    code = "import django; django.setup(); from django.conf import settings; print(' '.join(settings.SITE_ORIGINS))"
    env = real_looking_env(
        DJANGO_SETTINGS_MODULE="treatment_site.settings.dev",
        ALLOWED_HOSTS=None,
        SITE_ORIGINS=None,
        WAGTAILADMIN_BASE_URL="http://127.0.0.1:8912",
    )
    result = python(code, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8912", "http://localhost:8912"]
