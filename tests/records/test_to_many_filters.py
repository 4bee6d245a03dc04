"""Every slug filter through a to-many relation: the rows of a join, without its cost.

A filter such as an allegation's ``topic`` or an event's ``party`` matches the rows
with any of the chosen values at the end of a to-many relation. It used to join the
relation and undo the repeated rows with ``DISTINCT`` over every column (64 ms of a
100,000-event count), and the join let PostgreSQL scan every event for a party's
few (issue #12). Now the rows' ids are read from the relation's own table, first
when the values are records, as a semi-join when they are vocabulary terms (see
``casebook.records.models.expressions.linked_to``).
Each test here tries every such filter of every filterset, with each value and
with all of them at once, against what the join gave.
"""

import pytest
from django.db import connection

from casebook.records.filters import (
    RECORD_FILTERSETS,
    AccusedPartyFilterSet,
    ClauseFilterSet,
    TermsVersionFilterSet,
)
from casebook.records.filters.fields import SlugMultipleChoiceFilter
from casebook.records.models import EditorialStatus, PublishableModel
from casebook.records.models.expressions import starts_to_many
from tests.portal.conftest import build_world
from tests.querycounts.worlds import world_extras

pytestmark = pytest.mark.django_db

FILTERSETS = [
    *RECORD_FILTERSETS.values(),
    AccusedPartyFilterSet,
    ClauseFilterSet,
    TermsVersionFilterSet,
]


def to_many_filters():
    """(filterset, parameter, relation) of every plain slug filter through a to-many
    relation (checked below: none reaches one after a to-one relation)."""
    found = []
    for filterset in FILTERSETS:
        model = filterset._meta.model
        for name, declared in filterset.base_filters.items():
            if not isinstance(declared, SlugMultipleChoiceFilter) or declared.method:
                continue
            relation = declared.field_name.removesuffix("__slug")
            if starts_to_many(model, relation):
                found.append(pytest.param(filterset, name, relation, id=f"{model.__name__}.{name}"))
    return found


TO_MANY = to_many_filters()


def test_no_filter_reaches_a_to_many_relation_after_a_to_one():
    """``linked_to`` reads from the first relation's table: a to-many relation later in
    a path (``version__clauses``) would be joined again, with its repeated rows."""
    for filterset in FILTERSETS:
        for name, declared in filterset.base_filters.items():
            if not isinstance(declared, SlugMultipleChoiceFilter) or declared.method:
                continue
            model = filterset._meta.model
            first, *rest = declared.field_name.removesuffix("__slug").split("__")
            model = model._meta.get_field(first).related_model
            for part in rest:
                field = model._meta.get_field(part)
                if not starts_to_many(filterset._meta.model, first):
                    assert not (field.many_to_many or field.one_to_many), (filterset, name)
                model = field.related_model


def test_the_filters_through_to_many_relations_are_found():
    names = {param.id for param in TO_MANY}
    assert {"Allegation.topic", "Allegation.accused", "Event.party", "Event.topic"} <= names
    assert "Allegation.accuser" not in names  # one accuser: a plain column


@pytest.fixture
def world() -> None:
    for n in range(3):
        world_extras(build_world(n), n)
    build_world(9, status=EditorialStatus.DRAFT, mark="draft")


@pytest.mark.parametrize(("filterset", "parameter", "relation"), TO_MANY)
def test_a_to_many_filter_matches_what_the_join_matched(world, filterset, parameter, relation):
    model = filterset._meta.model
    declared = filterset.base_filters[parameter]
    choices = list(declared.queryset.values_list("slug", flat=True)[:4])
    assert choices, "the world has something to choose"
    tried = [[slug] for slug in choices] + [choices]
    for chosen in tried:
        filtered = filterset({parameter: chosen}, queryset=model._default_manager.all())
        assert filtered.is_valid(), filtered.errors
        sql = str(filtered.qs.query)
        assert "DISTINCT" not in sql, sql
        # A record's few rows are read first; a vocabulary term's many are a semi-join.
        read_first = issubclass(declared.queryset.model, PublishableModel)
        if connection.vendor == "postgresql":
            assert ("= ANY(ARRAY(SELECT" in sql) == read_first, sql
        values = declared.queryset.filter(slug__in=chosen)
        joined = model._default_manager.filter(**{f"{relation}__in": values}).distinct()
        assert sorted(filtered.qs.values_list("pk", flat=True)) == sorted(
            joined.values_list("pk", flat=True)
        )
    # The world is what the test means: some value matches rows.
    matched = [
        filterset({parameter: [slug]}, queryset=model._default_manager.all()).qs.count()
        for slug in choices
    ]
    assert any(matched), (parameter, matched)
