"""``import_ota`` on small OTA repositories and releases the tests build themselves."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from casebook.records.models import DatePrecision, EditorialStatus, Event, TermsVersion
from tests import factories
from tests.records.ota_sources import COLLECTION, VersionsRepo, make_release, moment

pytestmark = pytest.mark.django_db

XAI_2024 = "# Terms of Service\n\nEffective date: 11-04-2023\n\nDo not misuse the Service.\n"
XAI_2024_ISO = "# Terms of Service\n\nEffective date: 2023-11-04\n\nDo not misuse the Service.\n"
XAI_2025 = (
    "# Terms of Service\n\n_Effective: January 2, 2025_\n\nYou may not use the Service or any "
    "Output to develop models or services that compete with xAI.\n"
)
UNDATED = "# Terms of Service\n\nNo date is stated here.\n"


def run(source, *args) -> str:
    out = io.StringIO()
    call_command("import_ota", str(source), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def analyst(db):
    return factories.StaffUserFactory(username="ana")


@pytest.fixture
def xai_terms(db):
    return factories.TermsDocumentFactory(
        slug="xai-terms-of-service",
        ota_collection=COLLECTION,
        ota_service="xAI",
        ota_terms_type="Terms of Service",
    )


@pytest.fixture
def repo(tmp_path):
    repo = VersionsRepo(tmp_path / "versions")
    repo.record("xAI", "Terms of Service", XAI_2024, "2024-02-08T18:31:13")
    repo.record("xAI", "Terms of Service", XAI_2024_ISO, "2024-03-29T00:32:01")
    repo.record("xAI", "Terms of Service", XAI_2025, "2025-01-08T00:32:49")
    repo.record("xAI", "Privacy Policy", "Last updated: May 1, 2024\n", "2024-05-02T00:00:00")
    repo.record("Grok", "Terms of Service", "Effective: June 1, 2025\n", "2025-06-02T00:00:00")
    return repo


def versions(document):
    return list(document.versions.order_by("recorded_at"))


def test_each_recorded_version_becomes_a_terms_version_with_its_stated_date(
    repo, xai_terms, analyst
):
    run(repo.path, "--user", "ana")
    first, second, third = versions(xai_terms)
    assert [v.recorded_at for v in (first, second, third)] == [
        moment("2024-02-08T18:31:13"),
        moment("2024-03-29T00:32:01"),
        moment("2025-01-08T00:32:49"),
    ]
    assert all(v.origin == TermsVersion.Origin.OTA for v in (first, second, third))
    assert third.full_text == XAI_2025
    assert third.effective_from == moment("2025-01-02T00:00:00").date()
    assert third.effective_from_precision == DatePrecision.DAY
    assert third.label == "Effective: January 2, 2025"
    # 11-04-2023 is read month first because xAI restated it as 2023-11-04.
    assert first.effective_from.isoformat() == "2023-11-04"
    assert len(third.ota_commit) == 40
    assert third.ota_permalink == (
        f"{COLLECTION}/blob/{third.ota_commit}/xAI/Terms%20of%20Service.md"
    )
    assert "compete with xAI" in third.full_text and "compete" not in second.full_text
    assert third.attribution.text == "Recorded by Open Terms Archive contributors, ODC-BY 1.0"
    assert third.attribution.permalink == third.ota_permalink
    assert third.attribution.licence_url == "https://opendatacommons.org/licenses/by/1-0/"


def test_the_record_date_never_becomes_the_effective_date(tmp_path, xai_terms, analyst):
    repo = VersionsRepo(tmp_path / "versions")
    repo.record("xAI", "Terms of Service", UNDATED, "2024-02-08T18:31:13")
    repo.record("xAI", "Terms of Service", "Updated: 9 days ago\n", "2024-03-01T00:00:00")
    run(repo.path, "--user", "ana")
    for version in versions(xai_terms):
        assert version.effective_from is None
        assert version.recorded_at is not None
    assert "effective" not in str(versions(xai_terms)[0]).lower()


def test_a_second_run_changes_nothing(repo, xai_terms, analyst):
    run(repo.path, "--user", "ana")
    history = TermsVersion.history.count()
    rows = list(TermsVersion.objects.values())
    out = run(repo.path, "--user", "ana")
    assert "0 version(s) created, 0 changed, 3 unchanged" in out
    assert TermsVersion.history.count() == history
    assert list(TermsVersion.objects.values()) == rows


def test_a_newer_clone_adds_only_what_is_new(repo, xai_terms, analyst):
    run(repo.path, "--user", "ana")
    before = {v.pk: v.updated_at for v in versions(xai_terms)}
    repo.record("xAI", "Terms of Service", "Effective: February 14, 2025\n", "2025-02-14T12:34:06")
    out = run(repo.path, "--user", "ana")
    assert "1 version(s) created, 0 changed, 3 unchanged" in out
    after = versions(xai_terms)
    assert len(after) == 4
    assert {v.pk: v.updated_at for v in after[:3]} == before
    assert after[3].effective_from.isoformat() == "2025-02-14"


def test_a_technical_upgrade_updates_the_text_and_creates_no_version_or_event(
    repo, xai_terms, analyst
):
    run(repo.path, "--user", "ana")
    events = Event.objects.count()
    upgraded = XAI_2025.replace("# Terms of Service", "Terms of Service\n=====")
    sha = repo.record("xAI", "Terms of Service", upgraded, "2025-01-09T00:00:00", kind="upgrade")
    out = run(repo.path, "--user", "ana")
    assert "0 version(s) created, 1 changed" in out
    assert "1 technical upgrade(s)" in out
    latest = versions(xai_terms)[-1]
    assert len(versions(xai_terms)) == 3
    assert latest.recorded_at == moment("2025-01-08T00:32:49")
    assert latest.full_text == upgraded
    assert latest.ota_commit == sha
    assert Event.objects.count() == events


def test_a_first_import_applies_upgrades_to_the_version_they_upgrade(tmp_path, xai_terms):
    repo = VersionsRepo(tmp_path / "versions")
    repo.record("xAI", "Terms of Service", XAI_2024, "2024-02-08T18:31:13")
    repo.record("xAI", "Terms of Service", XAI_2024_ISO, "2024-02-09T00:00:00", kind="upgrade")
    run(repo.path)
    (only,) = versions(xai_terms)
    assert only.recorded_at == moment("2024-02-08T18:31:13")
    assert only.full_text == XAI_2024_ISO


def test_an_upgrade_that_loses_the_text_keeps_the_date_the_version_stated(tmp_path, xai_terms):
    # genai-eu, Le Chat: an upgrade replaced the text with "Redirecting to legal.mistral.ai".
    repo = VersionsRepo(tmp_path / "versions")
    repo.record("xAI", "Terms of Service", XAI_2025, "2025-01-08T00:32:49")
    repo.record("xAI", "Terms of Service", "Redirecting", "2025-01-09T00:00:00", kind="upgrade")
    run(repo.path)
    (only,) = versions(xai_terms)
    assert only.full_text == "Redirecting"
    assert only.effective_from.isoformat() == "2025-01-02"


def test_two_records_in_one_second_are_one_version_with_the_later_text(tmp_path, xai_terms):
    # GenAI, Murf Privacy Policy: two "Record new changes" commits at 2023-11-03T18:30:30.
    repo = VersionsRepo(tmp_path / "versions")
    repo.record("xAI", "Terms of Service", XAI_2024, "2023-11-03T18:30:30")
    repo.record("xAI", "Terms of Service", XAI_2025, "2023-11-03T18:30:30")
    later = repo.record("xAI", "Terms of Service", XAI_2024_ISO, "2023-11-03T18:30:30")
    out = run(repo.path)
    assert "1 version(s) created" in out
    (only,) = versions(xai_terms)
    assert (only.full_text, only.ota_commit) == (XAI_2024_ISO, later)
    assert "0 version(s) created, 0 changed, 1 unchanged" in run(repo.path)


def test_unmapped_services_are_listed_never_imported(repo, xai_terms):
    out = run(repo.path)
    assert "Grok / Terms of Service: 1 version(s)" in out
    assert "xAI / Privacy Policy: 1 version(s)" in out
    assert TermsVersion.objects.count() == 3


def test_documents_mapped_to_another_collection_take_nothing(repo, xai_terms):
    xai_terms.ota_collection = "https://github.com/OpenTermsArchive/Other-versions"
    xai_terms.save()
    out = run(repo.path)
    assert TermsVersion.objects.count() == 0
    assert "xAI / Terms of Service: 3 version(s)" in out


def test_dry_run_lists_and_writes_nothing(repo, xai_terms, analyst):
    out = run(repo.path, "--dry-run", "--user", "ana")
    assert out.count("create    xai-terms-of-service recorded") == 3
    assert "Dry run, nothing written" in out
    assert "3 version(s) would be created, 0 would be changed" in out
    assert TermsVersion.objects.count() == 0
    assert TermsVersion.history.count() == 0


def test_history_is_recorded_under_the_importing_user(repo, xai_terms, analyst):
    run(repo.path, "--user", "ana")
    rows = TermsVersion.history.all()
    assert rows.count() == 3
    assert {row.history_user for row in rows} == {analyst}


def test_an_unknown_user_is_refused(repo, xai_terms):
    with pytest.raises(CommandError, match="No staff user named 'nobody'"):
        run(repo.path, "--user", "nobody")


def test_an_analyst_s_corrected_date_survives_a_rerun(repo, xai_terms):
    run(repo.path)
    first = versions(xai_terms)[0]
    first.effective_from = moment("2023-11-05T00:00:00").date()
    first.save()
    run(repo.path)
    first.refresh_from_db()
    assert first.effective_from.isoformat() == "2023-11-05"


@pytest.mark.parametrize("as_zip", [True, False])
def test_a_dataset_release_imports_like_the_repository(tmp_path, xai_terms, as_zip):
    release = make_release(
        tmp_path / "release",
        [
            ("xAI", "Terms of Service", "2024-02-08T18:31:13", XAI_2024),
            ("xAI", "Terms of Service", "2025-01-08T00:32:49", XAI_2025),
            ("Grok", "Terms of Service", "2025-06-02T00:00:00", UNDATED),
        ],
        as_zip=as_zip,
    )
    out = run(release)
    assert "Grok / Terms of Service: 1 version(s)" in out
    first, second = versions(xai_terms)
    assert second.ota_release_path.endswith("xAI/Terms of Service/2025-01-08T00-32-49Z.md")
    assert second.ota_permalink == "" and second.effective_from.isoformat() == "2025-01-02"
    assert first.effective_from is None  # 11-04-2023, and no ISO restatement in this release
    assert "2 version(s) created" in out
    assert "0 version(s) created, 0 changed, 2 unchanged" in run(release)


def test_a_repository_after_a_release_completes_the_same_versions(tmp_path, repo, xai_terms):
    release = make_release(
        tmp_path / "release",
        [("xAI", "Terms of Service", "2025-01-08T00:32:49", XAI_2025)],
        as_zip=True,
    )
    run(release)
    run(repo.path)
    assert len(versions(xai_terms)) == 3
    latest = versions(xai_terms)[-1]
    assert latest.ota_permalink.startswith(f"{COLLECTION}/blob/")
    assert latest.ota_release_path  # kept: where it was first read from
    run(release)
    latest.refresh_from_db()
    assert latest.ota_permalink  # a release never clears what the repository gave


def test_a_source_that_names_no_collection_needs_one(tmp_path, xai_terms):
    repo = VersionsRepo(tmp_path / "versions", readme="# Some versions\n")
    repo.record("xAI", "Terms of Service", XAI_2025, "2025-01-08T00:32:49")
    with pytest.raises(CommandError, match="--collection"):
        run(repo.path)
    run(repo.path, "--collection", COLLECTION + "/")
    assert len(versions(xai_terms)) == 1


# -- damaged sources write nothing --------------------------------------------


def assert_nothing_written():
    assert TermsVersion.objects.count() == 0
    assert TermsVersion.history.count() == 0


def test_not_a_repository_is_a_clear_error(tmp_path, xai_terms):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.md").write_text("hello")
    for source, message in [
        (tmp_path / "folder", "neither an OTA versions repository nor an OTA dataset release"),
        (tmp_path / "missing", "no such file or folder"),
        (tmp_path / "folder" / "notes.md", "not a zip file"),
    ]:
        with pytest.raises(CommandError, match=message):
            run(source)
    assert_nothing_written()


def test_a_broken_zip_is_a_clear_error(tmp_path, xai_terms):
    release = make_release(
        tmp_path / "release",
        [("xAI", "Terms of Service", "2025-01-08T00:32:49", XAI_2025 * 50)],
        as_zip=True,
    )
    data = release.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    corrupt = tmp_path / "corrupt.zip"
    with zipfile.ZipFile(release) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("Z.md"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    flipped = bytearray(data)
    flipped[start + 5] ^= 0xFF
    corrupt.write_bytes(bytes(flipped))
    for broken in (cut, corrupt):
        with pytest.raises(CommandError, match="Nothing was imported"):
            run(broken)
    assert_nothing_written()


@pytest.mark.parametrize("where", ["repository", "zip", "folder"])
def test_a_version_that_is_not_utf8_is_a_clear_error(tmp_path, xai_terms, where):
    latin1 = "Effective: January 2, 2025 — Société".encode("latin-1", "replace")
    if where == "repository":
        repo = VersionsRepo(tmp_path / "versions")
        repo.record("xAI", "Terms of Service", XAI_2025, "2025-01-08T00:32:49")
        repo.record("xAI", "Terms of Service", latin1, "2025-02-08T00:00:00")
        source = repo.path
    else:
        source = make_release(
            tmp_path / "release",
            [
                ("xAI", "Terms of Service", "2025-01-08T00:32:49", XAI_2025),
                ("xAI", "Terms of Service", "2025-02-08T00:00:00", latin1),
            ],
            as_zip=where == "zip",
        )
    with pytest.raises(CommandError, match="is not UTF-8"):
        run(source)
    assert_nothing_written()


def test_a_problem_in_one_document_writes_nothing_for_the_others(repo, xai_terms):
    factories.TermsVersionFactory(
        document=factories.TermsDocumentFactory(
            ota_collection=COLLECTION, ota_service="Grok", ota_terms_type="Terms of Service"
        ),
        recorded_at=moment("2025-06-02T00:00:00"),
    )
    with pytest.raises(CommandError, match="a hand-entered version already has this record time"):
        run(repo.path)
    assert TermsVersion.objects.filter(origin=TermsVersion.Origin.OTA).count() == 0


# -- the mapping ----------------------------------------------------------------


def test_a_mapping_is_all_three_fields_or_none(db):
    document = factories.TermsDocumentFactory.build(
        vendor=factories.PartyFactory(), ota_service="xAI"
    )
    with pytest.raises(ValidationError, match="or none of them"):
        document.full_clean()


def test_one_terms_document_per_ota_document(xai_terms):
    other = factories.TermsDocumentFactory.build(
        vendor=factories.PartyFactory(),
        ota_collection=COLLECTION,
        ota_service="xAI",
        ota_terms_type="Terms of Service",
    )
    with pytest.raises(ValidationError, match="already takes this OTA"):
        other.full_clean()
    factories.TermsDocumentFactory()
    factories.TermsDocumentFactory()  # unmapped documents do not collide


def test_imported_versions_are_public_only_with_their_document(repo, xai_terms):
    xai_terms.editorial_status = EditorialStatus.DRAFT
    xai_terms.save()
    run(repo.path)
    assert TermsVersion.objects.count() == 3
    assert TermsVersion.objects.public().count() == 0
    xai_terms.editorial_status = EditorialStatus.PUBLISHED
    xai_terms.save()
    assert TermsVersion.objects.public().count() == 3


def test_versions_stating_one_effective_date_make_one_timeline_entry(tmp_path, xai_terms):
    from casebook.records.selectors import timeline_entries

    repo = VersionsRepo(tmp_path / "versions")
    repo.record("xAI", "Terms of Service", XAI_2025, "2025-01-08T00:32:49")
    repo.record("xAI", "Terms of Service", XAI_2025 + "\nMore.\n", "2025-02-10T12:33:39")
    repo.record("xAI", "Terms of Service", "Effective: Feb 14, 2025\n", "2025-02-14T12:34:06")
    run(repo.path)
    entries = [e for e in timeline_entries(record_types=["terms"]) if e.record == xai_terms]
    assert [e.date.isoformat() for e in entries] == ["2025-01-02", "2025-02-14"]
    assert len({e.key for e in timeline_entries()}) == len(timeline_entries())


def test_the_dataset_loader_leaves_imported_versions_alone(repo, xai_terms, tmp_path):
    """``load_casebook`` (run by every ``make run``) manages the versions typed by hand only:
    it neither deletes nor exports versions recorded by OTA, so both kinds live side by side."""
    hand_entered = factories.TermsVersionFactory(document=xai_terms, label="From the press")
    run(repo.path)
    imported = set(xai_terms.versions.filter(origin=TermsVersion.Origin.OTA).values_list("pk"))
    assert len(imported) == 3

    exported = tmp_path / "exported.json"
    call_command("export_casebook", str(exported), stdout=io.StringIO())
    call_command("load_casebook", str(exported), stdout=io.StringIO())

    after = set(xai_terms.versions.filter(origin=TermsVersion.Origin.OTA).values_list("pk"))
    assert after == imported
    assert xai_terms.versions.filter(pk=hand_entered.pk).exists()
    text = exported.read_text()
    assert "From the press" in text
    assert "develop models or services that compete" not in text


def test_a_dry_run_says_upgrades_would_be_applied_not_that_they_were(repo, xai_terms, analyst):
    run(repo.path, "--user", "ana")
    upgraded = XAI_2025.replace("# Terms of Service", "Terms of Service\n=====")
    repo.record("xAI", "Terms of Service", upgraded, "2025-01-09T00:00:00", kind="upgrade")
    out = run(repo.path, "--dry-run")
    assert "1 technical upgrade(s) would be applied to existing text" in out
    assert "upgrade(s) applied" not in out
    assert versions(xai_terms)[-1].full_text == XAI_2025


def test_the_history_keeps_no_copy_of_the_full_text(repo, xai_terms, analyst):
    run(repo.path, "--user", "ana")
    upgraded = XAI_2025.replace("# Terms of Service", "Terms of Service\n=====")
    sha = repo.record("xAI", "Terms of Service", upgraded, "2025-01-09T00:00:00", kind="upgrade")
    run(repo.path, "--user", "ana")
    historical = TermsVersion.history.model
    assert "full_text" not in {f.name for f in historical._meta.get_fields()}
    rows = TermsVersion.history.filter(recorded_at=moment("2025-01-08T00:32:49"))
    # The upgrade is in the history as its commit and permalink, from which the text is found.
    assert [r.ota_commit for r in rows.order_by("history_date")][-1] == sha
    assert rows.count() == 2
