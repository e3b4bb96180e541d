"""AUDIT-C and DAST-10 self-checks: the validated scoring, a cacheable page that sets nothing, and a no-JavaScript
result that stores, logs and caches nothing and loses no answer."""

import datetime
import logging

import pytest
from django.utils import timezone

from pages.models import SelfCheckPage
from pages.review import pages_due_for_review
from pages.self_checks import AUDIT_C, DAST_10, score
from tests.factories import MedicalReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit_c(home):
    page = home.add_child(
        instance=SelfCheckPage(title="Alcohol self-check", slug="alcohol-check", instrument="audit-c")
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def dast_10(home):
    page = home.add_child(instance=SelfCheckPage(title="Drug use self-check", slug="drug-check", instrument="dast-10"))
    page.save_revision().publish()
    return page


def answers(*indexes):
    return {f"q{n}": str(index) for n, index in enumerate(indexes, start=1)}


@pytest.mark.parametrize(
    ("chosen", "total", "title"),
    [
        ((0, 0, 0), 0, "Lower risk"),
        ((1, 1, 0), 2, "Lower risk"),
        ((2, 1, 0), 3, "Some risk"),
        ((2, 1, 1), 4, "Some risk"),
        ((4, 2, 1), 7, "Higher risk"),
        ((4, 4, 4), 12, "Higher risk"),
    ],
)
def test_audit_c_scores_0_to_12_with_the_published_cut_offs(chosen, total, title):
    got, band, _, missing = score(AUDIT_C, answers(*chosen))
    assert (got, band.title, missing) == (total, title, [])
    assert AUDIT_C.max_score == 12


@pytest.mark.parametrize(
    ("yes_count", "can_stop", "total", "title"),
    [
        (0, True, 0, "No problems reported"),
        (0, False, 1, "Low level"),
        (3, True, 3, "Moderate level"),
        (6, True, 6, "Substantial level"),
        (9, False, 10, "Severe level"),
    ],
)
def test_dast_10_counts_yes_answers_and_a_no_to_being_able_to_stop(yes_count, can_stop, total, title):
    # Question 3 ("Can you always stop …?") scores for "No" (choice 1), every other question for "Yes" (choice 1).
    others = [1] * yes_count + [0] * (9 - yes_count)
    chosen = others[:2] + [1 if not can_stop else 0] + others[2:]
    got, band, _, _ = score(DAST_10, answers(*chosen))
    assert (got, band.title) == (total, title)
    assert DAST_10.max_score == 10


def test_every_score_has_exactly_one_band():
    for instrument in (AUDIT_C, DAST_10):
        for total in range(instrument.max_score + 1):
            assert len([b for b in instrument.bands if b.low <= total <= b.high]) == 1, (instrument.slug, total)


def test_tampered_or_partial_answers_ask_again_instead_of_failing():
    total, band, chosen, missing = score(AUDIT_C, {"q1": "9", "q2": "-1", "q3": "2", "q4": "1"})
    assert (total, band, chosen, missing) == (None, None, {3: 2}, [1, 2])


def test_the_page_is_cacheable_says_not_a_diagnosis_and_prints_the_points(client, audit_c):
    response = client.get(audit_c.url)
    html = response.content.decode()
    assert response.cookies == {} and "csrfmiddlewaretoken" not in html
    assert response["Cache-Control"].startswith("public")
    assert "not a diagnosis" in html and "not saved" in html
    assert html.count('type="radio"') == 15 and 'data-points="4"' in html
    assert f'method="post" action="/self-check/{audit_c.pk}/result/"' in html
    assert html.count('class="notice self-check__band"') == 3  # every band rendered for the script to show


def test_no_javascript_result_shows_score_meaning_and_next_step_and_keeps_nothing(
    client, dast_10, django_assert_max_num_queries, caplog
):
    client.get(dast_10.url)  # first request of a site creates its settings rows; not the answers' doing
    with caplog.at_level(logging.DEBUG), django_assert_max_num_queries(15) as captured:
        response = client.post(f"/self-check/{dast_10.pk}/result/", answers(1, 1, 1, 1, 0, 0, 0, 0, 0, 0))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private" and response.cookies == {}
    assert 'Your score: <span class="self-check__total">4</span> out of 10 · Moderate level' in html
    assert "What to do next:" in html and "not been kept" in html
    assert 'id="q1-1" name="q1" value="1" data-points="1" checked' in html  # answers shown back
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not [message for message in caplog.messages if "q1" in message or "Moderate" in message]


def test_unanswered_questions_are_named_and_chosen_answers_kept(client, audit_c):
    html = client.post(f"/self-check/{audit_c.pk}/result/", {"q2": "3"}).content.decode()
    assert "There is a problem" in html
    assert '<a href="#q1-0">Please answer question 1</a>' in html and "Please answer question 3" in html
    assert 'id="q2-3" name="q2" value="3" data-points="3" checked' in html
    assert "Your score:" in html  # the bands are there for the script, hidden
    assert 'id="self-check-result" tabindex="-1" hidden' in html


def test_only_live_self_check_pages_can_be_scored(client, audit_c):
    audit_c.unpublish()
    assert client.post(f"/self-check/{audit_c.pk}/result/", answers(0, 0, 0)).status_code == 404
    assert client.get(f"/self-check/{audit_c.pk}/result/").status_code == 405


def test_a_reviewed_self_check_shows_its_review_dates_like_an_article(client, audit_c):
    """What a score means is clinical advice: the page carries the same review stamp as the articles."""
    today = timezone.localdate()
    audit_c.reviewer = MedicalReviewerFactory(name="Dr. Ada Example", slug="ada-example", credentials="MD")
    audit_c.last_reviewed, audit_c.next_review_due = (
        today - datetime.timedelta(days=400),
        today - datetime.timedelta(days=1),
    )
    audit_c.save_revision().publish()
    html = client.get(audit_c.url).content.decode()
    assert "Page last reviewed: <time" in html and "Next review due: <time" in html
    assert '<a href="/reviewers/ada-example/">Dr. Ada Example</a>, MD' in html
    assert "This page is overdue for its medical review." in html
    assert audit_c.pk in {page.pk for page in pages_due_for_review(today)}  # in the review report and reminders
