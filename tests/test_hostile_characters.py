"""Kind: characters a format cannot carry.

Any Unicode text a record can hold (loaded by any path, not only the admin,
which refuses control characters) must come out of every surface well-formed:
the Atom feed and the sitemap (XML), the CSV downloads, the API's JSON and the
HTML pages. Hypothesis writes the titles and summaries.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

import pytest
from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from casebook.portal.xmltext import xml_text
from casebook.records.models import Allegation, Source
from tests.factories import AllegationFactory, SourceFactory

pytestmark = pytest.mark.django_db

#: Characters no format has a simple way to carry, tried on purpose besides random text.
AWKWARD = [
    *(chr(c) for c in range(1, 0x20)),
    "\x7f",
    "\x85",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "\U0010ffff",
    "<mark>&amp;</mark>",
    "]]>",
    '"',
]


def hostile_text() -> st.SearchStrategy[str]:
    """Any text a database can store: no lone surrogates, and no NUL on PostgreSQL."""
    excluded = ["\x00"] if connection.vendor == "postgresql" else []
    alphabet = st.characters(exclude_categories=["Cs"], exclude_characters=excluded)
    return st.lists(st.one_of(st.text(alphabet, max_size=6), st.sampled_from(AWKWARD))).map("".join)


def body(response) -> bytes:
    assert response.status_code == 200, (response.status_code, response.get("Content-Type"))
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def records():
    source = SourceFactory(slug="odd-source", title="Quokka source")
    allegation = AllegationFactory(slug="odd-claim", title="Quokka claim", cite=source)
    return source, allegation


SURFACES = {
    "xml": ["/feed/", "/sitemap.xml", "/sitemap-source.xml", "/sitemap-allegation.xml"],
    "csv": [
        "/sources/?format=csv",
        "/allegations/?format=csv",
        "/api/v1/sources/?format=csv",
        "/api/v1/allegations/?format=csv",
        "/api/v1/timeline/?format=csv",
        "/api/v1/search/?q=quokka&format=csv",
    ],
    "json": [
        "/api/v1/sources/",
        "/api/v1/allegations/odd-claim/",
        "/api/v1/timeline/",
        "/api/v1/search/?q=quokka",
    ],
    "html": [
        "/",
        "/sources/",
        "/sources/odd-source/",
        "/allegations/",
        "/allegations/odd-claim/",
        "/timeline/",
        "/search/?q=quokka",
    ],
}


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=hostile_text(), summary=hostile_text())
@example(title="\x1d", summary="\x1d")
@example(title="\ufffe\uffff\x0b\x0c", summary="\u202e\U0001f600")
def test_every_surface_carries_any_text(client, records, title, summary):
    cache.clear()  # throttle counts: this test asks many times
    Source.objects.filter(slug="odd-source").update(title=f"Quokka {title}")
    Allegation.objects.filter(slug="odd-claim").update(
        title=f"Quokka {title}", summary=f"{summary} quokka"
    )
    for url in SURFACES["xml"]:
        ET.fromstring(body(client.get(url)))  # raises on a document that is not well-formed
    for url in SURFACES["csv"]:
        rows = list(csv.reader(io.StringIO(body(client.get(url)).decode("utf-8"), newline="")))
        assert len(rows) >= 2, url
        assert len({len(row) for row in rows}) == 1, url  # every row has every column
    for url in SURFACES["json"]:
        json.loads(body(client.get(url)))
    for url in SURFACES["html"]:
        body(client.get(url)).decode("utf-8")


def test_the_feed_keeps_the_text_xml_can_carry(client, records):
    Source.objects.filter(slug="odd-source").update(title="Quokka\x1d \u202eright\ufffe ok 😀")
    feed = ET.fromstring(body(client.get("/feed/")))
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Source: Quokka \u202eright ok 😀" in titles


def xml_char(c: str) -> bool:
    """XML 1.0's Char production, spelled out."""
    n = ord(c)
    return n in (0x9, 0xA, 0xD) or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or n >= 0x10000


@given(hostile_text())
def test_xml_text_leaves_exactly_what_xml_allows(text):
    cleaned = xml_text(text)
    assert cleaned == "".join(c for c in text if xml_char(c))
    ET.fromstring(f"<t>{escape(cleaned)}</t>")
