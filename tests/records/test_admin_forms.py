"""Every change page with inline rows, saved as the page renders it (django-webtest).

Each page is opened with its inline rows present, then submitted unchanged (it must
be accepted and change nothing) and with one change on the record and one on an
inline row (both must persist).
"""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from casebook.records.models import (
    AccusedParty,
    CaseParty,
    Citation,
    Clause,
    Event,
    Holding,
    TermsVersion,
)
from tests import factories
from tests.records.admin_pages import CITATIONS, assert_saved, change_form

pytestmark = pytest.mark.django_db


@dataclass
class Page:
    """A record whose change page has inline rows, and one change per form to make."""

    record: Any
    field: str  # a field of the record's own form
    value: str
    inline: str  # the inline formset's prefix, e.g. "accused"
    inline_field: str
    inline_value: str
    inline_row: Any  # the row that inline form edits


def published_allegation() -> Page:
    allegation = factories.AllegationFactory(cite=False)
    factories.CitationFactory(record=allegation, pinpoint="p. 1")
    factories.CitationFactory(record=allegation, pinpoint="p. 2")
    factories.AccusedPartyFactory(allegation=allegation)
    second = factories.AccusedPartyFactory(allegation=allegation)
    factories.EventFactory(allegation=allegation)
    factories.EventFactory(allegation=allegation)
    return Page(
        allegation,
        "summary",
        "A clearer summary.",
        "accused",
        "conduct",
        "Querying the model at scale.",
        second,
    )


def terms_document_with_versions() -> Page:
    document = factories.TermsDocumentFactory()
    factories.TermsVersionFactory(document=document, label="2023")
    factories.TermsVersionFactory(
        document=document, label="2024", effective_from=datetime.date(2024, 6, 1)
    )
    factories.EventFactory(terms_document=document)
    version = document.versions.order_by("pk").first()
    return Page(document, "title", "Usage Policies", "versions", "label", "2023 edition", version)


def terms_version_with_clauses() -> Page:
    clause = factories.ClauseFactory()
    version = clause.version
    factories.ClauseFactory(
        version=version,
        section="3(a)",
        text="Do not reverse engineer.",
        category=factories.ClauseCategoryFactory(slug="no-reverse-engineering"),
    )
    return Page(version, "label", "March 2024", "clauses", "text", "Amended text.", clause)


def guidance_with_holdings() -> Page:
    guidance = factories.GuidanceFactory()
    holding = factories.HoldingFactory(guidance=guidance)
    factories.HoldingFactory(guidance=guidance, proposition="Expressive inputs can be protected.")
    factories.EventFactory(guidance=guidance)
    return Page(
        guidance, "summary", "What the office said.", "holdings", "pinpoint", "p. 18", holding
    )


def case_with_parties_and_events() -> Page:
    case = factories.CaseFactory()
    party = factories.CasePartyFactory(case=case)
    factories.CasePartyFactory(case=case, role=CaseParty.Role.DEFENDANT)
    factories.EventFactory(case=case)
    return Page(case, "docket_number", "3:24-cv-99999", "case_parties", "notes", "Lead.", party)


def settlement_with_events() -> Page:
    settlement = factories.SettlementFactory()
    factories.EventFactory(settlement=settlement)
    citation = settlement.citations.get()
    return Page(settlement, "title", "Renamed settlement", CITATIONS, "quote", "Q.", citation)


def row_field(form, page: Page) -> str:
    """The name of ``page.inline_field`` in the inline form that edits ``page.inline_row``."""
    total = int(form[f"{page.inline}-TOTAL_FORMS"].value)
    for index in range(total):
        if form[f"{page.inline}-{index}-id"].value == str(page.inline_row.pk):
            return f"{page.inline}-{index}-{page.inline_field}"
    raise AssertionError(f"no inline row for {page.inline_row!r}")


PAGES = [
    published_allegation,
    terms_document_with_versions,
    terms_version_with_clauses,
    guidance_with_holdings,
    case_with_parties_and_events,
    settlement_with_events,
]


def snapshot(record) -> dict:
    """Every column of the record and of its rows, to compare before and after a save."""
    record_row = type(record).objects.filter(pk=record.pk).values().get()
    rows = {"record": {k: v for k, v in record_row.items() if k != "updated_at"}}
    for model in (
        Citation,
        AccusedParty,
        Event,
        TermsVersion,
        Clause,
        Holding,
        CaseParty,
    ):
        rows[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items() if k != "updated_at"))
            for row in model.objects.values()
        )
    return rows


