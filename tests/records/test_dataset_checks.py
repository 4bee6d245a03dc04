"""Hostile dataset files: every problem listed in plain words, by record and field.

Each test tries several inputs of one kind of fault: wrong JSON types, rules
the database enforces as constraints, broken files, records the workflow would
not publish, and a bad last record that must fail before anything is written.
"""

import copy
import io
import json
import re
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from casebook.records.dataset import (
    MAX_DEPTH,
    DatasetError,
    check_dataset,
    dumps,
    export_dataset,
    load_dataset,
    parse_bytes,
    read_file,
)
from casebook.records.models import RECORD_MODELS, Allegation, Citation, EditorialStatus, Party
from casebook.records.services import CONSTRAINT_MESSAGES
from tests.records.dataset_sample import cite, sample_dataset

pytestmark = pytest.mark.django_db

#: An error line: where (section, record in brackets, fields) then what, in words.
ERROR_LINE = re.compile(
    r"^[a-z_]+(\.[a-z_]+)?(\[[^\]\n]+\])?(\.[a-z_]+(\[[^\]\n]+\])?)*: \S[^\n]*$"
)

#: Where an error can be: a section of the file (a key the fuzzer adds is named as it is).
SECTIONS = {"vocabularies", "parties", "sources", "terms_documents", "allegations", "cases"}
SECTIONS |= {"settlements", "guidance", "events"}

FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def problems(data) -> list[str]:
    """The errors ``check_dataset`` reports for ``data`` (failing the test if there are none)."""
    with pytest.raises(DatasetError) as caught:
        check_dataset(data)
    for line in caught.value.errors:
        assert ERROR_LINE.match(line), line
        assert "Constraint" not in line and "violated" not in line, line
    return caught.value.errors


