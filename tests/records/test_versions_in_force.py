"""The version in force on a date, found in the database (``versions_in_force``).

The terms matrix and the clause lookup (portal and API) read each document's version
in force with one query instead of every version of the document: an imported
document may have hundreds (issue #12). The rule itself lives in Python
(:func:`casebook.records.selectors.terms.version_in_force`, over
:mod:`casebook.records.versions`); these tests hold the database's answer to it for
any mix of hand-entered and imported versions, dated or not, recorded at any time of
day in any time zone.
"""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records import selectors
from casebook.records.models import DatePrecision, EditorialStatus, TermsDocument, TermsVersion
from casebook.records.selectors.inforce import (
    version_in_force,
    versions_in_force,
    versions_in_force_on,
)
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

DAYS = st.dates(datetime.date(2022, 12, 25), datetime.date(2023, 1, 8))
ZONES = st.sampled_from(
    [datetime.UTC, zoneinfo.ZoneInfo("America/Los_Angeles"), zoneinfo.ZoneInfo("Asia/Tokyo")]
)
#: Record times around a few midnights, so the UTC day and the local day often differ.
RECORD_TIMES = st.datetimes(
    datetime.datetime(2022, 12, 25), datetime.datetime(2023, 1, 8), timezones=ZONES
).map(lambda moment: moment.replace(microsecond=0))

HAND_ENTERED = st.fixed_dictionaries(
    {
        "origin": st.just(TermsVersion.Origin.MANUAL),
        "effective_from": st.none() | DAYS,
        "effective_from_precision": st.sampled_from(DatePrecision.values),
        "recorded_at": st.none(),
    }
)
IMPORTED = st.fixed_dictionaries(
    {
        "origin": st.just(TermsVersion.Origin.OTA),
        "effective_from": st.none() | DAYS,
        "effective_from_precision": st.just(DatePrecision.DAY),
        "recorded_at": RECORD_TIMES,
    }
)


def distinct_keys(specs: list[dict]) -> bool:
    """The database's own rules: one hand-entered version a date, one record time each."""
    hand_dates = [s["effective_from"] for s in specs if s["origin"] == "manual"]
    dated = [d for d in hand_dates if d is not None]
    times = [s["recorded_at"].astimezone(datetime.UTC) for s in specs if s["recorded_at"]]
    return len(set(dated)) == len(dated) and len(set(times)) == len(times)


VERSION_LISTS = st.lists(HAND_ENTERED | IMPORTED, max_size=6).filter(distinct_keys)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=VERSION_LISTS, dates=st.lists(DAYS, min_size=1, max_size=3))
def test_the_database_picks_the_version_the_rule_picks_on_each_date(specs, dates):
    document = TermsDocumentFactory()
    for spec in specs:
        TermsVersionFactory(document=document, **spec)
    read_back = TermsDocument.objects.prefetch_related("versions").get(pk=document.pk)
    expected = [version_in_force(read_back, on) for on in dates]

    found = [versions[0] for versions in versions_in_force_on([document], dates)]

    assert [v and v.pk for v in found] == [v and v.pk for v in expected]
    assert [v and v.pk for v in found] == [
        v and v.pk for on in dates for v in versions_in_force([document], on)
    ]


def test_each_document_gets_its_own_version_in_the_order_given():
    on = datetime.date(2024, 6, 1)
    documents = [TermsDocumentFactory() for _ in range(3)]
    early, late = (
        TermsVersionFactory(document=documents[0], effective_from=datetime.date(2024, month, 1))
        for month in (1, 5)
    )
    TermsVersionFactory(document=documents[0], effective_from=datetime.date(2024, 7, 1))
    second = TermsVersionFactory(document=documents[2], effective_from=datetime.date(2020, 1, 1))

    found = versions_in_force(list(reversed(documents)), on)

    assert [v and v.pk for v in found] == [second.pk, None, late.pk]
    assert early.pk not in {v and v.pk for v in found}
    assert found[0].document is documents[2]


def test_a_version_of_a_document_not_public_is_never_in_force():
    document = TermsDocumentFactory(editorial_status=EditorialStatus.DRAFT)
    TermsVersionFactory(document=document, effective_from=datetime.date(2020, 1, 1))

    assert versions_in_force([document], datetime.date(2024, 1, 1)) == [None]


