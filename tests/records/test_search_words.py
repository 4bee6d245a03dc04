"""Search words: whole words, any case in every script, the same on SQLite and PostgreSQL.

Covers the search page's selector (full-text on PostgreSQL, the fallback on
SQLite) and the word rule every list ``q`` filter uses
(:mod:`casebook.records.textsearch`).
"""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.portal.templatetags.portal import snippet_html
from casebook.records import selectors, textsearch
from casebook.records.models import Allegation, Event, Party
from tests.factories import AllegationFactory, EventFactory, PartyFactory

pytestmark = pytest.mark.django_db

on_postgresql = connection.vendor == "postgresql"

# (text in the record, query): one is the other in another case.
CASE_PAIRS = [
    ("Élysée", "élysée"),
    ("élysée", "ÉLYSÉE"),
    ("ÖSTERREICH", "österreich"),
    ("Österreich", "ÖSTERREICH"),
    ("Αθήνα", "ΑΘΉΝΑ"),
    ("Москва", "МОСКВА"),
    ("ДИСТИЛЛЯЦИЯ", "дистилляция"),
    ("Ærøskøbing", "ÆRØSKØBING"),
]
# Pairs that need full case folding, which PostgreSQL's full-text search does not do (it
# lower-cases words: "ß" stays "ß", "Σ" becomes "σ", never the final "ς"); the list filters
# and the SQLite search page match them.
FOLDING_PAIRS = [
    ("Straße", "STRASSE"),
    ("STRASSE", "straße"),
    ("Straße", "strasse"),
    ("ΟΔΥΣΣΕΥΣ", "Οδυσσευς"),
]


def matches(condition_fields, model, query):
    return set(model.objects.filter(textsearch.words_condition(model, condition_fields, query)))


@pytest.mark.parametrize("text, query", CASE_PAIRS + FOLDING_PAIRS)
def test_the_word_rule_ignores_case_in_every_script(text, query):
    hit = AllegationFactory(title=f"Records of {text} today")
    AllegationFactory(title="Records of something else")

    assert matches(("title",), Allegation, query) == {hit}


@pytest.mark.skipif(on_postgresql, reason="full-text search lower-cases, does not fold")
@pytest.mark.parametrize("text, query", FOLDING_PAIRS)
def test_search_folds_case_fully_on_sqlite(text, query):
    hit = EventFactory(headline=f"Hearing at {text} 1")

    assert [h.record for h in selectors.search_records(query).hits] == [hit]


@pytest.mark.parametrize("text, query", CASE_PAIRS)
def test_search_ignores_case_in_every_script(text, query):
    hit = EventFactory(headline=f"Hearing in {text}", description="")
    EventFactory(headline="Hearing elsewhere")

    (found,) = selectors.search_records(query).hits

    assert found.record == hit
    assert "<mark>" in snippet_html(found.snippet)


@pytest.mark.parametrize(
    "query, text",
    [
        ("fair use", "House Foreign Affairs Committee"),
        ("use", "House Foreign Affairs Committee"),
        ("use", "Reuse and misuse of outputs"),
        ("art", "Article 5 of the artificial charter"),
        ("AI", "Said the chairman"),
        ("élysée", "Champs-Élyséesque"),
    ],
)
def test_words_do_not_match_inside_other_words(query, text):
    AllegationFactory(title=text, summary="")
    PartyFactory(name=text, short_name="", description="")

    assert selectors.search_records(query).hits == []
    assert matches(("title", "summary"), Allegation, query) == set()
    assert matches(("name", "short_name"), Party, query) == set()


@pytest.mark.parametrize(
    "query, text",
    [
        ("fair use", "The doctrine of fair use applies."),
        ("use", "Terms: use of outputs is limited."),
        ("gpt-4", "Outputs of GPT-4 were used."),
        ("AI", "Moonshot AI said so."),
    ],
)
def test_whole_words_and_phrases_match(query, text):
    allegation = AllegationFactory(title="An allegation", summary=text)

    assert [h.record for h in selectors.search_records(query).hits] == [allegation]
    assert matches(("title", "summary"), Allegation, query) == {allegation}


def test_list_words_are_found_in_json_lists_in_any_script():
    party = PartyFactory(name="Moonshot AI", aliases=["Kimi", "Юэчжи Аньмянь"])

    assert matches(("name", "aliases"), Party, "юэчжи") == {party}
    assert matches(("name", "aliases"), Party, "KIMI") == {party}
    assert [h.record for h in selectors.search_records("ЮЭЧЖИ").hits] == [party]


def _letters(alphabet: str):
    """Letters whose upper case is one letter that lower-cases back to them."""
    return "".join(c for c in alphabet if len(c.upper()) == 1 and c.upper().lower() == c)


ALPHABETS = [
    _letters("abcdefghijklmnopqrstuvwxyzàáâäæçèéêëìíîïñòóôöøùúûüýÿ"),
    _letters("αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ"),
    _letters("абвгдежзийклмнопрстуфхцчшщъыьэюяё"),
    _letters("ąćęłńóśźżőűăâîșț"),
]
words = st.sampled_from(ALPHABETS).flatmap(lambda a: st.text(a, min_size=4, max_size=10))


@given(word=words, upper_in_record=st.booleans())
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_word_is_found_in_the_other_case(word, upper_in_record):
    text, query = (word.upper(), word) if upper_in_record else (word, word.upper())
    event = EventFactory(headline=f"Hearing {text}", description="")

    assert event in [h.record for h in selectors.search_records(query).hits]
    assert event in matches(("headline",), Event, query)