def write_queries(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


# --------------------------------------------------------------------------
# Plain words for every constraint
# --------------------------------------------------------------------------


def test_every_constraint_of_every_model_has_plain_words():
    names = {
        constraint.name
        for model in apps.get_app_config("records").get_models()
        for constraint in model._meta.constraints
    }
    assert names - set(CONSTRAINT_MESSAGES) == set()


CONSTRAINT_BREAKS = [
    pytest.param(
        lambda d: d["allegations"][0].update(conduct_start="2025-06-01", conduct_end="2025-01-01"),
        "allegations[the-allegation].conduct_end: The alleged conduct cannot end before it begins.",
        id="conduct-period",
    ),
    pytest.param(
        lambda d: d["events"][0].update(allegation="the-allegation"),
        "events[hearing].case: An event belongs to at most one record",
        id="event-two-records",
    ),
    pytest.param(
        lambda d: d["guidance"][0].update(superseded_by="new-guidance"),
        "guidance[new-guidance].superseded_by: A document cannot be superseded by itself.",
        id="guidance-superseded-by-itself",
    ),
    pytest.param(
        lambda d: d["allegations"][0]["accused"].append({"party": "accused"}),
        "allegations[the-allegation].accused[accused].party: This party is already accused",
        id="accused-twice",
    ),
    pytest.param(
        lambda d: d["terms_documents"][0]["versions"][0]["clauses"].append(
            {"category": "no-competing-models", "text": "Other words."}
        ),
        "terms_documents[accuser-terms].versions[2024-01-31].clauses[no-competing-models]"
        ".category: The version already has a clause in this category.",
        id="clause-category-twice",
    ),
    pytest.param(
        lambda d: d["terms_documents"][0]["versions"].append({"effective_from": "2024-01-31"}),
        "terms_documents[accuser-terms].versions[2024-01-31].effective_from: The document "
        "already has a version with this effective date.",
        id="version-date-twice",
    ),
    pytest.param(
        lambda d: d["cases"].append(
            {**copy.deepcopy(d["cases"][0]), "slug": "same-docket", "parties": []}
        ),
        "cases[same-docket].docket_number: The court already has a case with this docket number.",
        id="docket-twice",
    ),
    pytest.param(
        lambda d: d["cases"][0]["parties"].append({"party": "accuser", "role": "plaintiff"}),
        "cases[a-case].parties[accuser/plaintiff].role: This party already has this role",
        id="case-role-twice",
    ),
    pytest.param(
        lambda d: d["parties"][0]["citations"].append(cite()[0]),
        "parties[accuser].citations[post].pinpoint: The record already cites this source",
        id="citation-twice",
    ),
    pytest.param(
        lambda d: d["vocabularies"]["topics"].append({"slug": "other", "name": "Distillation"}),
        "vocabularies.topics[other].name: Another topic already has this name.",
        id="vocabulary-name-twice",
    ),
]


@pytest.mark.parametrize(("spoil", "message"), CONSTRAINT_BREAKS)
def test_a_broken_constraint_is_named_in_plain_words_by_record_and_field(spoil, message):
    data = sample_dataset()
    spoil(data)

    errors = problems(data)

    assert any(line.startswith(message) for line in errors), errors


def test_uniqueness_counts_rows_already_in_the_database():
    load_dataset(sample_dataset())
    data = sample_dataset()
    data["cases"] = [{**data["cases"][0], "slug": "another-case", "parties": []}]
    data["events"] = []
    data["settlements"] = []

    errors = problems(data)

    assert errors == [
        "cases[another-case].docket_number: The court already has a case with this docket "
        "number. (cases[a-case] has it too)"
    ]


def test_every_problem_of_one_record_is_listed_not_only_the_first():
    data = sample_dataset()
    data["allegations"][0].update(
        title=42,
        made_on="23/02/2026",
        conduct_start="2025-06-01",
        conduct_end="2025-01-01",
        accuser="nobody",
        topics="distillation",
        venue="podcast",
        colour="red",
    )
    data["allegations"][0]["accused"][0].update(exchanges="13000000", party="nobody-else")

    errors = problems(data)

    where = sorted(line.split(":", 1)[0] for line in errors)
    assert where == [
        "allegations[the-allegation].accused[nobody-else].exchanges",
        "allegations[the-allegation].accused[nobody-else].party",
        "allegations[the-allegation].accuser",
        "allegations[the-allegation].colour",
        "allegations[the-allegation].conduct_end",
        "allegations[the-allegation].made_on",
        "allegations[the-allegation].title",
        "allegations[the-allegation].topics",
        "allegations[the-allegation].venue",
    ]


# --------------------------------------------------------------------------
# Wrong types are errors, never coerced
# --------------------------------------------------------------------------

WRONG_TYPES = [
    ("allegations", "title", 5, "must be text, not the number 5"),
    ("allegations", "title", ["a"], "must be text, not a list"),
    ("allegations", "summary", {"a": 1}, "must be text, not an object"),
    ("allegations", "accounts", True, "must be a whole number, not true"),
    ("allegations", "accounts", "24000", "must be a whole number, not text"),
    ("allegations", "accounts", 24000.5, "must be a whole number, not the number 24000.5"),
    ("allegations", "made_on", 20260223, 'must be a date written "YYYY-MM-DD"'),
    ("allegations", "made_on", "20260223", 'must be a date written "YYYY-MM-DD"'),
    ("allegations", "topics", "distillation", "must be a list of topics (slugs), not text"),
    ("allegations", "accuser", ["accuser"], "must be the slug of a party (text), not a list"),
    ("allegations", "accused", {"party": "accused"}, "must be a list of objects, not an object"),
    ("allegations", "breached_clause", ["x"], "must be null or"),
    ("allegations", "editorial_status", None, "must not be null"),
    ("allegations", "citations", "post", "must be a list of objects, not text"),
    ("parties", "aliases", "AL", "must be a list of text, not text"),
    ("parties", "aliases", [1], "must be a list of text, not a list"),
    ("parties", "country", False, "must be text, not false"),
    ("settlements", "amount", 1500000000, 'write money as a string, e.g. "1500000000.00"'),
    ("settlements", "amount", "1.5e9", 'must be an amount written like "1500000000.00"'),
    ("settlements", "unit_count", "482460", "must be a whole number, not text"),
]


@pytest.mark.parametrize(("section", "name", "value", "message"), WRONG_TYPES)
def test_a_value_of_the_wrong_type_is_an_error_not_coerced(section, name, value, message):
    data = sample_dataset()
    data[section][0][name] = value
    slug = data[section][0]["slug"]

    errors = problems(data)

    assert f"{section}[{slug}].{name}: {message}" in "\n".join(errors), errors


def _plain_fields():
    """(section, field, model field) of every plain field of the sample's top-level records."""
    from casebook.records.dataset import SPECS

    return [
        (spec.key, name, spec.model._meta.get_field(name)) for spec in SPECS for name in spec.fields
    ]


def _wrong_value(model_field: models.Field):
    """Values of every JSON type except the one ``model_field`` takes."""
    text = st.text(max_size=5)
    if isinstance(model_field, models.JSONField):
        right = lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)  # noqa: E731
    elif isinstance(model_field, models.IntegerField):
        right = lambda v: isinstance(v, int) and not isinstance(v, bool)  # noqa: E731
    else:
        right = lambda v: isinstance(v, str)  # noqa: E731
    anything = st.one_of(
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        text,
        st.lists(st.one_of(st.integers(), text), min_size=1, max_size=2),
        st.dictionaries(text, st.integers(), max_size=2),
    )
    return anything.filter(lambda v: not right(v))


