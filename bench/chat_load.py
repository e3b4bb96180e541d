"""Live-chat load benchmark (run by `make bench`; not a test).

Runs the chat WebSockets the way production does (deploy/Procfile): production settings, uvicorn
processes (BENCH_CHAT_PROCESSES, default 2, like ws1 and ws2) behind HAProxy with deploy/haproxy.cfg
(straight to the processes, round-robin, when haproxy is not installed), PostgreSQL and the Redis
channel layer and cache. It opens 200 visitor WebSockets and a few staff-console sockets (signed in
with a second factor), has every visitor send messages, and measures how long each takes to reach
the staff socket watching it. Prints p50/p99 latency, delivered messages per second, messages lost
and PASS or GAP against issue 10's target; exits non-zero only when messages are lost.

Environment: BENCH_DATABASE_URL (a database it drops and re-creates), BENCH_REDIS_URL (a Redis
database it flushes), BENCH_CHAT_PORT (first of the ports it listens on; free ones if unset),
BENCH_CHAT_SETTINGS (`production` or `dev`), BENCH_CHAT_PROXY (`haproxy` or `none`), BENCH_VISITORS,
BENCH_STAFF, BENCH_MESSAGES, BENCH_INTERVAL. Loopback only; bounded in count and time. The
server's rate limits are raised for this run because every simulated visitor shares one address.
"""

import asyncio
import contextlib
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VISITORS = int(os.environ.get("BENCH_VISITORS", 200))
STAFF = int(os.environ.get("BENCH_STAFF", 4))
MESSAGES = int(os.environ.get("BENCH_MESSAGES", 10))
INTERVAL = float(os.environ.get("BENCH_INTERVAL", 1.0))
PROCESSES = int(os.environ.get("BENCH_CHAT_PROCESSES", 2))
SETTINGS = os.environ.get("BENCH_CHAT_SETTINGS", "production")
PROXY = os.environ.get("BENCH_CHAT_PROXY", "haproxy" if shutil.which("haproxy") else "none")
DEADLINE_SECONDS = 120
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
RESULTS = ROOT / "bench" / "results" / "chat_load.txt"
# Issue 10: p99 under 250 ms at 200 messages/s with 200 visitor sockets, nothing lost.
TARGET_P99_MS, TARGET_RATE = 250, 200


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ports():
    """(front port, [one port per uvicorn process], [two unused ports for deploy/haproxy.cfg's web servers])."""
    first = os.environ.get("BENCH_CHAT_PORT")
    if first:
        numbers = list(range(int(first), int(first) + PROCESSES + 3))
    else:
        numbers = [free_port() for _ in range(PROCESSES + 3)]
    if PROXY == "haproxy":
        return numbers[0], numbers[1 : PROCESSES + 1], numbers[PROCESSES + 1 : PROCESSES + 3]
    return None, numbers[:PROCESSES], []


def bench_database():
    """A fresh PostgreSQL database when the server answers (as in production), else a temporary SQLite file."""
    url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chat_bench")
    if url.startswith("postgres"):
        import psycopg2

        admin_url, name = url.rsplit("/", 1)
        try:
            connection = psycopg2.connect(f"{admin_url}/postgres", connect_timeout=2)
        except psycopg2.OperationalError:
            print("PostgreSQL is not answering; using SQLite (one fsync per message makes it much slower).")
        else:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
                cursor.execute(f'CREATE DATABASE "{name}"')
            connection.close()
            return url
    return f"sqlite:///{tempfile.mkdtemp(prefix='chat-bench-')}/bench.sqlite3"


def server_env(origins):
    """The environment of the benchmark's own servers: throw-away secrets, never anyone's real ones."""
    from cryptography.fernet import Fernet

    env = {
        "DATABASE_URL": bench_database(),
        "CHAT_REDIS_URL": REDIS_URL,
        "REDIS_URL": REDIS_URL,  # the cache (shared rate limits) on Redis too, as in production
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_ORIGINS": ",".join(origins),
        "CHAT_RATE_PER_CONNECTION": "1000",
        "CHAT_RATE_PER_CLIENT": "1000000",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "300",  # persistent connections, as deploy/prod.env runs them
    }
    if SETTINGS == "production":
        env.update(
            DJANGO_SETTINGS_MODULE="treatment_site.settings.production",
            SECRET_KEY=secrets.token_urlsafe(50),
            FIELD_HASH_KEY=secrets.token_urlsafe(50),
            FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
            SECURE_SSL_REDIRECT="false",
            SECURE_HSTS_SECONDS="0",
        )
    else:
        env["DJANGO_SETTINGS_MODULE"] = "treatment_site.settings.dev"
    return env


