"""The throw-away stack the fault tests break on purpose: PostgreSQL, Redis, an SMTP sink, uvicorn, the worker.

Never the machine's shared PostgreSQL (5432) or Redis (6379): a private cluster is initdb'ed under a
temporary folder on its own port, and a redis-server is started on its own port. Ports come from
FAULT_PG_PORT, FAULT_REDIS_PORT, FAULT_HTTP_PORT and FAULT_SMTP_PORT.
"""

import base64
import glob
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path

import psycopg2
import requests

# Production settings refuse short or test-looking secrets: random ones, the same for every process of a run.
RUN_SECRET_KEY = secrets.token_urlsafe(50)
RUN_HASH_KEY = secrets.token_urlsafe(32)

ROOT = Path(__file__).resolve().parents[2]
PG_PORT = int(os.environ.get("FAULT_PG_PORT", "5493"))
REDIS_PORT = int(os.environ.get("FAULT_REDIS_PORT", "6503"))
HTTP_PORT = int(os.environ.get("FAULT_HTTP_PORT", "8301"))
SMTP_PORT = int(os.environ.get("FAULT_SMTP_PORT", "8390"))
BASE = f"http://127.0.0.1:{HTTP_PORT}"
# Production settings expect TLS at the proxy; the tests speak HTTP to uvicorn as the proxy would.
HEADERS = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{HTTP_PORT}"}


