"""The version page's read: a compacted whole-document diff that keeps every change, on
many inputs and on 20,000-word documents, and the order versions come in."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.records.models import TermsVersion
from casebook.records.selectors.versionpage import compact_diff, terms_version_page
from casebook.records.textdiff import diff_words
from casebook.records.versions import in_force_from, versions_in_order
from tests.factories import TermsDocumentFactory
from tests.records.test_textdiff import WORDS, long_versions

text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6)), max_size=200
).map(" ".join)


def changes(pieces):
    return [(op, t) for op, t in pieces if op in ("insert", "delete")]


@given(old=text, new=text, context=st.integers(min_value=0, max_value=8))
@settings(max_examples=100, deadline=None)
def test_compacting_keeps_every_change_and_only_shortens_unchanged_text(old, new, context):
    pieces = diff_words(old, new).pieces
    compact = compact_diff(pieces, context=context)
    assert changes(compact) == changes(pieces)
    if not changes(pieces):
        assert compact == []
        return
    # What is kept of the unchanged text, in order, is a part of it: nothing invented.
    kept = "".join(t for op, t in compact if op == "equal")
    assert len(kept) <= sum(len(t) for op, t in pieces if op == "equal")
    # With no elision the pieces still join back into both texts.
    if all(op != "elided" for op, _ in compact):
        assert "".join(t for op, t in compact if op != "insert") == old
        assert "".join(t for op, t in compact if op != "delete") == new


@pytest.mark.django_db
def test_a_20000_word_document_diff_is_compact_and_marks_exactly_the_edits():
    old, new, changed = long_versions(20_000, 40, seed=7)
    document = TermsDocumentFactory(slug="long")
    first = TermsVersion.objects.create(
        document=document, origin="ota", full_text=old,
        recorded_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    second = TermsVersion.objects.create(
        document=document, origin="ota", full_text=new,
        recorded_at=datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    page = terms_version_page(document, second)
    assert page.previous == first and page.following is None
    assert page.diff_complete
    inserted = [t.strip() for op, t in page.diff if op == "insert"]
    assert inserted == [f"CHANGED{n}" for n in range(len(changed))]
    # Bounded by the edits, not the text: at most 2 * context words around each edit.
    kept_words = sum(len(t.split()) for op, t in page.diff if op == "equal")
    assert kept_words <= 2 * 25 * len(changed)


@pytest.mark.django_db
def test_imported_versions_follow_their_in_force_date_then_record_time():
    document = TermsDocumentFactory()

    def version(recorded, effective=None, origin="ota"):
        return TermsVersion.objects.create(
            document=document,
            origin=origin,
            effective_from=effective,
            recorded_at=recorded and datetime.datetime.fromisoformat(recorded),
        )

    undated_late = version("2025-03-01T00:00:00+00:00")
    dated = version("2025-01-05T00:00:00+00:00", datetime.date(2024, 12, 1))
    same_date = version("2025-02-01T00:00:00+00:00", datetime.date(2024, 12, 1))
    manual = version(None, datetime.date(2023, 5, 1), origin="manual")
    manual_undated = version(None, None, origin="manual")
    assert versions_in_order(document.versions.all()) == [
        manual_undated, manual, dated, same_date, undated_late,
    ]  # fmt: skip
    assert in_force_from(manual_undated) is None
    assert in_force_from(undated_late).basis == "observed"
    assert in_force_from(dated).basis == "effective"
