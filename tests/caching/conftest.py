"""Fixtures for the cache tests: the demo site, a real Redis as the page cache, and a real Varnish."""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Site

from tests.demo_content import load_demo
from tests.factories import (
    ComparisonPageFactory,
    ContentPageFactory,
    DrugClassFactory,
    DrugPageFactory,
    MedicalReviewerFactory,
    ProgramIndexPageFactory,
    ProgramPageFactory,
)

VARNISH_SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "run-varnish.sh"
# Loopback ports in this project's test range for caches (8100-8199).
VARNISH_PORT = int(os.environ.get("CACHE_TEST_VARNISH_PORT", "8181"))
BACKEND_PORT = int(os.environ.get("CACHE_TEST_BACKEND_PORT", "8182"))


@pytest.fixture
def demo_site(db):
    """The demo content, served for the test client's host name."""
    load_demo()
    Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)
    Site.clear_site_root_paths_cache()
    caches["default"].clear()


@pytest.fixture
def redis_page_cache(settings):
    """The "default" cache alias on a real Redis database of its own (TEST_REDIS_URL), emptied before and after."""
    settings.PAGE_CACHE_IN_APP = True
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": settings.REDIS_URL}
    }
    cache = caches["default"]
    try:
        cache.clear()
    except Exception as exc:  # any connection failure means the same thing here
        pytest.fail(f"The in-app cache tests need Redis at {settings.REDIS_URL} (TEST_REDIS_URL): {exc}")
    yield cache
    cache.clear()


def _wait_for_port(port, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def app_server():
    """The app on a fixed loopback port (Varnish's backend is fixed when it starts); transactional tests only."""
    server = LiveServer(f"127.0.0.1:{BACKEND_PORT}")
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def varnish(app_server):
    """A real varnishd with deploy/varnish/site.vcl in front of the app server; skipped loudly if absent."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    if varnishd is None:
        pytest.skip("SKIPPED LOUDLY: varnishd is not installed (`make varnish` installs Debian's package as root)")
    # Not under pytest's private tmp dir: varnishd's compiler runs as the unprivileged "varnish" user.
    workdir = Path(tempfile.mkdtemp(prefix="cache-test-varnish-"))
    workdir.chmod(0o755)
    env = dict(
        os.environ,
        PATH=f"{os.environ.get('PATH', '')}:{os.path.dirname(varnishd)}",
        VARNISH_LISTEN=f"127.0.0.1:{VARNISH_PORT}",
        VARNISH_BACKEND=f"127.0.0.1:{BACKEND_PORT}",
        VARNISH_WORKDIR=str(workdir),
        VARNISH_STORAGE="malloc,32m",
    )
    log_path = workdir / "varnishd.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(["sh", str(VARNISH_SCRIPT), "-F"], env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603, S607
        try:
            if not _wait_for_port(VARNISH_PORT):
                pytest.fail(f"varnishd did not start: {log_path.read_text()}")
            yield f"http://127.0.0.1:{VARNISH_PORT}"
        finally:
            process.terminate()
            process.wait(timeout=10)
            shutil.rmtree(workdir, ignore_errors=True)


class VarnishClient:
    """Plain HTTP to the test Varnish, with the site's host name."""

    def __init__(self, port):
        self.port = port

    def request(self, method, path, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path, headers={"Host": "testserver", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode()
        finally:
            connection.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers)


@pytest.fixture
def through_varnish(varnish, settings):
    """Purges go to the test Varnish, which starts each test empty; returns a client for it."""
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": varnish}
    }
    client = VarnishClient(VARNISH_PORT)
    status, _, _ = client.request("BAN", "/", {"X-Ban-Path": "."})
    assert status == 200
    return client


ALL = [
    "/",
    "/drugs/",
    "/drugs/klonopin/",
    "/drugs/xanax/",
    "/drugs/alcohol/",
    "/drugs/klonopin-vs-xanax/",
    "/treatment/",
    "/treatment/detox/",
    "/about/",
    "/sitemap.xml",
]


@pytest.fixture
def tree(home, library, redis_page_cache, through_varnish):
    """Home → drug library (two benzodiazepines, alcohol, a comparison) · treatment → detox · about."""
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine")
    reviewer = MedicalReviewerFactory(name="Dr. Ada Example", credentials="MD")
    klonopin = DrugPageFactory(parent=library, title="Klonopin", slug="klonopin", drug_class=benzo, reviewer=reviewer)
    xanax = DrugPageFactory(parent=library, title="Xanax", slug="xanax", drug_class=benzo)
    alcohol = DrugPageFactory(
        parent=library,
        title="Alcohol",
        slug="alcohol",
        drug_class=DrugClassFactory(name="Depressant", slug="depressant"),
    )
    comparison = ComparisonPageFactory(
        parent=library, title="Klonopin vs Xanax", slug="klonopin-vs-xanax", drug_a=klonopin, drug_b=xanax
    )
    treatment = ProgramIndexPageFactory(parent=home)
    ProgramPageFactory(parent=treatment, title="Detox", slug="detox")
    ContentPageFactory(parent=home, title="About", slug="about")
    Site.clear_site_root_paths_cache()
    redis_page_cache.clear()
    warm(through_varnish, ALL)
    return {"klonopin": klonopin, "xanax": xanax, "alcohol": alcohol, "comparison": comparison, "benzo": benzo}


def warm(varnish, paths):
    """Fetch each path through Varnish until it is a HIT."""
    for path in paths:
        status, _, _ = varnish.get(path)
        assert status == 200, path
        assert varnish.get(path)[1]["X-Cache"] == "HIT", path