def test_the_matrix_loads_one_version_a_document_however_many_it_has():
    category = ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)
    documents = [TermsDocumentFactory() for _ in range(2)]
    for document in documents:
        for day in range(1, 29):
            version = TermsVersionFactory(
                document=document, effective_from=datetime.date(2024, 2, day)
            )
            ClauseFactory(version=version, category=category, text=f"Clause of day {day}.")
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=TermsVersion)
    try:
        matrix = selectors.terms_matrix(
            on=datetime.date(2024, 3, 1), documents=documents, categories=[category]
        )
    finally:
        post_init.disconnect(count, sender=TermsVersion)

    assert len(loaded) == len(documents)
    quoted = [cell.clauses[0].clause.text for _, cells in matrix.rows for cell in cells]
    assert quoted == ["Clause of day 28.", "Clause of day 28."]


def test_the_versions_are_found_by_id_without_the_models_order():
    documents = [TermsDocumentFactory() for _ in range(2)]
    for document in documents:
        TermsVersionFactory(document=document, effective_from=datetime.date(2024, 1, 1))

    with CaptureQueriesContext(connection) as queries:
        versions_in_force(documents, datetime.date(2024, 6, 1))

    versions_query = queries.captured_queries[0]["sql"]
    # The model's order joins each version's document and vendor to sort a dict's rows.
    assert "records_party" not in versions_query
    if connection.vendor == "postgresql":
        # Read first, then found through the primary key; as a semi-join PostgreSQL
        # hashed every version of every document.
        assert "= ANY(ARRAY(" in versions_query


def test_a_version_in_force_on_two_dates_is_read_once(django_assert_num_queries):
    document = TermsDocumentFactory()
    version = TermsVersionFactory(document=document, effective_from=datetime.date(2024, 1, 1))
    ClauseFactory(version=version)

    # Versions, their clauses, the clauses' categories, reviewed categories: for both.
    with django_assert_num_queries(4):
        (first,), (second,) = versions_in_force_on(
            [document], [datetime.date(2024, 6, 1), datetime.date(2025, 6, 1)]
        )

    assert first is second
    assert first.pk == version.pk


@pytest.fixture
def two_versions():
    """A document whose 2025 version has three clauses of two categories, one of them
    carried over from its 2024 version, and whose draft twin has a clause too."""
    document = TermsDocumentFactory()
    earlier = TermsVersionFactory(document=document, effective_from=datetime.date(2024, 1, 1))
    later = TermsVersionFactory(document=document, effective_from=datetime.date(2025, 1, 1))
    law = ClauseCategoryFactory(slug="governing-law", name="Governing law")
    models = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    source = ClauseFactory(version=earlier, category=models, text="No competing models.")
    ClauseFactory(
        version=later, category=models, text="No models.", section="", carried_over_from=source
    )
    ClauseFactory(version=later, category=law, text="Law of California.", section="§9")
    ClauseFactory(
        version__document__editorial_status=EditorialStatus.DRAFT,
        version__effective_from=datetime.date(2024, 1, 1),
        category=law,
    )
    return document, earlier, later


def test_a_version_in_force_carries_its_public_clauses_with_what_they_show(
    two_versions, django_assert_num_queries
):
    document, earlier, later = two_versions
    # Versions, clauses, their categories, reviewed categories, the clause carried over.
    with django_assert_num_queries(5):
        ((in_force,),) = versions_in_force_on([document], [datetime.date(2025, 6, 1)])
        shown = [
            (c.category.name, c.section, c.text, c.carried_over_note)
            for c in in_force.public_clauses
        ]

    assert in_force.pk == later.pk
    carried = f"carried over from version {earlier.effective_display}"
    assert shown == [
        ("Governing law", "§9", "Law of California.", None),
        ("No competing models", "", "No models.", carried),
    ]


def test_no_query_for_carried_over_clauses_when_none_is(two_versions, django_assert_num_queries):
    document, earlier, _ = two_versions
    with django_assert_num_queries(4):
        ((in_force,),) = versions_in_force_on([document], [datetime.date(2024, 6, 1)])
        notes = [clause.carried_over_note for clause in in_force.public_clauses]

    assert in_force.pk == earlier.pk
    assert notes == [None]


def test_clauses_of_one_category_share_one_category_object():
    category = ClauseCategoryFactory()
    documents = [TermsDocumentFactory() for _ in range(3)]
    for document in documents:
        ClauseFactory(
            version__document=document,
            version__effective_from=datetime.date(2024, 1, 1),
            category=category,
        )

    (versions,) = versions_in_force_on(documents, [datetime.date(2024, 6, 1)])

    categories = {id(clause.category) for v in versions for clause in v.public_clauses}
    assert len(categories) == 1
