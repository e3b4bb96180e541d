"""No client address in any log line: uvicorn's WebSocket lines included."""

import logging

import pytest

from treatment_site.log_filters import redact


@pytest.mark.parametrize(
    "line",
    [
        '127.0.0.1:54988 - "WebSocket /chat/ws/" [accepted]',
        '203.0.113.9 - "WebSocket /chat/ws/" 403',
        '[2001:db8::1]:443 - "WebSocket /admin/chat/ws/" [accepted]',
        "::1:5555 - connection open",
        "fe80:0:0:0:200:f8ff:fe21:67cf - closed",
    ],
)
def test_addresses_are_redacted(line):
    cleaned = redact(line)
    assert "[client]" in cleaned
    for fragment in ["127.0.0.1", "54988", "203.0.113.9", "2001:db8", "::1", "fe80"]:
        assert fragment not in cleaned


@pytest.mark.parametrize("line", ["Started at 22:24:01", "Request #12 took 0.25 s", "django-tasks-db 0.13.0 ready"])
def test_ordinary_lines_are_kept(line):
    assert redact(line) == line


def test_uvicorn_loggers_redact_through_django_logging(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("uvicorn.error").info('%s - "WebSocket %s" [accepted]', "127.0.0.1:54988", "/chat/ws/")
    logging.getLogger("uvicorn").info("Uvicorn running on 127.0.0.1:8300")
    assert "127.0.0.1" not in caplog.text and "[client]" in caplog.text
