"""Query count and median render time of the Klonopin article, through Django's test client.

Runs on a throwaway SQLite database with the demo content; prints figures, asserts nothing.
Usage: .venv/bin/python bench/page_render.py [requests]   (or `make bench`)
"""

import io
import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(requests=50, path="/drugs/klonopin/"):
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treatment_site.settings.test")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        logging.disable(logging.CRITICAL)  # the demo loader and task backend are chatty
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", stdout=io.StringIO())
        client = Client()
        assert client.get(path).status_code == 200  # warm caches (site root paths, content types)

        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries.captured_queries)  # read now: each request resets the query log
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)

    print(f"page: {path}")
    print(f"queries per request: {query_count}")
    print(f"median render time over {requests} requests: {statistics.median(timings):.1f} ms")
    print(f"fastest / slowest: {min(timings):.1f} / {max(timings):.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