def prepare(env):
    """Migrate the throw-away database and create staff (with a second factor), sessions and claimed chats."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from chat import availability, services

    call_command("migrate", verbosity=0)
    group = Group.objects.get(name="Admissions")
    staff = []
    for number in range(STAFF):
        user = get_user_model().objects.create_user(f"bench-staff-{number}", is_staff=True)
        user.groups.add(group)
        availability.set_available(user, True)
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.create(
            user=user, name="bench", confirmed=True
        ).persistent_id
        session.save()
        staff.append((user, client.cookies[settings.SESSION_COOKIE_NAME].value, []))
    visitors = []
    for number in range(VISITORS):
        conversation, token, _ = services.start_conversation("Opening message")
        user, _, watched = staff[number % STAFF]
        services.claim(conversation.pk, user)
        watched.append(conversation.pk)
        visitors.append(token)
    return (
        settings.SESSION_COOKIE_NAME,
        settings.CHAT_COOKIE_NAME,
        [(cookie, ids) for _, cookie, ids in staff],
        visitors,
    )


async def run_load(urls, session_name, chat_cookie, staff, visitors, probe):
    """Sockets go to `urls` in turn (one URL when HAProxy balances them); `probe()` runs as the load starts and ends."""
    import websockets

    sent, received, errors = {}, {}, []
    done = asyncio.Event()
    expected = len(visitors) * MESSAGES

    async def staff_client(url, cookie, conversation_ids):
        async with websockets.connect(
            f"ws://{url}/admin/chat/ws/",
            origin=f"http://{urls[0]}",
            additional_headers={"Cookie": f"{session_name}={cookie}"},
            max_queue=None,
        ) as ws:
            for pk in conversation_ids:
                await ws.send(json.dumps({"type": "watch", "conversation": pk}))
            acks = 0
            while acks < len(conversation_ids):
                if json.loads(await ws.recv())["type"] == "ack":
                    acks += 1
            ready.set_result(None) if not ready.done() and all_staff_ready() else None
            watching.append(ws)
            async for raw in ws:
                frame = json.loads(raw)
                if frame["type"] == "message" and frame["message"]["sender"] == "visitor":
                    key = frame["message"]["text"]
                    if key.startswith("bench "):
                        received[key] = time.perf_counter()
                        if len(received) >= expected:
                            done.set()
                elif frame["type"] == "error":
                    errors.append(frame["code"])

    watching = []

    def all_staff_ready():
        return len(watching) + 1 >= len(staff)

    async def visitor_client(url, number, token):
        async with websockets.connect(
            f"ws://{url}/chat/ws/", origin=f"http://{urls[0]}", additional_headers={"Cookie": f"{chat_cookie}={token}"}
        ) as ws:
            await start.wait()
            for seq in range(MESSAGES):
                key = f"bench {number} {seq}"
                sent[key] = time.perf_counter()
                await ws.send(json.dumps({"type": "message", "text": key, "client_id": str(seq)}))
                await asyncio.sleep(INTERVAL)
            await done.wait()

    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    start = asyncio.Event()
    staff_tasks = [
        asyncio.create_task(staff_client(urls[n % len(urls)], cookie, ids)) for n, (cookie, ids) in enumerate(staff)
    ]
    await asyncio.wait_for(ready, 30)
    visitor_tasks = [
        asyncio.create_task(visitor_client(urls[n % len(urls)], n, token)) for n, token in enumerate(visitors)
    ]
    await asyncio.sleep(1.0)  # let every visitor socket finish its handshake
    probed = [probe()]
    began = time.perf_counter()
    start.set()
    with contextlib.suppress(TimeoutError):  # a timeout shows up below as lost messages
        await asyncio.wait_for(done.wait(), DEADLINE_SECONDS)
    finished = time.perf_counter()
    await asyncio.sleep(1.0)  # PostgreSQL publishes its statistics about once a second
    probed.append(probe())
    for task in staff_tasks + visitor_tasks:
        task.cancel()
    await asyncio.gather(*staff_tasks, *visitor_tasks, return_exceptions=True)
    latencies = sorted((received[key] - sent[key]) * 1000 for key in received if key in sent)
    last = max(received.values(), default=finished)
    return {
        "sent": len(sent),
        "received": len(received),
        "lost": len(sent) - len(received),
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[max(int(len(latencies) * 0.99) - 1, 0)] if latencies else float("nan"),
        "max": latencies[-1] if latencies else float("nan"),
        "rate": len(received) / (last - began) if received else 0.0,
        "seconds": last - began,
        "errors": errors,
        "probes": probed,
    }


def wait_for_port(port, deadline):
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on 127.0.0.1:{port}") from None
            time.sleep(0.2)


def start_servers(env, front, app_ports, web_ports):
    """The uvicorn processes as deploy/Procfile starts ws1/ws2, and HAProxy with deploy/haproxy.cfg."""
    servers = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "treatment_site.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-access-log",
                "--proxy-headers",
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--log-level",
                "warning",
                "--ws-per-message-deflate",
                "false",
                *os.environ.get("BENCH_CHAT_UVICORN_ARGS", "").split(),
            ],
            cwd=ROOT,
            env={**os.environ, **env},
        )  # fmt: skip
        for port in app_ports
    ]
    if front is not None:
        if len(app_ports) != 2:
            raise SystemExit(
                "deploy/haproxy.cfg names two chat servers: use BENCH_CHAT_PROCESSES=2 or BENCH_CHAT_PROXY=none"
            )
        lb_env = {"LB_PORT": str(front), "WS1_PORT": str(app_ports[0]), "WS2_PORT": str(app_ports[1]),
                  "WEB1_PORT": str(web_ports[0]), "WEB2_PORT": str(web_ports[1])}  # fmt: skip
        # The web servers are absent here (their health checks fail quietly); only chat upgrades are used.
        servers.append(
            subprocess.Popen(  # noqa: S603
                ["haproxy", "-db", "-q", "-f", "deploy/haproxy.cfg"],  # noqa: S607
                cwd=ROOT,
                env={**os.environ, **lb_env},
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        )
    deadline = time.monotonic() + 30
    for port in app_ports + ([front] if front is not None else []):
        wait_for_port(port, deadline)
    if front is not None:
        time.sleep(4.5)  # HAProxy puts a server in rotation after two passing checks, 2 s apart
    return servers


def cpu_seconds(processes):
    """User + system CPU the servers have used so far (Linux /proc; 0 elsewhere)."""
    total = 0
    for process in processes:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def database_commits(url):
    """Transactions committed in the benchmark's database so far (PostgreSQL's statistics); 0 elsewhere."""
    if not url.startswith("postgres"):
        return 0
    import psycopg2

    with contextlib.closing(psycopg2.connect(url)) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def previous_report():
    """The figures of the last recorded run (kept under the new ones, so before and after sit together)."""
    if not RESULTS.exists():
        return ""
    return RESULTS.read_text().split("\n\nprevious run", 1)[0].strip()


def main():
    import redis

    front, app_ports, web_ports = ports()
    entry_ports = [front] if front is not None else app_ports
    urls = [f"127.0.0.1:{port}" for port in entry_ports]
    env = server_env([f"http://{url}" for url in urls])
    redis.Redis.from_url(REDIS_URL).flushdb()  # the benchmark's own Redis database only
    session_name, chat_cookie, staff, visitors = prepare(env)
    servers = start_servers(env, front, app_ports, web_ports)
    try:

        def probe():
            return cpu_seconds(servers[: len(app_ports)]), database_commits(env["DATABASE_URL"])

        result = asyncio.run(run_load(urls, session_name, chat_cookie, staff, visitors, probe))
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)
        redis.Redis.from_url(REDIS_URL).flushdb()
    (cpu_before, commits_before), (cpu_after, commits_after) = result["probes"]
    delivered = max(result["received"], 1)
    cpu_ms, commits = (cpu_after - cpu_before) * 1000 / delivered, (commits_after - commits_before) / delivered
    met = result["p99"] < TARGET_P99_MS and result["rate"] >= TARGET_RATE * 0.97 and not result["lost"]
    serving = f"{len(app_ports)} uvicorn process{'es' if len(app_ports) > 1 else ''}" + (
        " behind HAProxy (deploy/haproxy.cfg)" if front is not None else ""
    )
    report = (
        f"Live-chat load: {VISITORS} visitor WebSockets, {STAFF} staff sockets, {MESSAGES} messages each "
        f"every {INTERVAL}s; {serving}, {SETTINGS} settings, Redis channel layer + "
        f"{env['DATABASE_URL'].split(':')[0]}, 127.0.0.1, {os.cpu_count()} CPUs\n"
        f"messages sent {result['sent']}, delivered to staff {result['received']}, lost {result['lost']}\n"
        f"latency p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, max {result['max']:.1f} ms\n"
        f"throughput {result['rate']:.0f} messages/s over {result['seconds']:.1f} s\n"
        f"server cost per delivered message: {cpu_ms:.1f} ms CPU (uvicorn processes), "
        f"{commits:.2f} PostgreSQL commits\n"
        f"target (issue 10) p99 < {TARGET_P99_MS} ms at {TARGET_RATE} messages/s, 0 lost: {'PASS' if met else 'GAP'}"
        + (f"\nserver errors: {sorted(set(result['errors']))}" if result["errors"] else "")
    )
    print(report)
    if os.environ.get("BENCH_WRITE_RESULTS", "1") == "1":
        before = previous_report()
        RESULTS.write_text(report + ("\n\nprevious run:\n" + before if before else "") + "\n")
    if result["lost"]:
        sys.exit(f"FAIL: {result['lost']} messages lost")


if __name__ == "__main__":
    main()
