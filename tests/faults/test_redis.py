"""Redis killed (SIGKILL) and restarted during page, form and chat traffic."""

import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from chat.consumers import CLOSE_UNAVAILABLE

from .delivery import max_pk, stored_since, wait_delivered
from .stack import HTTP_PORT, FormClient
from .traffic import PAGES, Tally, get_page, post_callback, run_for, visitor_handshake

pytestmark = pytest.mark.faults


def live_socket(token):
    return connect(
        f"ws://127.0.0.1:{HTTP_PORT}/chat/ws/",
        additional_headers={"Cookie": f"chat_token={token}", "Origin": f"http://127.0.0.1:{HTTP_PORT}"},
        open_timeout=5,
    )


def test_redis_killed_and_restarted_during_traffic(stack, report):
    postgres, redis, site = stack["postgres"], stack["redis"], stack["site"]
    token = site.manage(
        "shell", "-c", "from chat import services; print(services.start_conversation('Hello, anyone there?')[1])",
        capture=True,
    ).splitlines()[-1]  # fmt: skip
    first_pk = max_pk(postgres)
    assert visitor_handshake(token) == (True, None)
    forms, pages, chat = FormClient(), Tally(), Tally()
    during_outage = {}

    def outage():
        time.sleep(2)
        with live_socket(token) as socket:
            redis.kill()
            try:
                socket.recv(timeout=10)
            except ConnectionClosed as closed:
                during_outage["live_socket_code"] = closed.rcvd.code if closed.rcvd else None
        time.sleep(1)
        page = get_page("/chat/", chat)
        during_outage["chat_page"] = page.text if page is not None else ""
        during_outage["handshake"] = visitor_handshake(token)
        time.sleep(3)
        redis.start()

    breaker = threading.Thread(target=outage)
    breaker.start()
    pages_index = iter(range(10**9))

    def job():
        n = next(pages_index)
        if n % 3 == 0:
            post_callback(forms, pages)
        else:
            get_page(PAGES[n % len(PAGES)], pages)

    load = run_for(9, 6, job)
    breaker.join()

    # After Redis is back, the first socket of each uvicorn worker connects (no once-per-process failure).
    after = [visitor_handshake(token) for _ in range(6)]
    stored = stored_since(postgres, first_pk)
    report.update(load=f"{load} req, Redis down 6 s", acknowledged=pages["acknowledged"], stored=stored)
    report["5xx"] = pages["5xx"] + chat["5xx"]
    assert pages["page_not_200"] == 0, pages.unexpected
    assert pages["5xx"] == 0 and pages["other"] == 0 and pages["connection_error"] == 0, pages.unexpected
    assert pages["acknowledged"] == stored > 0
    assert "Live chat is unavailable right now" in during_outage["chat_page"]
    assert "/request-callback/" in during_outage["chat_page"] and "tel:" in during_outage["chat_page"]
    assert during_outage["handshake"][0] is False
    assert during_outage.get("live_socket_code") == CLOSE_UNAVAILABLE  # a live socket is closed cleanly
    assert after == [(True, None)] * 6, after
    report["delivered"] = len(wait_delivered(stack["smtp"], first_pk, stored))
    assert report["delivered"] == stored
