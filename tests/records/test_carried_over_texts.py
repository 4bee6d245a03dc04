"""A carried-over clause's source version is read without its full text, on every surface.

A clause confirmed by carrying over an earlier version's clause shows "carried over
from version recorded on …", which needs that version's dates only. Every reader
of clauses joined the whole version, full text included (an imported text is tens
of kilobytes): a page of clauses read one text per clause for nothing.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casebook.records.models import Clause
from tests.factories import ClauseFactory, TermsDocumentFactory, TermsVersionFactory

pytestmark = pytest.mark.django_db

#: A text no page shows and no query should read once the versions are loaded.
MARKER = "carried-source-text-" + "x" * 200


@pytest.fixture
def carried() -> Clause:
    document = TermsDocumentFactory(slug="terms-carried")
    earlier = TermsVersionFactory(
        document=document,
        effective_from=datetime.date(2024, 1, 1),
        full_text=f"{MARKER} Use Output to develop models that compete with the vendor.",
    )
    later = TermsVersionFactory(
        document=document, effective_from=datetime.date(2025, 1, 1), full_text=""
    )
    source = ClauseFactory(version=earlier)
    return ClauseFactory(version=later, carried_over_from=source)


def test_the_queryset_leaves_the_source_versions_text_and_reads_nothing_more(carried):
    clause = Clause.objects.with_category_and_carry_over().get(pk=carried.pk)
    with CaptureQueriesContext(connection) as captured:
        note = clause.carried_over_note
    assert note == "carried over from version 1 January 2024"
    assert len(captured) == 0
    assert "full_text" in clause.carried_over_from.version.get_deferred_fields()


@pytest.mark.parametrize(
    "url",
    [
        reverse("api:clause-list"),
        reverse("api:terms-version-list") + "?effective_after=2024-06-01",
        reverse("portal:terms_matrix") + "?on=2025-06-01",
        "/terms/terms-carried/versions/2025-01-01/",
    ],
)
def test_no_surface_reads_the_source_versions_text(client, carried, url):
    """No query of clauses selects a version's full text (their own version's is read
    on its own, or left out, by each surface)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    clause_queries = [q["sql"] for q in captured if 'FROM "records_clause"' in q["sql"]]
    assert clause_queries
    for sql in clause_queries:
        assert '"full_text"' not in sql, sql