@FUZZ
@given(data=st.data())
def test_any_wrong_json_type_in_any_field_is_reported_at_that_field(data):
    section, name, model_field = data.draw(st.sampled_from(_plain_fields()))
    value = data.draw(_wrong_value(model_field))
    dataset = sample_dataset()
    dataset[section][0][name] = value
    slug = dataset[section][0]["slug"]

    errors = problems(dataset)

    assert any(line.startswith(f"{section}[{slug}].{name}: ") for line in errors), errors


@pytest.mark.parametrize(
    "text", ["a\x00b", "Title\x1d", "\x07bell", "bad\x85", "half \ud800 pair", "\uffff"]
)
def test_text_with_characters_no_format_can_carry_is_refused(text):
    data = sample_dataset()
    data["sources"][0]["title"] = text
    data["parties"][0]["aliases"] = [text]

    errors = problems(data)

    assert [line.split(":", 1)[0] for line in errors] == [
        "parties[accuser].aliases",
        "sources[post].title",
    ]
    assert all("control character" in line for line in errors)


@FUZZ
@given(data=st.data())
def test_a_randomly_mutated_file_loads_or_lists_its_problems_never_crashes(data):
    """Drop keys, replace values with any JSON: the loader answers only with DatasetError."""
    dataset = sample_dataset()
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
        ),
        max_leaves=6,
    )
    for _ in range(data.draw(st.integers(1, 4))):
        section = data.draw(
            st.sampled_from([k for k, v in dataset.items() if isinstance(v, list) and v])
        )
        record = dataset[section][0]
        key = data.draw(st.sampled_from(sorted(record)))
        if data.draw(st.booleans()):
            record.pop(key)
        else:
            record[key] = data.draw(json_values)
    try:
        load_dataset(dataset, dry_run=True)
    except DatasetError as exc:
        assert exc.errors
        for line in exc.errors:
            assert "\n" not in line and "Constraint" not in line, line
            section = re.split(r"[.\[:]", line, maxsplit=1)[0]
            assert section in SECTIONS or line.startswith("expected"), line
            assert ": " in line, line
    assert Allegation.objects.count() == 0  # a dry run writes nothing


# --------------------------------------------------------------------------
# Files that are not a dataset at all
# --------------------------------------------------------------------------

BROKEN_FILES = [
    pytest.param(b"", "the file is empty", id="empty"),
    pytest.param(b" \n\t\n", "the file is empty", id="blank"),
    pytest.param(
        b'{"format": "casebook\xff-dataset"}', "is not UTF-8 text (byte 0xff", id="latin-1"
    ),
    pytest.param("{}".encode("utf-16"), "is not UTF-8 text", id="utf-16"),
    pytest.param(b'{"format":\x00 1}', "holds a NUL byte (line 1)", id="nul-byte"),
    pytest.param(
        b"[" * 100_000 + b"]" * 100_000, f"nested more than {MAX_DEPTH} levels", id="deep"
    ),
    pytest.param(
        b'{"a": ' * 40 + b"1" + b"}" * 40, f"nested more than {MAX_DEPTH} levels", id="deep-40"
    ),
    pytest.param(b'{"format": ', "not valid JSON (line 1, column 12", id="truncated"),
    pytest.param(b"[]", "must hold one JSON object, not a list", id="top-level-array"),
    pytest.param(b'"casebook"', "must hold one JSON object, not text", id="top-level-string"),
    pytest.param(b'{"version": NaN}', "not valid JSON (NaN is not a JSON number)", id="nan"),
    pytest.param(
        b'{"version": 1, "version": 2}',
        'a key appears twice in one object: "version"',
        id="repeated-key",
    ),
    pytest.param(b'{"version": ' + b"9" * 5000 + b"}", "not valid JSON", id="huge-integer"),
    pytest.param(
        b'{"format": "x", "version": 1}', 'expected "format": "casebook-dataset"', id="not-ours"
    ),
]


