"""The scale-test stack, started once per run from this checkout with the production settings:

    Varnish :8229 -> HAProxy :8230 -> app A (gunicorn :8231, uvicorn :8241) and app B (:8232, :8242)
    one PostgreSQL database, one Redis (:8290, started here), two task workers.

Skipped loudly when HAProxy, Varnish or PostgreSQL is missing (`make test-scale` installs the first two).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from treatment_site.loopback_stack import production_env

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
PORTS = {"VARNISH": 8229, "LB": 8230, "WEB1": 8231, "WEB2": 8232, "WS1": 8241, "WS2": 8242, "REDIS": 8290}
ADMIN_DB = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE_URL = os.environ.get("SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scale_test")
REDIS_URL = f"redis://127.0.0.1:{PORTS['REDIS']}/0"


def stack_env(tmp):
    varnish = f"http://127.0.0.1:{PORTS['VARNISH']}"
    return production_env(
        site_url=varnish,
        # Plain HTTP on loopback: the origins the chat sockets accept are the stack's own addresses.
        origins=[f"http://127.0.0.1:{PORTS[name]}" for name in ("VARNISH", "LB", "WS1", "WS2")],
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        encryption_key="c2NhbGUtdGVzdC1vbmx5LWtleS1zY2FsZS10ZXN0LTE=",
        CHAT_REDIS_URL=f"redis://127.0.0.1:{PORTS['REDIS']}/1",
        SCALE_COUNT_REDIS_URL=f"redis://127.0.0.1:{PORTS['REDIS']}/2",
        CHAT_RATE_PER_CLIENT="1000",
        CHAT_RATE_NEW_CONVERSATIONS="1000",
        **{f"{name}_PORT": str(port) for name, port in PORTS.items()},
    )


def wait_http(url, status=200, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == status:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer {status} within {timeout}s")


def manage(env, *args, input_text=None):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, input=input_text
    ).stdout


SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page
from chat import availability, services

def session_for(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value

User = get_user_model()
admin = User.objects.create_superuser("scale-admin", "scale-admin@example.com", None)
counselor = User.objects.create_user("scale-counselor", is_staff=True)
counselor.groups.add(Group.objects.get(name="Admissions"))
availability.set_available(counselor, True)
conversation, token, _ = services.start_conversation("Hello from the scale test")
services.claim(conversation.pk, counselor)
page = Page.objects.get(url_path="/home/privacy/")
print(json.dumps({"admin": session_for(admin), "counselor": session_for(counselor), "token": token,
                  "conversation": conversation.pk, "page": page.pk, "page_url": page.url}))
"""


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    for tool in ("haproxy", "varnishd", "redis-server", "psql"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            pytest.skip(f"SKIPPED LOUDLY: {tool} is not installed (run `make test-scale`, which installs it)")
    tmp = tmp_path_factory.mktemp("scale")
    env = stack_env(tmp)
    name = DATABASE_URL.rsplit("/", 1)[1]
    for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
        subprocess.run(["psql", ADMIN_DB, "-qc", sql], check=True, capture_output=True)
    procs = []

    base_env = env

    def start(*cmd, log, env=None):
        full_env = {**base_env, **(env or {})}
        procs.append(
            subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=open(tmp / log, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
        )

    start("redis-server", "--port", str(PORTS["REDIS"]), "--save", "", "--bind", "127.0.0.1", log="redis.log")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    manage(env, "set_site_host")
    data = json.loads(manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
    gunicorn = str(Path(PY).parent / "gunicorn")
    uvicorn = str(Path(PY).parent / "uvicorn")
    for n in (1, 2):
        start(gunicorn, "treatment_site.wsgi:application", "--bind", f"127.0.0.1:{PORTS[f'WEB{n}']}",
              "--workers", "2", "--no-control-socket", log=f"web{n}.log")  # fmt: skip
        start(uvicorn, "treatment_site.asgi:application", "--host", "127.0.0.1", "--port", str(PORTS[f"WS{n}"]),
              "--no-access-log", "--log-level", "warning", log=f"ws{n}.log")  # fmt: skip
        start(PY, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.05", "--worker-id", f"scale-{n}",
              "--no-startup-delay", log=f"worker{n}.log")  # fmt: skip
    start("haproxy", "-db", "-f", str(ROOT / "deploy" / "haproxy.cfg"), log="haproxy.log")
    # The production VCL, started as production starts it (run-varnish.sh renders the backend).
    workdir = Path(tempfile.mkdtemp(prefix="scale-varnish-"))
    start("sh", str(ROOT / "deploy" / "varnish" / "run-varnish.sh"), "-F", log="varnish.log",
          env={"VARNISH_LISTEN": f"127.0.0.1:{PORTS['VARNISH']}", "VARNISH_BACKEND": f"127.0.0.1:{PORTS['LB']}",
               "VARNISH_WORKDIR": str(workdir), "VARNISH_STORAGE": "malloc,64m"})  # fmt: skip
    try:
        for name in ("WEB1", "WEB2", "LB", "VARNISH"):
            wait_http(f"http://127.0.0.1:{PORTS[name]}/readyz", timeout=180)  # a busy 2-core machine starts slowly
        for name in ("WS1", "WS2"):
            wait_http(f"http://127.0.0.1:{PORTS[name]}/healthz")
        yield {"env": env, "ports": PORTS, "logs": tmp, **data}
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
