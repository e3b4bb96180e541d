"""Helpers for bench/run.py that need Django (production settings, the bench database).

sql_counts.py prepare N     N insurance requests, a signed-in superuser; prints the session and a form body
sql_counts.py count PATH…   SQL queries per request for each path (uncached, after one warm-up request),
                            plus the staff lists again with only 10 requests left (in a rolled-back transaction)
"""

import datetime
import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["PAGE_CACHE_IN_APP"] = "false"  # count what a render costs

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from intake.models import InsuranceProvider, VerificationRequest  # noqa: E402
from tests.factories.intake_forms import insurance_form_post  # noqa: E402

STAFF = "bench-staff"


def form_data():
    """The tests' valid insurance-form post (one definition), for the first active provider."""
    return insurance_form_post(InsuranceProvider.objects.filter(active=True).first())


def prepare(count):
    """Seed `count` requests: 1,000 through the ORM (encrypted fields), then copied in SQL with later dates."""
    providers = list(InsuranceProvider.objects.all())
    rng = random.Random(10)
    now = timezone.now()
    seed = min(count, 1000)
    VerificationRequest.objects.bulk_create(
        VerificationRequest(
            kind=rng.choice(VerificationRequest.Kind.values),
            status=rng.choice(VerificationRequest.Status.values),
            full_name=f"Fictional Person {n}",
            date_of_birth=datetime.date(1980, 1, 1) + datetime.timedelta(days=n),
            phone="+12025550199",
            email=f"person{n}@example.com",
            provider=rng.choice(providers),
            member_id=f"MEM-{n:05d}",
            created_at=now - datetime.timedelta(minutes=n),
            target_at=now - datetime.timedelta(minutes=n - 15),
            due_at=now - datetime.timedelta(minutes=n - 15),
        )
        for n in range(seed)
    )
    copies = -(-count // seed) - 1
    if copies > 0:
        table = VerificationRequest._meta.db_table
        columns = [f.column for f in VerificationRequest._meta.concrete_fields if not f.primary_key]
        shifted = {"created_at", "target_at", "due_at"}
        select = [f"\"{c}\" - g * interval '1 day'" if c in shifted else f'"{c}"' for c in columns]
        with connection.cursor() as cursor:
            cursor.execute(
                f'INSERT INTO "{table}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)}) '  # noqa: S608
                f'SELECT {", ".join(select)} FROM "{table}" CROSS JOIN generate_series(1, %s) AS g',
                [copies],
            )
            cursor.execute(f'ANALYZE "{table}"')
    user = get_user_model().objects.create_superuser(STAFF, "bench-staff@example.com", None)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    stored = VerificationRequest.objects.count()
    print(json.dumps({"session": client.cookies["sessionid"].value, "form": urlencode(form_data()), "rows": stored}))


def queries(client, method, path, data=None):
    getattr(client, method)(path, data)  # warm: site root paths, the footer's trust cache, templates
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(path, data)
    assert response.status_code in (200, 302), (path, response.status_code)
    return len(ctx.captured_queries)


def count(paths):
    public, staff = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    staff.force_login(get_user_model().objects.get(username=STAFF))
    result = {"/": queries(public, "get", "/"), "/search/?q=benzo": queries(public, "get", "/search/?q=benzo")}
    for path in paths:
        result[path] = queries(staff if path.startswith("/admin/") else public, "get", path)
    with transaction.atomic():
        result["POST /verify-insurance/"] = queries(public, "post", "/verify-insurance/", form_data())
        keep = list(VerificationRequest.objects.order_by("-pk").values_list("pk", flat=True)[:10])
        VerificationRequest.objects.exclude(pk__in=keep).delete()
        for path in paths:
            if path.startswith("/admin/"):
                result[path + "@10"] = queries(staff, "get", path)
        transaction.set_rollback(True)
    print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(int(sys.argv[2]))
    else:
        count(sys.argv[2:])