@pytest.mark.parametrize(("content", "message"), BROKEN_FILES)
@pytest.mark.parametrize("command", ["load_casebook", "import_casebook"])
def test_a_broken_file_is_one_clear_line_from_either_command(
    content, message, command, tmp_path, make_staff
):
    make_staff("Editors", "ana")
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    extra = ["--user", "ana"] if command == "import_casebook" else []

    with pytest.raises(CommandError) as caught:
        call_command(command, str(path), *extra)

    text = str(caught.value)
    assert message in text
    assert "\n" not in text
    assert Party.objects.count() == 0


@given(st.binary(max_size=64))
@hypothesis_settings(max_examples=200, deadline=None)
def test_any_bytes_parse_to_an_object_or_one_line_of_error(raw):
    try:
        data = parse_bytes(raw)
    except DatasetError as exc:
        assert len(exc.errors) == 1 and "\n" not in exc.errors[0]
    else:
        assert isinstance(data, dict)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\x00", "is not UTF-8 text"), (b"[" * 50_000, "nested more than")],
    ids=["not-utf-8", "deep"],
)
def test_manage_py_reports_a_broken_file_without_a_traceback(content, message, tmp_path):
    path = tmp_path / "broken.json"
    path.write_bytes(content.replace(b"\x00", b""))
    result = subprocess.run(
        [sys.executable, "manage.py", "load_casebook", str(path)],
        cwd=settings.BASE_DIR,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


# --------------------------------------------------------------------------
# Published records follow the workflow, as in the admin
# --------------------------------------------------------------------------


def test_a_record_the_admin_could_not_publish_is_refused_and_each_is_listed():
    data = sample_dataset()
    data["allegations"][0]["citations"] = []
    data["allegations"][0]["accuser"] = "office"  # a draft party
    data["events"][0]["citations"] = []

    with pytest.raises(DatasetError) as caught:
        load_dataset(data)

    errors = caught.value.errors
    assert "allegations[the-allegation]: is published, but it cites no source." in " ".join(errors)
    assert any(
        line.startswith("allegations[the-allegation]: is published, but its accuser")
        for line in errors
    ), errors
    assert any(
        line.startswith("events[hearing]: is published, but it cites no source") for line in errors
    )
    assert Allegation.objects.count() == 0


def test_a_file_that_removes_a_published_records_citations_is_refused():
    load_dataset(sample_dataset())
    before = dumps(export_dataset())
    data = sample_dataset()
    data["cases"][0]["citations"] = []
    data["cases"][0]["name"] = "Renamed"

    with pytest.raises(DatasetError) as caught:
        load_dataset(data)

    assert caught.value.errors == [
        "cases[a-case]: is published, but it cites no source. Add at least one citation."
    ]
    assert dumps(export_dataset()) == before


def test_unpublishing_a_party_a_published_record_needs_is_refused():
    load_dataset(sample_dataset())
    data = sample_dataset()
    data["parties"][1]["editorial_status"] = "draft"  # the accused stays; the accuser:
    data["parties"][0]["editorial_status"] = "in_review"

    with pytest.raises(DatasetError) as caught:
        load_dataset(data)

    assert any(
        line.startswith("allegations[the-allegation]: is published, but its accuser")
        for line in caught.value.errors
    )
    assert any(
        line.startswith("terms_documents[accuser-terms]: is published, but its vendor")
        for line in caught.value.errors
    )
    assert Party.objects.get(slug="accuser").editorial_status == EditorialStatus.PUBLISHED


def test_an_analyst_cannot_publish_by_import_but_an_editor_can(tmp_path, make_staff):
    make_staff("Analysts", "ana")
    make_staff("Editors", "eddie")
    path = tmp_path / "import.json"
    path.write_text(json.dumps(sample_dataset()), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_casebook", str(path), "--user", "ana")
    assert (
        "allegations[the-allegation].editorial_status: only an editor may publish, retract or "
        "change a published allegation, and ana is not one"
    ) in str(caught.value)
    assert Allegation.objects.count() == 0

    call_command("import_casebook", str(path), "--user", "eddie")
    assert Allegation.objects.public().count() == 1

    drafts = sample_dataset()
    drafts["parties"] = [{"slug": "newcomer", "name": "Newcomer", "kind": "company"}]
    for section in (
        "sources",
        "terms_documents",
        "allegations",
        "cases",
        "settlements",
        "guidance",
        "events",
    ):
        drafts[section] = []
    path.write_text(json.dumps(drafts), encoding="utf-8")
    call_command("import_casebook", str(path), "--user", "ana")
    assert Party.objects.get(slug="newcomer").editorial_status == EditorialStatus.DRAFT


def test_an_analyst_cannot_change_a_published_records_citations_by_import(tmp_path, make_staff):
    make_staff("Analysts", "ana")
    load_dataset(sample_dataset())
    data = sample_dataset()
    data["allegations"][0]["citations"][0]["quote"] = "Words the source never said."
    data["guidance"][0]["citations"] = cite(pinpoint="p. 3")  # a draft: analysts may
    path = tmp_path / "import.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_casebook", str(path), "--user", "ana")

    assert str(caught.value).endswith(
        "allegations[the-allegation].editorial_status: only an editor may publish, retract or "
        "change a published allegation, and ana is not one"
    )
    assert not Citation.objects.filter(quote__startswith="Words").exists()


def test_the_bundled_dataset_meets_the_publication_rules():
    report = load_dataset(read_file(settings.CASEBOOK_DATASET))
    assert report.created
    assert Allegation.objects.public().exists()


# --------------------------------------------------------------------------
# Everything is checked before anything is written
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["events"][-1].update(date="someday"),
        lambda d: d["events"][-1].update(headline=7),
        lambda d: d["events"][-1]["citations"][0].update(source="missing"),
        lambda d: d["events"].append(
            {"slug": "last", "date": "2026-01-01", "kind": "x", "headline": "Last"}
        ),
    ],
    ids=["bad-date", "wrong-type", "unknown-source", "bad-choice"],
)
def test_a_bad_last_record_fails_before_a_single_write(spoil):
    data = read_file(settings.CASEBOOK_DATASET)
    spoil(data)
    stages = []

    with CaptureQueriesContext(connection) as queries, pytest.raises(DatasetError) as caught:
        load_dataset(data, on_record=stages.append)

    assert write_queries(queries.captured_queries) == []
    assert set(stages) == {"Checking"}
    assert all(line.startswith("events[") for line in caught.value.errors), caught.value.errors
    assert Party.objects.count() == 0


