"""Counting what was stored and what reached the admissions inbox, for one test's requests."""

from .stack import wait_for


def max_pk(postgres):
    return postgres.scalar("SELECT coalesce(max(id), 0) FROM intake_verificationrequest")


def stored_since(postgres, first_pk):
    return postgres.scalar("SELECT count(*) FROM intake_verificationrequest WHERE id > %s", first_pk)


def delivered_since(smtp, first_pk):
    """Request numbers that reached the inbox (folded by Message-ID, as a mail client shows them)."""
    return {n for n in smtp.request_numbers() if n > first_pk}


def message_ids_since(smtp, first_pk):
    """Message-IDs of this test's notifications: one per request, however often it was sent."""
    return {m["message_id"] for m, n in zip(smtp.messages, smtp.request_numbers(), strict=True) if n > first_pk}


def raw_deliveries_since(smtp, first_pk):
    return [n for n in smtp.request_numbers() if n > first_pk]


def wait_delivered(smtp, first_pk, count, timeout=90):
    wait_for(
        lambda: len(delivered_since(smtp, first_pk)) >= count,
        timeout,
        interval=0.5,
        message=f"{count} notifications (have {len(delivered_since(smtp, first_pk))})",
    )
    return delivered_since(smtp, first_pk)
