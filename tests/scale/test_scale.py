"""Scale-out on proven parts: two stateless app servers behind HAProxy and Varnish share one PostgreSQL
and one Redis. Run by `make test-scale` (and .ci/run), not by plain `make test`."""

import asyncio
import json
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import redis

from tests.scale.conftest import PY, ROOT

pytestmark = pytest.mark.scale


def fetch(port, path, cookies=None, data=None, origin=False):
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if origin:
        headers["Origin"] = f"http://127.0.0.1:{port}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_within(port, path, expected, seconds=1.0):
    """The status `path` answers with once it settles, polling for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        status = fetch(port, path)[0]
        if status == expected or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def test_a_page_unpublished_through_app_a_is_gone_through_app_b_within_a_second(stack):
    ports, url = stack["ports"], stack["page_url"]
    assert fetch(ports["WEB2"], url)[0] == 200
    assert fetch(ports["VARNISH"], url)[0] == 200  # now cached by Varnish too

    # The editor's browser talks to app A only: a real admin form with its CSRF token.
    admin = {"sessionid": stack["admin"]}
    status, headers, html = fetch(ports["WEB1"], f"/admin/pages/{stack['page']}/unpublish/", cookies=admin)
    assert status == 200, html[:300]
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    status, _, body = fetch(
        ports["WEB1"],
        f"/admin/pages/{stack['page']}/unpublish/",
        cookies={**admin, "csrftoken": csrf_cookie},
        data={"csrfmiddlewaretoken": token},
        origin=True,
    )
    assert status == 302, body[:300]
    assert status_within(ports["WEB2"], url, 404) == 404
    assert status_within(ports["LB"], url, 404) == 404


def test_the_unpublished_page_is_gone_through_varnish_within_a_second(stack):
    """The purge task jumps the queue: the demo loader left hundreds of index jobs waiting (pages/purge.py)."""
    assert status_within(stack["ports"]["VARNISH"], stack["page_url"], 404) == 404


def test_a_visitor_on_app_a_and_a_counselor_on_app_b_exchange_messages(stack):
    import websockets

    ports = stack["ports"]

    async def exchange():
        visitor_url, staff_url = (
            f"ws://127.0.0.1:{ports['WS1']}/chat/ws/",
            f"ws://127.0.0.1:{ports['WS2']}/admin/chat/ws/",
        )
        async with (
            websockets.connect(
                visitor_url,
                origin=f"http://127.0.0.1:{ports['WS1']}",
                additional_headers={"Cookie": f"chat_token={stack['token']}"},
            ) as visitor,
            websockets.connect(
                staff_url,
                origin=f"http://127.0.0.1:{ports['WS2']}",
                additional_headers={"Cookie": f"sessionid={stack['counselor']}"},
            ) as counselor,
        ):
            await counselor.send(json.dumps({"type": "watch", "conversation": stack["conversation"]}))
            await next_frame(counselor, "ack")
            await visitor.send(json.dumps({"type": "message", "text": "Is anyone there?", "client_id": "1"}))
            frame = await next_frame(counselor, "message")
            assert frame["message"]["text"] == "Is anyone there?"
            await counselor.send(
                json.dumps(
                    {
                        "type": "reply",
                        "conversation": stack["conversation"],
                        "text": "Yes, I am here.",
                        "client_id": "2",
                    }
                )
            )
            while True:
                frame = await next_frame(visitor, "message")
                if frame["message"]["text"] == "Yes, I am here.":
                    return

    async def next_frame(ws, kind):
        while True:
            frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert frame["type"] != "error", frame
            if frame["type"] == kind:
                return frame

    asyncio.run(exchange())


ENQUEUE = """
from tests.scale.tasks import count_run
for number in range(1000):
    count_run.enqueue(number)
"""


def test_two_task_workers_run_a_thousand_tasks_each_exactly_once(stack):
    counts = redis.Redis.from_url(stack["env"]["SCALE_COUNT_REDIS_URL"])
    counts.delete("scale:runs")
    subprocess.run([PY, "manage.py", "shell", "-c", ENQUEUE], cwd=ROOT, env=stack["env"], check=True)
    deadline = time.monotonic() + 120
    while counts.hlen("scale:runs") < 1000 and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1.0)  # a duplicate run would land now
    runs = {int(k): int(v) for k, v in counts.hgetall("scale:runs").items()}
    assert sorted(runs) == list(range(1000))
    assert set(runs.values()) == {1}
    workers = subprocess.run(
        ["psql", stack["env"]["DATABASE_URL"], "-tAc",
         "SELECT DISTINCT worker_ids->>0 FROM django_tasks_database_dbtaskresult WHERE task_path LIKE 'tests.scale.%'"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert sorted(workers) == ["scale-1", "scale-2"]  # both workers took part
