"""Load generators for the fault tests: page reads, form posts, chat page, WebSocket handshakes."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from websockets.sync.client import connect

from .stack import BASE, CALLBACK, HEADERS, HTTP_PORT

PAGES = ["/", "/drugs/", "/search/?q=klonopin", "/sitemap.xml", "/verify-insurance/", "/request-callback/"]
FRIENDLY_500 = "988"  # the crisis line is on the friendly error page


class Tally:
    """Thread-safe counts of what a load run saw."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.unexpected = []

    def add(self, key, detail=None):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            if detail is not None and len(self.unexpected) < 20:
                self.unexpected.append(detail)

    def __getitem__(self, key):
        return self.counts.get(key, 0)


def post_callback(forms, tally, name="Casey Faultline"):
    """One callback request; counts acknowledged (302 to the thank-you page), friendly errors and others."""
    try:
        response = forms.post("/request-callback/", {**CALLBACK, "full_name": name})
    except requests.RequestException as exc:
        tally.add("connection_error", type(exc).__name__)
        return
    if response.status_code == 302 and response.headers["Location"].endswith("/thank-you/"):
        tally.add("acknowledged")
    elif response.status_code >= 500:
        tally.add("5xx")
        if FRIENDLY_500 not in response.text:
            tally.add("bare_5xx", f"{response.status_code} {response.text[:80]!r}")
    else:
        tally.add("other", f"{response.status_code} {response.text[:80]!r}")


def get_page(path, tally):
    try:
        response = requests.get(BASE + path, headers=HEADERS, timeout=15)
    except requests.RequestException as exc:
        tally.add("connection_error", f"{path} {type(exc).__name__}")
        return None
    tally.add(f"page_{response.status_code}")
    if response.status_code != 200:
        tally.add("page_not_200", f"{path} {response.status_code}")
    return response


def run_for(seconds, concurrency, job):
    """Call job() from `concurrency` threads until `seconds` have passed; returns how many calls ran."""
    stop_at = time.monotonic() + seconds
    calls = [0] * concurrency

    def loop(index):
        while time.monotonic() < stop_at:
            job()
            calls[index] += 1

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(loop, range(concurrency)))
    return sum(calls)


def visitor_handshake(token):
    """(accepted, close code or None): one visitor socket opened with the chat cookie."""
    try:
        with connect(
            f"ws://127.0.0.1:{HTTP_PORT}/chat/ws/",
            additional_headers={"Cookie": f"chat_token={token}", "Origin": f"http://127.0.0.1:{HTTP_PORT}"},
            open_timeout=5,
        ) as socket:
            socket.send('{"type": "ping"}')
            socket.recv(timeout=5)  # the consumer answers an unknown frame type with an error frame
            return True, None
    except Exception as exc:  # the refusal is what we measure
        return False, type(exc).__name__ + ":" + str(getattr(getattr(exc, "response", None), "status_code", ""))
