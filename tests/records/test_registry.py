"""Tests of the record-type registry: one declaration per public record type."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import get_resolver, reverse

from casebook.records.dataset.format import SPECS
from casebook.records.models import RECORD_MODELS, EditorialStatus, PublishableModel, TermsVersion
from casebook.records.registry import (
    RECORD_TYPES,
    RECORD_TYPES_BY_RANK,
    TIMELINE_RECORD_TYPES,
    UnknownRecordType,
    record_type,
    record_type_of,
)
from casebook.records.searchindex import SEARCH_SPECS
from casebook.records.selectors.timelinebranches import BRANCHES, HEADLINE_SUFFIXES
from casebook.records.selectors.timelineentries import LOADERS
from tests import factories

NOT_PUBLIC = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]


def _factory(model: type[PublishableModel]):
    return getattr(factories, f"{model.__name__}Factory")


@pytest.mark.parametrize("declared", RECORD_TYPES, ids=lambda t: t.name)
def test_every_type_resolves_both_ways(declared):
    assert record_type(declared.name) is declared
    assert record_type_of(declared.model) is declared
    assert record_type_of(declared.model()) is declared


def test_the_dataset_order_lists_the_same_models():
    assert set(RECORD_MODELS) == {t.model for t in RECORD_TYPES}
    assert len(RECORD_MODELS) == len(RECORD_TYPES)


def test_names_models_and_ranks_are_unique():
    assert len({t.name for t in RECORD_TYPES}) == len(RECORD_TYPES)
    assert len({t.model for t in RECORD_TYPES}) == len(RECORD_TYPES)
    assert sorted(t.rank for t in RECORD_TYPES) == list(range(len(RECORD_TYPES)))
    assert {t.name for t in RECORD_TYPES_BY_RANK} == {t.name for t in RECORD_TYPES}


@pytest.mark.parametrize("name", ["terms_document", "termsdocument", "Terms", "", None, 3])
def test_unknown_names_raise(name):
    with pytest.raises(UnknownRecordType, match="No public record type"):
        record_type(name)


def test_unknown_models_raise_a_lookup_error():
    with pytest.raises(LookupError, match="TermsVersion is not a public record type"):
        record_type_of(TermsVersion)
    with pytest.raises(UnknownRecordType):
        record_type_of(TermsVersion())


@pytest.mark.django_db
@pytest.mark.parametrize("declared", RECORD_TYPES, ids=lambda t: t.name)
def test_public_rows_hide_draft_in_review_and_retracted(declared):
    factory = _factory(declared.model)
    shown = factory()
    hidden = [factory(editorial_status=status) for status in NOT_PUBLIC]
    public = set(declared.public())
    assert shown in public
    assert not public & set(hidden)


def test_the_registry_covers_every_model_with_a_public_page():
    with_pages = {
        model
        for model in apps.get_app_config("records").get_models()
        if getattr(model, "portal_url_name", "")
    }
    assert with_pages == {t.model for t in RECORD_TYPES}
    portal = get_resolver().namespace_dict["portal"][1]
    detail_names = {
        f"portal:{name}"
        for name in portal.reverse_dict
        if isinstance(name, str) and name.endswith("_detail")
    }
    assert detail_names == {t.detail_url_name for t in RECORD_TYPES}
    for declared in RECORD_TYPES:
        assert declared.model.portal_url_name == declared.detail_url_name


@pytest.mark.parametrize("declared", RECORD_TYPES, ids=lambda t: t.name)
def test_names_and_paths_are_those_of_the_urls(declared):
    assert reverse(declared.list_url_name) == f"/{declared.path}/"
    assert reverse(declared.detail_url_name, args=["x"]) == f"/{declared.path}/x/"
    assert reverse(f"api:{declared.name}-list") == f"/api/v1/{declared.path}/"


@pytest.mark.parametrize("declared", RECORD_TYPES, ids=lambda t: t.name)
def test_declared_fields_exist(declared):
    for name in declared.search_title_fields + declared.search_body_fields:
        declared.model._meta.get_field(name)
    for lookup in declared.timeline_dates:
        model, *relations, name = [declared.model, *lookup.split("__")]
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        assert isinstance(model._meta.get_field(name), models.DateField)


def test_timeline_types_are_the_dated_types_by_rank():
    dated = ("allegation", "case", "settlement", "guidance", "terms", "event")
    assert dated == TIMELINE_RECORD_TYPES
    assert record_type("terms").label == "Terms document"
    assert record_type("guidance").label == "Guidance"


def test_search_reads_each_type_as_declared():
    assert list(SEARCH_SPECS) == [t.name for t in RECORD_TYPES]
    for declared in RECORD_TYPES:
        spec = SEARCH_SPECS[declared.name]
        assert spec.model is declared.model
        assert spec.title_fields == declared.search_title_fields
        assert spec.body_fields == declared.search_body_fields


def test_the_timeline_has_a_branch_and_a_loader_per_dated_type():
    assert tuple(BRANCHES) == TIMELINE_RECORD_TYPES
    assert tuple(LOADERS) == TIMELINE_RECORD_TYPES


def test_every_headline_suffix_is_of_a_declared_date():
    declared_dates = {field for t in RECORD_TYPES for field in t.timeline_dates}
    assert set(HEADLINE_SUFFIXES) <= declared_dates
    assert {"filed_on", *record_type("settlement").timeline_dates} <= set(HEADLINE_SUFFIXES)


def test_search_tiers_follow_the_ranks():
    tiers = {name: spec.tier for name, spec in SEARCH_SPECS.items()}
    main = {t.name for t in RECORD_TYPES if t.rank < record_type("party").rank}
    assert main == {"allegation", "case", "settlement", "guidance", "terms"}
    assert {name for name, tier in tiers.items() if tier == 0} == main
    assert (tiers["party"], tiers["event"], tiers["source"]) == (1, 2, 3)


def test_the_dataset_file_lists_every_type_in_the_order_of_record_models():
    # The file's sections keep their own keys and their order (a record's links point
    # back to sections before it), so SPECS stays a listing, pinned here.
    assert tuple(spec.model for spec in SPECS) == RECORD_MODELS
    assert {spec.key for spec in SPECS} == {
        "terms_documents" if t.name == "terms" else t.path for t in RECORD_TYPES
    }