def wait_for(condition, timeout, interval=0.2, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {message}")


def as_postgres(command):
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    """A private PostgreSQL cluster in `folder`, listening on 127.0.0.1:PG_PORT only."""

    def __init__(self, folder):
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
        if not candidates:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.bin = Path(candidates[-1]).parent
        self.folder = Path(folder)
        self.data = self.folder / "pg"

    def pg_ctl(self, *args):
        options = f"-p {PG_PORT} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "pg.log")]
        subprocess.run(as_postgres([*command, *args]), check=True, stdout=subprocess.DEVNULL)

    def init(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(
            as_postgres([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust"]),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.start()

    def start(self):
        self.pg_ctl("-w", "start")

    def stop(self):
        self.pg_ctl("-m", "fast", "-w", "stop")

    def connect(self, dbname="faults"):
        return psycopg2.connect(host="127.0.0.1", port=PG_PORT, user="postgres", dbname=dbname)

    def scalar(self, sql, *params):
        with self.connect() as conn, conn.cursor() as cursor:
            cursor.execute(sql, params)
            value = cursor.fetchone()[0]
        conn.close()
        return value


class Redis:
    """A redis-server on REDIS_PORT that can be killed (SIGKILL) and started again, empty."""

    def __init__(self, folder):
        self.pidfile = Path(folder) / "redis.pid"

    def start(self):
        subprocess.run(
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "yes", "--pidfile", str(self.pidfile)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.pidfile.exists, 5, message="redis pidfile")
        wait_for(self.ping, 5, message="redis")

    def ping(self):
        import redis

        try:
            return redis.Redis(port=REDIS_PORT, socket_connect_timeout=0.2).ping()
        except redis.RedisError:
            return False

    def kill(self):
        pid = int(self.pidfile.read_text())
        os.kill(pid, signal.SIGKILL)
        wait_for(lambda: not self.ping(), 5, message="redis to die")
        self.pidfile.unlink(missing_ok=True)


class SmtpSink:
    """An SMTP server that records what it accepted; stop() makes the port refuse connections."""

    def __init__(self):
        self.messages = []
        self.delay = 0.0
        self.controller = None

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.content)
        self.messages.append({"subject": message["Subject"], "message_id": message["Message-ID"]})
        return "250 OK"

    def start(self):
        import logging

        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command INFO lines
        self.controller = Controller(self, hostname="127.0.0.1", port=SMTP_PORT)
        self.controller.start()

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def request_numbers(self):
        """Request numbers in the order delivered (with repeats, if any)."""
        return [int(re.search(r"#(\d+)", m["subject"]).group(1)) for m in self.messages]

    def unique_ids(self):
        """What a mail client shows: messages folded by Message-ID."""
        return {m["message_id"] for m in self.messages}


def fault_environment(folder):
    key = base64.urlsafe_b64encode(b"fault-suite-only-key-0123456789a").decode()
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))},
        "DJANGO_SETTINGS_MODULE": "treatment_site.settings.production",
        "SECRET_KEY": RUN_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback: the origin the chat sockets accept (production's default is https://).
        "SITE_ORIGINS": f"http://127.0.0.1:{HTTP_PORT}",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/faults",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "FIELD_ENCRYPTION_KEYS": key,
        "FIELD_HASH_KEY": RUN_HASH_KEY,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(SMTP_PORT),
        "WAGTAILADMIN_BASE_URL": BASE,
        "INTAKE_RATE_LIMIT_COUNT": "100000",
        "INTAKE_POST_FLOOD_COUNT": "100000",
        "CHAT_RATE_PER_CLIENT": "100000",
        "CHAT_RATE_NEW_CONVERSATIONS": "100000",
        "TASK_HEARTBEAT_SECONDS": "1",
        "TASK_STALE_AFTER_SECONDS": "6",
        "TASK_WORKER_MAX_BACKOFF_SECONDS": "2",
        "INTAKE_NOTIFY_RETRY_BASE_SECONDS": "1",
        "INTAKE_NOTIFY_RETRY_MAX_SECONDS": "2",
        "INTAKE_NOTIFY_MAX_ATTEMPTS": "30",
        "INTAKE_NOTIFY_SWEEP_AFTER_SECONDS": "5",
        "CACHE_FALLBACK_RETRY_SECONDS": "1",
        "HTTP_REQUEST_READ_TIMEOUT": "2",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }


class Site:
    """uvicorn with 2 workers (the production command line) and the supervised task worker."""

    def __init__(self, folder, env):
        self.folder = Path(folder)
        self.env = env
        self.server = None
        self.worker = None
        self.logs = []

    def manage(self, *args, capture=False):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        )
        return result.stdout.strip() if capture else None

    def _spawn(self, name, command):
        log = self.folder / f"{name}-{len(self.logs)}.log"
        self.logs.append(log)
        handle = log.open("w")
        return subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT)

    def start_server(self):
        self.server = self._spawn(
            "uvicorn",
            [sys.executable, "-m", "uvicorn", "treatment_site.asgi:application", "--host", "127.0.0.1",
             "--port", str(HTTP_PORT), "--workers", "2", "--no-access-log", "--timeout-keep-alive", "5",
             "--http", "treatment_site.http_protocol:H11Protocol"],
        )  # fmt: skip
        wait_for(self.up, 60, interval=0.5, message="uvicorn")

    def up(self):
        try:
            return requests.get(BASE + "/robots.txt", headers=HEADERS, timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def start_worker(self):
        self.worker = self._spawn("worker", [sys.executable, "manage.py", "run_worker"])

    def kill_worker(self):
        self.worker.send_signal(signal.SIGKILL)
        self.worker.wait(10)

    def stop(self):
        for process in (self.worker, self.server):
            if process and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()

    def log_text(self):
        return "\n".join(path.read_text(errors="replace") for path in self.logs if path.exists())


class FormClient:
    """Posts the public forms the way a browser does (CSRF cookie + token) over the proxy's headers."""

    def __init__(self):
        page = requests.get(BASE + "/verify-insurance/", headers=HEADERS, timeout=10)
        page.raise_for_status()
        self.cookie = f"csrftoken={page.cookies['csrftoken']}"
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def post(self, path, data, timeout=15):
        return requests.post(
            BASE + path,
            data={"csrfmiddlewaretoken": self.token, **data},
            headers={**HEADERS, "Cookie": self.cookie, "Referer": f"https://127.0.0.1:{HTTP_PORT}{path}"},
            allow_redirects=False,
            timeout=timeout,
        )


CALLBACK = {
    "full_name": "Casey Faultline",
    "phone": "+12025550143",
    "contact_time": "any",
    "voicemail_ok": "no",
    "consent": "on",
    "website": "",
    "source": "",
}
