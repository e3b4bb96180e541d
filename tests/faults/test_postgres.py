"""PostgreSQL stopped for 10 s during a submission burst: nothing acknowledged is lost, the worker survives."""

import threading
import time

import pytest

from .delivery import max_pk, message_ids_since, raw_deliveries_since, stored_since, wait_delivered
from .stack import FormClient
from .traffic import Tally, get_page, post_callback, run_for

pytestmark = pytest.mark.faults


def test_postgres_stopped_for_10_s_during_a_burst(stack, report):
    postgres, site, smtp = stack["postgres"], stack["site"], stack["smtp"]
    first_pk = max_pk(postgres)
    forms, tally, pages = FormClient(), Tally(), Tally()
    outage_page = {}

    def outage():
        time.sleep(3)
        postgres.stop()
        time.sleep(1)
        # Search is never cached (the home page may now come from the page cache even with PostgreSQL down).
        page = get_page("/search/?q=outage", pages)
        outage_page["status"] = page.status_code if page is not None else None
        outage_page["text"] = page.text if page is not None else ""
        time.sleep(9)
        postgres.start()

    breaker = threading.Thread(target=outage)
    breaker.start()
    load = run_for(20, 8, lambda: post_callback(forms, tally))
    breaker.join()

    stored = stored_since(postgres, first_pk)
    report.update(load=f"{load} posts, c=8, PG down 10 s", acknowledged=tally["acknowledged"], stored=stored)
    report["5xx"] = f"{tally['5xx']} (friendly, during outage)"
    assert tally["bare_5xx"] == 0 and tally["other"] == 0 and tally["connection_error"] == 0, tally.unexpected
    assert tally["5xx"] > 0, "the outage did not overlap the burst"
    assert outage_page["status"] in (500, 503) and "988" in outage_page["text"]
    assert tally["acknowledged"] == stored > 0
    delivered = wait_delivered(smtp, first_pk, stored)
    assert len(delivered) == stored
    # Delivery is at-least-once: PostgreSQL stopping between the SMTP "250 OK" and the commit makes the
    # retry send again. The repeat carries the same Message-ID, so the inbox shows one e-mail per request.
    raw = raw_deliveries_since(smtp, first_pk)
    report["delivered"] = f"{len(delivered)} ({len(raw) - len(delivered)} repeated with the same Message-ID)"
    assert len(message_ids_since(smtp, first_pk)) == stored
    assert site.worker.poll() is None, "the task worker exited"
    assert "reconnecting in" in site.log_text()  # it saw the outage and came back by itself