def test_a_load_reports_progress_per_stage_in_order():
    data = sample_dataset()
    stages = []

    load_dataset(data, on_record=stages.append)

    order = list(dict.fromkeys(stages))
    assert order == ["Checking", "Writing", "Checking rules"]
    assert stages.count("Checking") == stages.count("Writing") == 17
    published = sum(model.objects.public().count() for model in RECORD_MODELS)
    assert stages.count("Checking rules") == published == 9


def test_a_load_that_changes_nothing_writes_nothing():
    load_dataset(sample_dataset())

    with CaptureQueriesContext(connection) as queries:
        report = load_dataset(sample_dataset())

    assert report.created == report.changed == report.deleted == []
    assert write_queries(queries.captured_queries) == []


@pytest.mark.parametrize("stored", ["published", "draft", "in_review", "retracted"])
def test_a_file_never_retracts_nor_brings_back_a_retracted_record(stored):
    """The bundled file loaded again (every ``make run`` used to) must not undo a retraction,
    nor may a file retract: both are the workflow's, with a note and a date."""
    data = sample_dataset()
    load_dataset(copy.deepcopy(data))
    party = Party.objects.order_by("slug").first()
    Party.objects.filter(pk=party.pk).update(editorial_status=stored)
    retracted = EditorialStatus.RETRACTED
    row = next(p for p in data["parties"] if p["slug"] == party.slug)
    row["editorial_status"] = "published" if stored == retracted else retracted
    if stored in (retracted, "published"):
        with pytest.raises(DatasetError) as refusal:
            load_dataset(data)
        assert any(
            f"parties[{party.slug}].editorial_status" in problem and "editorial workflow" in problem
            for problem in refusal.value.errors
        )
        party.refresh_from_db()
        assert party.editorial_status == stored
    else:
        # A draft or a record in review retracted by a file: refused as well.
        with pytest.raises(DatasetError):
            load_dataset(data)


def test_load_casebook_if_empty_leaves_a_database_with_records_alone(tmp_path):
    data = sample_dataset()
    load_dataset_file = tmp_path / "data.json"
    load_dataset_file.write_text(json.dumps(data))
    call_command("load_casebook", str(load_dataset_file), "--if-empty", stdout=io.StringIO())
    loaded = Party.objects.count()
    assert loaded > 0
    Party.objects.update(name="Changed by staff")
    out = io.StringIO()
    call_command("load_casebook", str(load_dataset_file), "--if-empty", stdout=out)
    assert "nothing loaded" in out.getvalue()
    assert set(Party.objects.values_list("name", flat=True)) == {"Changed by staff"}
