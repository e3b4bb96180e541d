"""Who the client is, through deploy/haproxy.cfg to gunicorn (HTTP) and uvicorn (chat WebSockets).

Clients connect from different loopback addresses (127.0.0.2, .3, .4), so HAProxy sees three clients as a
real one would; the app servers run the Procfile's forwarded settings. Each address gets its own
chat-message bucket, the same one over HTTP and over the socket, and a client that writes its own
X-Forwarded-For gets no fresh bucket from it.
"""

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from cryptography.fernet import Fernet
from django.conf import settings
from django.test import override_settings
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from chat import services

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
LB, WEB, WS = 9510, 9511, 9521  # helper ports; nothing else listens there
ORIGIN = f"http://127.0.0.1:{LB}"
KEYS = {"FIELD_HASH_KEY": secrets.token_urlsafe(32), "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode()}
FORWARDED = ["--forwarded-allow-ips", "127.0.0.1"]

pytestmark = pytest.mark.skipif(not shutil.which("haproxy"), reason="SKIPPED LOUDLY: haproxy is not installed")


def redis_url():
    base = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15").rsplit("/", 1)[0]
    return f"{base}/13"


def server_env():
    database = settings.DATABASES["default"]
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="treatment_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SITE_ORIGINS=ORIGIN,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        REDIS_URL=redis_url(),
        CHAT_RATE_PER_CLIENT="2",
        FORWARDED_ALLOW_IPS="127.0.0.1",
        LB_PORT=str(LB),
        WEB1_PORT=str(WEB),
        WEB2_PORT=str(WEB),
        WS1_PORT=str(WS),
        WS2_PORT=str(WS),
        **KEYS,
    )
    return env


@pytest.fixture
def stack(tmp_path):
    redis.Redis.from_url(redis_url()).flushdb()
    env = server_env()
    commands = {
        "web": [BIN / "gunicorn", "treatment_site.wsgi:application", "--bind", f"127.0.0.1:{WEB}", "--workers", "1",
                "--no-control-socket", *FORWARDED],
        "ws": [BIN / "uvicorn", "treatment_site.asgi:application", "--host", "127.0.0.1", "--port", str(WS),
               "--no-access-log", "--proxy-headers", *FORWARDED],
        "lb": ["haproxy", "-db", "-f", ROOT / "deploy" / "haproxy.cfg"],
    }  # fmt: skip
    procs = []
    for name, command in commands.items():
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 — the process writes it until the test ends
        procs.append(subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        # Both HAProxy backends must have passed their health checks (the socket one is only reached by upgrades).
        while status("127.0.0.9", "/readyz") != 200 or socket_status("127.0.0.9") == 503:
            assert time.monotonic() < deadline, (tmp_path / "web.log").read_text() + (tmp_path / "ws.log").read_text()
            time.sleep(0.3)
        yield
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(10)


def status(source, path):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", LB, timeout=5, source_address=(source, 0))
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None


def socket_status(source):
    """The HTTP status HAProxy answers a (tokenless) chat socket handshake with: 503 until uvicorn is in rotation."""
    try:
        with connect(f"ws://127.0.0.1:{LB}/chat/ws/", origin=ORIGIN, open_timeout=5,
                     sock=socket.create_connection(("127.0.0.1", LB), timeout=5, source_address=(source, 0))):  # fmt: skip
            return 101
    except InvalidStatus as exc:
        return exc.response.status_code
    except OSError:
        return None


def send_http(source, token, forwarded_for=None):
    """One visitor chat message over HTTP from `source`; the response status."""
    headers = {
        "Cookie": f"{settings.CHAT_COOKIE_NAME}={token}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Origin": ORIGIN,
        "Sec-Fetch-Site": "same-origin",
    }
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    connection = http.client.HTTPConnection("127.0.0.1", LB, timeout=10, source_address=(source, 0))
    connection.request("POST", "/chat/send/", body="message=hello", headers=headers)
    return connection.getresponse().status


def send_socket(source, token, forwarded_for=None):
    """One visitor chat message over the WebSocket from `source`; the reply's type or error code."""
    sock = socket.create_connection(("127.0.0.1", LB), timeout=10, source_address=(source, 0))
    headers = {"Cookie": f"{settings.CHAT_COOKIE_NAME}={token}"}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    with connect(f"ws://127.0.0.1:{LB}/chat/ws/", sock=sock, origin=ORIGIN, additional_headers=headers) as ws:
        ws.send(json.dumps({"type": "message", "client_id": "c1", "text": "hello"}))
        while True:
            reply = json.loads(ws.recv(timeout=10))
            if reply["type"] in {"ack", "error"}:
                return reply.get("code", reply["type"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_client_behind_the_proxy_has_its_own_bucket_and_cannot_forge_one(stack):
    with override_settings(
        **{"FIELD_HASH_KEY": KEYS["FIELD_HASH_KEY"], "FIELD_ENCRYPTION_KEYS": [KEYS["FIELD_ENCRYPTION_KEYS"]]}
    ):
        _, token, _ = services.start_conversation("Is anyone there?")
    # Client A (127.0.0.2) uses up its two messages a minute over HTTP (gunicorn).
    assert [send_http("127.0.0.2", token) for _ in range(3)] == [200, 200, 429]
    # Writing its own X-Forwarded-For (the left-most entry once HAProxy appends the real one) changes nothing.
    assert send_http("127.0.0.2", token, forwarded_for="198.51.100.77") == 429
    assert send_socket("127.0.0.2", token, forwarded_for="198.51.100.78") == "rate_limited"
    # Client B (127.0.0.3) has a bucket of its own, shared by HTTP and the socket (uvicorn).
    assert send_http("127.0.0.3", token) == 200
    assert send_socket("127.0.0.3", token) == "ack"
    assert send_socket("127.0.0.3", token) == "rate_limited"
    # Client C naming B in its header does not spend B's bucket either: C is counted as C.
    assert send_socket("127.0.0.4", token, forwarded_for="127.0.0.3") == "ack"
