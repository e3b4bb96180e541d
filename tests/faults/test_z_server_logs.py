"""Read last (file name), after every other fault test: what the servers wrote while being broken."""

import re

import pytest
from websockets.sync.client import connect

from .stack import HTTP_PORT, PG_PORT, REDIS_PORT, SMTP_PORT

pytestmark = pytest.mark.faults

IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")


def test_no_client_address_and_no_crash_in_any_server_log(stack):
    site = stack["site"]
    token = site.manage(
        "shell", "-c", "from chat import services; print(services.start_conversation('Log check')[1])", capture=True
    ).splitlines()[-1]
    with connect(
        f"ws://127.0.0.1:{HTTP_PORT}/chat/ws/",
        additional_headers={"Cookie": f"chat_token={token}", "Origin": f"http://127.0.0.1:{HTTP_PORT}"},
    ) as ws:
        ws.send('{"type": "message", "text": "hello", "client_id": "log"}')
        ws.recv(timeout=5)
    log = site.log_text()
    assert "[accepted]" in log  # uvicorn did log the handshake, without the address
    # The supervisor process prints its own bind address before Django (and the filter) loads.
    # Tracebacks of the outages name the servers' own addresses (PostgreSQL, Redis, SMTP): not clients.
    servers = ("Uvicorn running on", f"port {PG_PORT}", f":{REDIS_PORT}", f"port {SMTP_PORT}", f"{REDIS_PORT}.")
    lines = [line for line in log.splitlines() if IPV4.search(line) and not any(s in line for s in servers)]
    assert lines == []
    assert "Exception in ASGI application" not in log