@pytest.mark.parametrize("build", PAGES, ids=lambda build: build.__name__)
def test_the_page_saves_unchanged(admin_app, build):
    page = build()
    form = change_form(admin_app, page.record)
    inline_prefixes = {key.rsplit("-", 2)[0] for key in form.fields if key.endswith("-id")}
    assert page.inline in inline_prefixes
    for prefix in inline_prefixes:  # every inline row carries its revision
        total = int(form[f"{prefix}-INITIAL_FORMS"].value)
        assert total >= 1, prefix
        assert all(form[f"{prefix}-{i}-loaded_revision"].value for i in range(total)), prefix
    before = snapshot(page.record)

    response = form.submit()

    assert_saved(response)
    assert snapshot(page.record) == before


@pytest.mark.parametrize("build", PAGES, ids=lambda build: build.__name__)
def test_the_page_saves_a_change_to_the_record_and_an_inline_row(admin_app, build):
    page = build()
    form = change_form(admin_app, page.record)
    form[page.field] = page.value
    form[row_field(form, page)] = page.inline_value

    response = form.submit()

    assert_saved(response)
    page.record.refresh_from_db()
    page.inline_row.refresh_from_db()
    assert getattr(page.record, page.field) == page.value
    assert getattr(page.inline_row, page.inline_field) == page.inline_value


@pytest.mark.parametrize("build", PAGES, ids=lambda build: build.__name__)
def test_the_page_saves_twice_in_a_row(admin_app, build):
    """The page the admin shows after a save holds fresh revisions: saving it again works."""
    page = build()
    form = change_form(admin_app, page.record)
    form[page.field] = page.value
    assert_saved(form.submit("_continue"))

    again = change_form(admin_app, page.record)
    again[row_field(again, page)] = page.inline_value
    assert_saved(again.submit("_continue"))

    page.inline_row.refresh_from_db()
    assert getattr(page.inline_row, page.inline_field) == page.inline_value


@pytest.mark.parametrize(
    "factory",
    [
        factories.ClauseFactory,
        factories.AccusedPartyFactory,
        factories.HoldingFactory,
        factories.CasePartyFactory,
        factories.CitationFactory,
    ],
    ids=lambda factory: factory._meta.model.__name__,
)
def test_a_child_row_page_saves_unchanged(admin_app, factory):
    row = factory()

    assert_saved(change_form(admin_app, row).submit())


@pytest.mark.parametrize("build", PAGES, ids=lambda build: build.__name__)
def test_an_unchanged_page_saved_after_someone_else_is_accepted_and_keeps_their_change(
    admin_app, build
):
    """Every field's value round-trips through the three-way merge: a stale but unchanged
    form finds no edit of its own, is accepted, and leaves the other editor's values."""
    page = build()
    colleague = factories.SuperUserFactory(username="colleague")
    mine = change_form(admin_app, page.record)
    theirs = change_form(admin_app, page.record, user=colleague)
    theirs[page.field] = page.value
    theirs[row_field(theirs, page)] = page.inline_value
    assert_saved(theirs.submit(user=colleague))
    after_their_save = snapshot(page.record)

    assert_saved(mine.submit())

    assert snapshot(page.record) == after_their_save


def change_marks(record) -> dict:
    """When each row last changed and how many revisions it has: what an unchanged save
    must leave alone (``updated_since``, ETags, the feed and *Recent changes* read them)."""
    marks = {"record": (type(record).objects.get(pk=record.pk).updated_at, record.history.count())}
    for model in (Citation, AccusedParty, Event, TermsVersion, Clause, Holding):
        for row in model.objects.all():
            marks[(model.__name__, row.pk)] = (
                getattr(row, "updated_at", None),
                row.history.count(),
            )
    return marks


@pytest.mark.parametrize("build", PAGES, ids=lambda build: build.__name__)
def test_an_unchanged_save_touches_no_row_and_writes_no_revision(admin_app, build):
    page = build()
    before = change_marks(page.record)

    assert_saved(change_form(admin_app, page.record).submit())

    assert change_marks(page.record) == before
