"""CPU profile of one uncached article request under the production settings (cProfile on CPU time).

Run: `make profile` (after `make prod` has created the database; DATABASE_URL as for `make prod`) or
`.venv/bin/python bench/profile/article.py [/drugs/klonopin/]`. Prints the functions that use the most CPU
(process time, so waiting on PostgreSQL or Redis is not counted), by own time and by cumulative time.
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

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/drugs/klonopin/"
    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(5):  # warm caches, templates and the connection
        assert client.get(path).status_code == 200
    runs = 30
    started = time.process_time()
    for _ in range(runs):
        client.get(path)
    cpu_ms = (time.process_time() - started) * 1000 / runs
    print(f"{path}: {cpu_ms:.1f} ms CPU per request without the profiler (mean of {runs})")
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(runs):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
