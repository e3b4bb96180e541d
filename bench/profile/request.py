"""CPU profile of one request under the production settings (cProfile on CPU time): an uncached page, or
the insurance form's POST.

Run: `make profile` (after `make prod` or `make bench` has created a database; DATABASE_URL as for it), or
`.venv/bin/python bench/profile/request.py [/drugs/klonopin/ | POST]`. `POST` sends the benchmark's valid
insurance form (bench/sql_counts.py), which stores one request per call. Prints the CPU and wall time per
request without the profiler, then the functions that use the most CPU (process time, so waiting on
PostgreSQL or Redis is not counted), by own time and by cumulative time.
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
for line in (ROOT / "deploy" / "prod.env").read_text().splitlines():
    if line and not line.startswith("#"):
        key, _, value = line.partition("=")
        os.environ.setdefault(key, value)
secrets = ROOT / ".prod-secrets.env"
if secrets.exists():
    for line in secrets.read_text().splitlines():
        key, _, value = line.partition("=")
        os.environ.setdefault(key, value)
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/harborlight_prod")
os.environ["PAGE_CACHE_IN_APP"] = "false"  # profile the render, not a cache hit
# One client sends every form: the per-address limits would stop it (as in bench/run.py).
os.environ["INTAKE_RATE_LIMIT_COUNT"] = os.environ["INTAKE_POST_FLOOD_COUNT"] = "100000000"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def request_maker(target):
    """A function that sends the request once and checks its answer (200 for a page, a redirect for the form)."""
    client = Client(HTTP_HOST="127.0.0.1")
    if target != "POST":
        return target, lambda: client.get(target).status_code == 200
    sys.path.insert(0, str(ROOT / "bench"))
    from sql_counts import form_data

    data = form_data()
    return "POST /verify-insurance/", lambda: client.post("/verify-insurance/", data).status_code == 302


def main():
    label, send = request_maker(sys.argv[1] if len(sys.argv) > 1 else "/drugs/klonopin/")
    for _ in range(5):  # warm caches, templates and the connection
        assert send(), f"{label} did not answer as expected"
    runs = 30
    started, started_wall = time.process_time(), time.perf_counter()
    for _ in range(runs):
        send()
    cpu_ms = (time.process_time() - started) * 1000 / runs
    wall_ms = (time.perf_counter() - started_wall) * 1000 / runs
    print(f"{label}: {cpu_ms:.1f} ms CPU, {wall_ms:.1f} ms wall per request without the profiler (mean of {runs})")
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(runs):
        send()
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
