"""Tests of search_records, on SQLite (FTS5) and PostgreSQL (full-text)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import SafeString

from casebook.portal.templatetags.portal import snippet_html
from casebook.records import searching, selectors
from casebook.records.models import EditorialStatus
from casebook.records.search_models import SearchEntry, SearchWord
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL only"
)

NOT_PUBLIC = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]


def one_of_each(word, **status):
    """A record of every searchable type with ``word`` in its title."""
    return {
        "party": PartyFactory(name=f"{word} Labs", **status),
        "source": SourceFactory(title=f"A report on {word}", **status),
        "allegation": AllegationFactory(title=f"Claims of {word}", **status),
        "case": CaseFactory(name=f"{word} v. Example", **status),
        "settlement": SettlementFactory(title=f"{word} settlement", **status),
        "guidance": GuidanceFactory(title=f"Guidance on {word}", **status),
        "terms": TermsDocumentFactory(title=f"{word} terms", **status),
        "event": EventFactory(headline=f"{word} hearing held", **status),
    }


def test_search_finds_every_record_type_and_counts_them():
    records = one_of_each("zebrafish")
    AllegationFactory(title="Something else")

    results = selectors.search_records("zebrafish")

    assert results.query == "zebrafish"
    assert {(h.record_type, h.record) for h in results.hits} == set(records.items())
    assert results.counts == dict.fromkeys(selectors.SEARCH_SPECS, 1)
    party_hit = next(h for h in results.hits if h.record_type == "party")
    assert party_hit.title == "zebrafish Labs"


def test_search_filtered_by_type_still_counts_every_type():
    records = one_of_each("zebrafish")
    AllegationFactory(summary="More about zebrafish behaviour.")

    results = selectors.search_records("zebrafish", record_type="allegation")

    assert {h.record_type for h in results.hits} == {"allegation"}
    assert len(results.hits) == 2
    assert records["allegation"] in [h.record for h in results.hits]
    assert results.counts["allegation"] == 2
    assert results.counts["event"] == 1
    assert sum(results.counts.values()) == 9


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_search_finds_only_public_records(status):
    one_of_each("zebrafish", editorial_status=status)
    shown = EventFactory(headline="zebrafish spotted")

    results = selectors.search_records("zebrafish")

    assert [h.record for h in results.hits] == [shown]
    assert results.counts["event"] == 1
    assert sum(results.counts.values()) == 1


def test_search_ranks_a_title_match_above_a_body_match():
    in_body = AllegationFactory(
        title="Allegation about models", summary="It mentions distillation once."
    )
    in_title = AllegationFactory(
        title="Distillation campaign alleged", summary="Nothing more to say."
    )

    hits = selectors.search_records("distillation").hits

    assert [h.record for h in hits] == [in_title, in_body]
    assert hits[0].rank > hits[1].rank > 0


def test_search_ranks_across_record_types():
    body_only = EventFactory(headline="A hearing", description="The word zebrafish came up.")
    titled = GuidanceFactory(title="Zebrafish guidance")

    hits = selectors.search_records("zebrafish").hits

    assert [h.record for h in hits] == [titled, body_only]


def test_search_snippet_highlights_the_matches_as_safe_html():
    AllegationFactory(
        title="An allegation",
        summary="The accuser says the accused ran a distillation campaign through proxies.",
    )

    (hit,) = selectors.search_records("distillation").hits

    assert isinstance(snippet_html(hit.snippet), SafeString)
    assert "<mark>distillation</mark> campaign" in snippet_html(hit.snippet)
    assert snippet_html(hit.snippet).count("<mark>") == 1


def test_search_snippet_escapes_the_record_text():
    AllegationFactory(
        title="Escaping check",
        summary='Fish & chips: a distillation <script>alert(1)</script> of x < y > z "quoted"',
    )

    (hit,) = selectors.search_records("distillation").hits

    assert "<mark>distillation</mark>" in snippet_html(hit.snippet)
    outside_marks = snippet_html(hit.snippet).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in outside_marks
    assert ">" not in outside_marks
    assert "Fish &amp; chips" in snippet_html(hit.snippet)
    assert "x &lt; y &gt; z" in snippet_html(hit.snippet)


def test_search_snippet_falls_back_to_the_title_when_the_body_is_empty():
    EventFactory(headline="Zebrafish & hearing", description="")

    (hit,) = selectors.search_records("zebrafish").hits

    assert snippet_html(hit.snippet) == "<mark>Zebrafish</mark> &amp; hearing"


def test_search_needs_every_word_and_honours_exclusions():
    both = AllegationFactory(title="Distillation of reasoning")
    AllegationFactory(title="Distillation of coding")
    excluded = AllegationFactory(title="Distillation of reasoning and coding")

    hits = selectors.search_records("distillation reasoning").hits

    assert {h.record for h in hits} == {both, excluded}
    assert [h.record for h in selectors.search_records("distillation reasoning -coding").hits] == [
        both
    ]


def test_search_matches_quoted_phrases():
    phrase = AllegationFactory(title="Fraudulent accounts used at scale")
    AllegationFactory(title="Accounts said to be fraudulent")

    hits = selectors.search_records('"fraudulent accounts"').hits

    assert [h.record for h in hits] == [phrase]


def test_search_finds_parties_by_alias():
    moonshot = PartyFactory(name="Moonshot AI", aliases=["Kimi", "Yuezhi Anmian"])

    hits = selectors.search_records("kimi").hits

    assert [h.record for h in hits] == [moonshot]


def test_an_empty_search_runs_no_query(django_assert_num_queries):
    AllegationFactory()

    with django_assert_num_queries(0):
        results = selectors.search_records("   ")

    assert results.hits == []
    assert results.counts == dict.fromkeys(selectors.SEARCH_SPECS, 0)


def test_search_and_a_page_of_hits_run_the_same_queries_whatever_the_data():
    def page_of_hits() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            results = selectors.search_records("zebrafish")
            page = results.hits[:20]
        return len(queries), len(results.hits), len(page)

    for _ in range(2):
        one_of_each("zebrafish")
    small = page_of_hits()
    for _ in range(18):
        one_of_each("zebrafish")
    large = page_of_hits()

    # Counts, known words, one page of entries, then the page's records: one query per type.
    # (a page holds at most every type: the bound does not grow with the data).
    assert max(small[0], large[0]) <= 3 + len(selectors.SEARCH_SPECS)
    assert (small[1:], large[1:]) == ((16, 16), (160, 20))


@on_postgresql
def test_postgresql_search_stems_words():
    allegation = AllegationFactory(title="The accuser says its model was distilled")

    hits = selectors.search_records("models distilling").hits

    assert [h.record for h in hits] == [allegation]
    assert "<mark>model</mark>" in snippet_html(hits[0].snippet)


@on_postgresql
def test_postgresql_search_or_syntax():
    first = AllegationFactory(title="Zebrafish")
    second = AllegationFactory(title="Axolotl")
    AllegationFactory(title="Salamander")

    hits = selectors.search_records("zebrafish or axolotl").hits

    assert {h.record for h in hits} == {first, second}


@on_postgresql
def test_postgresql_search_and_did_you_mean_are_served_by_their_gin_indexes():
    one_of_each("zebrafish")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    search_plan = SearchEntry.objects.filter(vector=searching.entry_query("zebrafish")).explain()
    words_plan = SearchWord.objects.filter(word__trigram_similar="zebrafsh").explain()

    assert "records_searchentry_vector_gin" in search_plan
    assert "records_searchword_word_trgm" in words_plan


def test_search_snippet_comes_from_the_title_when_only_the_title_matches():
    SourceFactory(title="A zebrafish report", publisher="Example Press", notes="Read in full.")
    SourceFactory(title="Another report", publisher="Example Press", notes="On zebrafish.")

    snippets = sorted(snippet_html(h.snippet) for h in selectors.search_records("zebrafish").hits)

    assert snippets == [
        "A <mark>zebrafish</mark> report",
        "Example Press — On <mark>zebrafish</mark>.",
    ]


def test_search_snippet_of_a_long_text_is_cut_around_the_match():
    before = " ".join(f"before{i}" for i in range(200))
    after = " ".join(f"after{i}" for i in range(200))
    AllegationFactory(title="Long one", summary=f"{before} the zebrafish sentence. {after}")

    (hit,) = selectors.search_records("zebrafish").hits

    assert "<mark>zebrafish</mark> sentence" in snippet_html(hit.snippet)
    assert len(hit.snippet.text) < 400
    assert "before0 " not in snippet_html(hit.snippet)
    assert "after199" not in snippet_html(hit.snippet)


def test_titles_of_main_records_and_parties_first_then_texts_then_events_and_sources():
    source = SourceFactory(title="A quokka report")
    in_text = AllegationFactory(title="Other claims", summary="About quokka farms.")
    party = PartyFactory(name="Quokka Labs")
    party_text = PartyFactory(name="Wombat Labs", description="Owns quokka farms.")
    case = CaseFactory(name="Quokka v. Example")
    event = EventFactory(headline="Quokka hearing held")

    hits = [h.record for h in selectors.search_records("quokka").hits]

    assert hits == [case, party, in_text, party_text, event, source]


def test_a_snippet_is_data_the_portal_marks_up():
    AllegationFactory(title="Escaping", summary="Fish & chips: a <b>distillation</b> claim.")

    (hit,) = selectors.search_records("distillation").hits

    assert hit.snippet.text == "Fish & chips: a <b>distillation</b> claim."
    assert ("distillation", True) in hit.snippet.parts
    assert snippet_html(hit.snippet) == (
        "Fish &amp; chips: a &lt;b&gt;<mark>distillation</mark>&lt;/b&gt; claim."
    )
