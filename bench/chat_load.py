"""Live-chat load benchmark (run by `make bench`; not a test).

Starts uvicorn on 127.0.0.1 (HTTP + WebSocket, one process) against a throw-away SQLite database and
the Redis channel layer, opens 200 visitor WebSockets and a few staff-console sockets, has every
visitor send messages, and measures how long each takes to reach the staff socket watching it.
Reports p50/p99 latency, delivered messages per second and messages lost (must be 0).

Loopback only; bounded in count (VISITORS x MESSAGES) and time (DEADLINE_SECONDS). The server's
rate limits are raised for this run because every simulated visitor shares one client address.
"""

import asyncio
import contextlib
import json
import os
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
DEADLINE_SECONDS = 120
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
RESULTS = ROOT / "bench" / "results" / "chat_load.txt"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def prepare(env):
    """Migrate the throw-away database and create staff, sessions and claimed conversations."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

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


async def run_load(port, session_name, chat_cookie, staff, visitors):
    import websockets

    origin = f"http://127.0.0.1:{port}"
    sent, received, errors = {}, {}, []
    done = asyncio.Event()
    expected = len(visitors) * MESSAGES

    async def staff_client(cookie, conversation_ids):
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/admin/chat/ws/",
            origin=origin,
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

    async def visitor_client(number, token):
        async with websockets.connect(
            f"ws://127.0.0.1:{port}/chat/ws/", origin=origin, additional_headers={"Cookie": f"{chat_cookie}={token}"}
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
    staff_tasks = [asyncio.create_task(staff_client(cookie, ids)) for cookie, ids in staff]
    await asyncio.wait_for(ready, 30)
    visitor_tasks = [asyncio.create_task(visitor_client(n, token)) for n, token in enumerate(visitors)]
    await asyncio.sleep(1.0)  # let every visitor socket finish its handshake
    began = time.perf_counter()
    start.set()
    with contextlib.suppress(TimeoutError):  # a timeout shows up below as lost messages
        await asyncio.wait_for(done.wait(), DEADLINE_SECONDS)
    finished = time.perf_counter()
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
    }


def main():
    env = {
        "DJANGO_SETTINGS_MODULE": "treatment_site.settings.dev",
        "DATABASE_URL": bench_database(),
        "CHAT_REDIS_URL": REDIS_URL,
        "ALLOWED_HOSTS": "127.0.0.1",
        "CHAT_RATE_PER_CONNECTION": "1000",
        "CHAT_RATE_PER_CLIENT": "1000000",
        "LOG_LEVEL": "WARNING",
        "DB_CONN_MAX_AGE": "60",  # persistent connections, as production should run
    }
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # the benchmark's own Redis database only
    session_name, chat_cookie, staff, visitors = prepare(env)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "uvicorn", "treatment_site.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={**os.environ, **env},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("uvicorn did not start") from None
                time.sleep(0.2)
        result = asyncio.run(run_load(port, session_name, chat_cookie, staff, visitors))
    finally:
        server.terminate()
        server.wait(timeout=10)
        redis.Redis.from_url(REDIS_URL).flushdb()
    report = (
        f"Live-chat load: {VISITORS} visitor WebSockets, {STAFF} staff sockets, {MESSAGES} messages each "
        f"every {INTERVAL}s; uvicorn (1 process) + Redis channel layer + {env['DATABASE_URL'].split(':')[0]}, 127.0.0.1, {os.cpu_count()} CPUs\n"
        f"messages sent {result['sent']}, delivered to staff {result['received']}, lost {result['lost']}\n"
        f"latency p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, max {result['max']:.1f} ms\n"
        f"throughput {result['rate']:.0f} messages/s over {result['seconds']:.1f} s"
        + (f"\nserver errors: {sorted(set(result['errors']))}" if result["errors"] else "")
    )
    print(report)
    if os.environ.get("BENCH_WRITE_RESULTS", "1") == "1":
        RESULTS.write_text(report + "\n")
    if result["lost"]:
        sys.exit(f"FAIL: {result['lost']} messages lost")


if __name__ == "__main__":
    main()
