"""A version's clauses in the API are built by ``VersionClauseSerializer`` itself, not by
DRF's loop over its fields (a page of versions lists 500 clauses). These tests hold its
answer, key for key and in order, to the generic path's for any clause: empty texts,
carried-over notes, hand-entered and imported versions, with a request and without."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIRequestFactory

from casebook.api.serializers import ClauseSerializer, VersionClauseSerializer
from casebook.records.models import Clause, Verification
from casebook.records.selectors.lists import terms_version_rows
from tests.factories import ClauseCategoryFactory, ClauseFactory, TermsVersionFactory
from tests.records.test_versions_in_force import HAND_ENTERED, IMPORTED

pytestmark = pytest.mark.django_db

TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)
VERSIONS = HAND_ENTERED | IMPORTED
CLAUSES = st.fixed_dictionaries(
    {
        "section": TEXTS,
        "text": TEXTS.filter(bool),
        "notes": TEXTS,
        "verification": st.sampled_from(Verification.values),
        "carried_over": st.booleans(),
        "category": st.sampled_from(["no-competing-models", "governing-law", "a-b-c"]),
    }
)


def both_ways(clause: Clause, context: dict) -> tuple[list, list]:
    """The clause as the serializer builds it, and as DRF's generic path does."""
    serializer = VersionClauseSerializer(context=context)
    built = serializer.to_representation(clause)
    generic = super(ClauseSerializer, serializer).to_representation(clause)
    return list(built.items()), list(generic.items())


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    version_spec=VERSIONS,
    specs=st.lists(CLAUSES, min_size=1, max_size=3),
    with_request=st.booleans(),
)
def test_the_built_clause_is_the_generic_one(version_spec, specs, with_request):
    version = TermsVersionFactory(**version_spec)
    earlier = ClauseFactory(
        version__document=version.document,
        version__effective_from=datetime.date(2019, 1, 1),
        category=ClauseCategoryFactory(slug="earlier"),
    )
    for spec in specs:
        carried_over = spec.pop("carried_over")
        category = ClauseCategoryFactory(slug=spec.pop("category"))
        Clause.objects.filter(version=version, category=category).delete()
        ClauseFactory(
            version=version,
            category=category,
            carried_over_from=earlier if carried_over else None,
            **spec,
        )
    request = APIRequestFactory().get("/api/v1/terms-versions/") if with_request else None
    read_back = terms_version_rows().get(pk=version.pk)

    for clause in read_back.clauses.all():
        built, generic = both_ways(clause, {"request": request})
        assert built == generic
