"""The search index follows every way a text changes: admin forms as rendered, the workflow,
related rows (accused rows, holdings, clauses, vocabulary), deletions; on SQLite and PostgreSQL."""

import io

import pytest
from django.core.management import call_command

from casebook.records import searchindex, selectors
from casebook.records.models import EditorialStatus, Source
from casebook.records.search_models import SearchEntry
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    ClauseFactory,
    EventFactory,
    HoldingFactory,
    SettlementFactory,
    SourceFactory,
)
from tests.records.admin_pages import assert_saved, change_form, change_url, workflow_form

pytestmark = pytest.mark.django_db


def found(query: str) -> list:
    return [h.record for h in selectors.search_records(query).hits]


def entries() -> set[tuple]:
    return set(SearchEntry.objects.values_list("record_type", "record_id", "title", "body"))


def test_an_accused_row_edited_in_the_admin_form_is_searched_at_once(admin_app):
    row = AccusedPartyFactory(conduct="Harvested outputs through resellers.")
    form = change_form(admin_app, row.allegation)
    form["accused-0-conduct"] = "Used the model as a quokka grader."

    assert_saved(form.submit())

    assert found("quokka grader") == [row.allegation]
    assert found("resellers") == []


def test_a_record_retracted_with_the_workflow_button_leaves_the_results(admin_app):
    allegation = AllegationFactory(title="Quokka extraction campaign")
    assert found("quokka") == [allegation]

    retract = workflow_form(admin_app.get(change_url(allegation)), "retract")
    retract["text"] = "Withdrawn by the accuser."
    retract.submit()

    allegation.refresh_from_db()
    assert allegation.editorial_status == EditorialStatus.RETRACTED
    assert found("quokka") == []
    assert selectors.search_records("quokka").counts["allegation"] == 0


def test_holdings_clauses_and_capabilities_are_searched_under_their_record():
    holding = HoldingFactory(proposition="Wombat outputs are not copyrightable.")
    clause = ClauseFactory(text="You may not use wallaby outputs.")
    row = AccusedPartyFactory()
    capability = CapabilityFactory(name="Numbat reasoning")
    row.capabilities.add(capability)

    assert found("wombat") == [holding.guidance]
    assert found("wallaby") == [clause.version.document]
    assert found("numbat") == [row.allegation]

    capability.name = "Bilby reasoning"
    capability.save()
    row.capabilities.remove(capability)
    clause.delete()
    holding.proposition = "Prompts alone do not make an author."
    holding.save()

    assert found("numbat") == found("bilby") == found("wallaby") == found("wombat") == []


def test_a_renamed_capability_renames_its_allegations_entry():
    row = AccusedPartyFactory()
    capability = CapabilityFactory(name="Numbat reasoning")
    row.capabilities.add(capability)

    capability.name = "Bilby reasoning"
    capability.save()

    assert found("bilby") == [row.allegation]
    assert found("numbat") == []


def test_a_deleted_record_leaves_no_entry():
    source = SourceFactory(title="Quokka weekly")
    source.delete()

    assert not SearchEntry.objects.filter(record_type="source").exists()
    assert found("quokka") == []


def test_an_unpublished_party_takes_its_accused_row_text_out_then_back():
    row = AccusedPartyFactory(conduct="Quokka harvesting.")
    row.party.editorial_status = EditorialStatus.IN_REVIEW
    row.party.save()
    assert found("quokka") == []

    row.party.editorial_status = EditorialStatus.PUBLISHED
    row.party.save()
    assert found("quokka") == [row.allegation]


def test_the_index_kept_by_signals_equals_a_full_rebuild():
    AccusedPartyFactory(conduct="Quokka harvesting.").capabilities.add(CapabilityFactory())
    HoldingFactory()
    ClauseFactory()
    EventFactory()
    SettlementFactory()
    kept = entries()

    assert searchindex.rebuild_search_index() == len(kept)
    assert entries() == kept


def test_the_rebuild_command_restores_rows_changed_outside_the_models():
    source = SourceFactory(title="Quokka weekly")
    Source.objects.filter(pk=source.pk).update(title="Wombat weekly")  # no signal
    out = io.StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert found("wombat") == [source]
    assert found("quokka") == []
    assert "Indexed 1 records" in out.getvalue()
