"""The article page runs a bounded number of queries, however many similar drugs it shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import SimilarDrugLink
from tests.factories import ComparisonPageFactory, DrugClassFactory, DrugPageFactory

pytestmark = pytest.mark.django_db


def build_article(library, similar_count):
    benzo = DrugClassFactory(name="Benzodiazepine", slug="benzodiazepine")
    barb = DrugClassFactory(name="Barbiturate", slug="barbiturate")
    article = DrugPageFactory(parent=library, title="Klonopin", slug="klonopin", drug_class=benzo)
    article.street_names.create(name="K-pin")
    for i in range(similar_count - 1):
        DrugPageFactory(parent=library, title=f"Benzo {i:02d}", drug_class=benzo)
    linked = DrugPageFactory(parent=library, title="Phenobarbital", drug_class=barb)
    SimilarDrugLink.objects.create(page=article, drug=linked)
    ComparisonPageFactory(parent=library, drug_a=article, drug_b=linked)
    return article


def count_queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("similar_count", [2, 10])
def test_article_query_count_is_bounded(client, library, similar_count):
    article = build_article(library, similar_count)
    queries, response = count_queries(client, article.url)
    shown = len(response.context["similar_drugs"])
    assert shown == min(similar_count, 6)
    assert queries <= 20, queries


def test_article_query_count_does_not_grow_with_similar_drugs(client, home):
    from tests.factories import DrugIndexPageFactory

    counts = []
    for n in (2, 10):
        library = DrugIndexPageFactory(parent=home, slug=f"drugs-{n}", title=f"Library {n}")
        article = build_article(library, n)
        counts.append(count_queries(client, article.url)[0])
        article.get_parent().delete()
    assert counts[0] == counts[1], counts
