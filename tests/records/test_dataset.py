"""The dataset loader and exporter: all-or-nothing loads, clear errors, exact round trips."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from casebook.records.dataset import DatasetError, dumps, export_dataset, load_dataset
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Capability,
    Case,
    CaseParty,
    Citation,
    Clause,
    ClauseCategory,
    DatePrecision,
    Event,
    Guidance,
    Holding,
    LegalTheory,
    Party,
    Settlement,
    Source,
    Technique,
    TermsDocument,
    TermsVersion,
    Topic,
)
from tests.records.dataset_sample import sample_dataset

ALL_MODELS = [
    Capability,
    Technique,
    LegalTheory,
    ClauseCategory,
    Topic,
    Party,
    Source,
    Citation,
    TermsDocument,
    TermsVersion,
    Clause,
    Allegation,
    AccusedParty,
    Case,
    CaseParty,
    Settlement,
    Guidance,
    Holding,
    Event,
]


def row_count() -> int:
    return sum(model.objects.count() for model in ALL_MODELS)


@pytest.fixture
def dataset():
    """A small dataset touching every section and every kind of link."""
    return sample_dataset()


@pytest.mark.django_db
class TestLoad:
    def test_loads_every_section_with_its_links(self, dataset):
        report = load_dataset(dataset)

        allegation = Allegation.objects.get(slug="the-allegation")
        assert allegation.accuser.slug == "accuser"
        assert allegation.exchanges == 16_000_000
        assert allegation.breached_clause.section == "2(c)"
        accused = allegation.accused.get()
        assert accused.party.slug == "accused"
        assert list(accused.capabilities.values_list("slug", flat=True)) == ["agentic-coding"]
        assert Guidance.objects.get(slug="old-guidance").superseded_by.slug == "new-guidance"
        holdings = Guidance.objects.get(slug="new-guidance").holdings.all()
        assert [h.position for h in holdings] == [0, 1]
        assert Event.objects.get(slug="hearing").date_precision == DatePrecision.MONTH
        assert Settlement.objects.get().amount == 1_500_000_000
        assert Citation.objects.count() == 8
        assert Allegation.objects.get().published_at is not None
        assert report.changed == [] and report.deleted == []
        assert len(report.created) == row_count() - len(dataset["vocabularies"]) * 0

    def test_second_load_changes_nothing_and_adds_no_history(self, dataset):
        load_dataset(dataset)
        history_rows = Allegation.history.count() + Citation.history.count()
        before = export_dataset()

        report = load_dataset(dataset)

        assert report.created == report.changed == report.deleted == []
        assert Allegation.history.count() + Citation.history.count() == history_rows
        assert export_dataset() == before

    def test_a_changed_value_updates_the_row_and_a_dropped_child_is_deleted(self, dataset):
        load_dataset(dataset)
        dataset["allegations"][0]["exchanges"] = 17_000_000
        dataset["cases"][0]["parties"].pop()

        report = load_dataset(dataset)

        assert Allegation.objects.get().exchanges == 17_000_000
        assert "allegations[the-allegation]" in report.changed
        assert CaseParty.objects.count() == 1
        assert len(report.deleted) == 1

    def test_dry_run_reports_but_writes_nothing(self, dataset):
        report = load_dataset(dataset, dry_run=True)

        assert "allegations[the-allegation]" in report.created
        assert row_count() == 0

    def test_history_records_the_loading_user(self, dataset, make_staff):
        user = make_staff("Editors", "importer")
        load_dataset(dataset, user=user)
        assert {h.history_user for h in Allegation.history.all()} == {user}


BAD_INPUTS = [
    pytest.param(
        lambda d: d["allegations"][0].pop("made_on"),
        "allegations[the-allegation].made_on: is required",
        id="missing-required-field",
    ),
    pytest.param(
        lambda d: d["allegations"][0]["accused"][0].update(party="nobody"),
        "allegations[the-allegation].accused[nobody].party: unknown party 'nobody'",
        id="unknown-party",
    ),
    pytest.param(
        lambda d: d["allegations"][0]["accused"][0].update(exchanges=-5),
        "allegations[the-allegation].accused[accused].exchanges: Ensure this value is greater "
        "than or equal to 0.",
        id="negative-figure",
    ),
    pytest.param(
        lambda d: d["allegations"][0].update(made_on="2026-02-30"),
        "allegations[the-allegation].made_on:",
        id="malformed-date",
    ),
    pytest.param(
        lambda d: d["parties"].append(copy.deepcopy(d["parties"][0])),
        "parties[accuser].slug: 'accuser' appears twice in parties",
        id="duplicate-slug",
    ),
    pytest.param(
        lambda d: d["allegations"][0]["accused"][0]["capabilities"].append("telepathy"),
        "allegations[the-allegation].accused[accused].capabilities: unknown capability 'telepathy'",
        id="unknown-vocabulary-term",
    ),
    pytest.param(
        lambda d: d["settlements"][0].update(final_approval_on="2025-09-01"),
        "settlements[a-settlement].final_approval_on: Final approval cannot come before "
        "preliminary approval.",
        id="dates-out-of-order",
    ),
    pytest.param(
        lambda d: d["parties"][0].update(kind="alien"),
        "parties[accuser].kind: Value 'alien' is not a valid choice.",
        id="unknown-choice",
    ),
    pytest.param(
        lambda d: d["sources"][0].update(titel="typo"),
        "sources[post].titel: is not a field of this record (misspelt?)",
        id="unknown-key",
    ),
    pytest.param(
        lambda d: d["settlements"][0].update(amount=1.5e9),
        "settlements[a-settlement].amount: write money as a string",
        id="money-as-float",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("spoil", "message"), BAD_INPUTS)
def test_bad_input_names_record_and_field_and_writes_nothing(dataset, spoil, message):
    spoil(dataset)

    with pytest.raises(DatasetError) as caught:
        load_dataset(dataset)

    assert any(error.startswith(message) for error in caught.value.errors), caught.value.errors
    assert row_count() == 0


@pytest.mark.django_db
def test_bad_input_leaves_an_earlier_load_untouched(dataset):
    load_dataset(dataset)
    before = dumps(export_dataset())
    dataset["allegations"][0]["title"] = "Changed title"
    dataset["allegations"][0]["accused"][0]["exchanges"] = -1

    with pytest.raises(DatasetError):
        load_dataset(dataset)

    assert dumps(export_dataset()) == before


@pytest.mark.django_db
def test_not_json_is_a_clear_command_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")

    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_casebook", str(path))


@pytest.mark.django_db
def test_export_load_export_is_byte_identical(dataset, tmp_path, django_db_blocker):
    load_dataset(dataset)
    first = tmp_path / "first.json"
    call_command("export_casebook", str(first))

    for model in reversed(ALL_MODELS):
        model.objects.all().delete()
    assert row_count() == 0
    call_command("load_casebook", str(first))
    second = tmp_path / "second.json"
    call_command("export_casebook", str(second))

    assert first.read_bytes() == second.read_bytes()
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert exported["allegations"][0]["accused"][0]["party"] == "accused"


@pytest.mark.django_db
def test_public_export_leaves_out_drafts_and_links_to_them(dataset):
    dataset["parties"][1]["editorial_status"] = "in_review"  # the accused party
    load_dataset(dataset)

    public = export_dataset(public_only=True)
    text = dumps(public)

    assert "Accused Lab" not in text
    assert "An Office" not in text
    assert public["guidance"] == []
    assert public["allegations"][0]["accused"] == []
    assert [p["party"] for p in public["cases"][0]["parties"]] == ["accuser"]


@pytest.fixture
def dataset_file(dataset, tmp_path):
    def write(data=dataset):
        path = tmp_path / "import.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return str(path)

    return write


@pytest.mark.django_db
class TestImportCommand:
    def test_dry_run_lists_what_would_change_and_writes_nothing(
        self, dataset, dataset_file, make_staff, capsys
    ):
        make_staff("Editors", "ana")
        load_dataset(dataset)
        dataset["allegations"][0]["title"] = "A new title"
        dataset["parties"].append({"slug": "newcomer", "name": "Newcomer", "kind": "company"})

        call_command("import_casebook", dataset_file(), "--user", "ana", "--dry-run")

        out = capsys.readouterr().out
        assert "create    parties[newcomer]" in out
        assert "change    allegations[the-allegation]" in out
        assert "unchanged parties[accuser]" in out
        assert "Dry run, nothing written" in out
        assert not Party.objects.filter(slug="newcomer").exists()
        assert Allegation.objects.get().title == "Accuser accuses Accused"

    def test_one_bad_record_among_good_ones_imports_nothing(
        self, dataset, dataset_file, make_staff
    ):
        make_staff("Editors", "ana")
        dataset["events"].append(
            {"slug": "bad-event", "date": "someday", "kind": "hearing", "headline": "Bad"}
        )

        with pytest.raises(CommandError) as caught:
            call_command("import_casebook", dataset_file(), "--user", "ana")

        assert "events[bad-event].date:" in str(caught.value)
        assert "Nothing was imported" in str(caught.value)
        assert row_count() == 0

    def test_changes_are_recorded_under_the_importing_user(self, dataset_file, make_staff):
        ana = make_staff("Editors", "ana")

        call_command("import_casebook", dataset_file(), "--user", "ana")

        assert Allegation.objects.count() == 1
        assert {h.history_user for h in Allegation.history.all()} == {ana}
        assert {h.history_user for h in Citation.history.all()} == {ana}

    def test_an_unknown_or_non_staff_user_is_refused(self, dataset_file, django_user_model):
        django_user_model.objects.create(username="reader", is_staff=False)

        with pytest.raises(CommandError, match="No active staff user named 'reader'"):
            call_command("import_casebook", dataset_file(), "--user", "reader")
        assert row_count() == 0
