"""What a terms matrix cell says when no clause is quoted: "No version in force" when
Casebook holds no version of the document in force on the date (not "Not reviewed",
which would say Casebook failed to check), and, for "Not present in the reviewed
version", which version was reviewed, linked, with its OTA credit. When a clause is
quoted: its first forty words, escaped, with its document, section, version and the
link to its history."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator
from hypothesis import given
from hypothesis import strategies as st

from casebook.portal.templatetags.terms_matrix import first_words
from casebook.portal.versions import version_url
from casebook.records.models import Clause, Party, TermsDocument, TermsVersion
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    PartyFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
)

pytestmark = pytest.mark.django_db


def cell_text(client, on: str) -> str:
    response = client.get(reverse("portal:terms_matrix"), {"on": on})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def reviewed_document():
    """A document whose one version (in force from 1 June 2024) was reviewed for a
    category and had no clause of it."""
    category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    document = TermsDocumentFactory(vendor=PartyFactory(name="Vendor Lab"))
    version = TermsVersionFactory(
        document=document,
        effective_from=datetime.date(2024, 6, 1),
        reviewed_categories=[category],
    )
    return document, version


@pytest.mark.parametrize("on", ["2020-01-01", "2024-05-31", "1999-12-31"])
def test_before_the_first_version_a_cell_says_no_version_is_in_force(client, reviewed_document, on):
    page = cell_text(client, on)

    assert '<span class="status">No version in force</span>' in page
    assert '<span class="status">Not reviewed</span>' not in page


@pytest.mark.parametrize("on", ["2024-06-01", "2025-01-01", "2026-11-30"])
def test_a_cell_reviewed_without_the_clause_links_the_reviewed_version(
    client, reviewed_document, on
):
    _, version = reviewed_document

    page = cell_text(client, on)

    assert "Not present in the reviewed version</span>" in page
    assert f'<a href="{version_url(version)}">' in page
    assert '<span class="status">No version in force</span>' not in page


def test_an_ota_version_reviewed_without_the_clause_carries_the_credit(client, reviewed_document):
    _, version = reviewed_document
    TermsVersion.objects.filter(pk=version.pk).update(
        origin=TermsVersion.Origin.OTA,
        recorded_at=datetime.datetime(2024, 6, 2, tzinfo=datetime.UTC),
        ota_permalink="https://github.com/OpenTermsArchive/GenAI-versions/blob/abc/x.md",
    )

    page = cell_text(client, "2025-01-01")

    assert 'href="#ota-credit"' in page
    assert 'id="ota-credit"' in page


@pytest.fixture
def quoted_clause():
    """A document whose version in force from 1 June 2024 has a clause of one category."""
    category = ClauseCategoryFactory(slug="no-competing-models", name="No competing models")
    document = TermsDocumentFactory(vendor=PartyFactory(name="Vendor Lab", slug="vendor-lab"))
    version = TermsVersionFactory(document=document, effective_from=datetime.date(2024, 6, 1))
    return ClauseFactory(version=version, category=category)


@pytest.mark.parametrize("words", [1, 39, 40, 41, 120])
def test_a_cell_quotes_the_first_forty_words_of_a_clause(client, quoted_clause, words):
    text = " ".join(f"word{i}" for i in range(words))
    Clause.objects.filter(pk=quoted_clause.pk).update(text=text)

    page = cell_text(client, "2025-01-01")

    quoted = re.search(r"<blockquote>(.*?)</blockquote>", page, re.S).group(1)
    shown = min(words, 40)
    expected = " ".join(f"word{i}" for i in range(shown)) + (" …" if words > 40 else "")
    assert quoted == expected


words_of_any_kind = st.lists(
    st.sampled_from(["word", "…", "a…", "é", "<b>", "&amp;", ""])
    | st.text(st.characters(blacklist_categories=["Cs"]), max_size=8),
    max_size=60,
)
separators = st.sampled_from([" ", "  ", "\n", "\t", "\u00a0", "\u2028", " \r\n "])


@given(words_of_any_kind, separators, st.integers(min_value=1, max_value=45))
def test_first_words_is_djangos_truncator_without_the_lazy_object(words, separator, count):
    text = separator.join(words)
    assert first_words(text, count) == Truncator(text).words(count, truncate=" …")


HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "Terms & <b>bold</b>"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_cell_escapes_the_clause_its_section_and_the_names(client, quoted_clause, hostile):
    Clause.objects.filter(pk=quoted_clause.pk).update(text=hostile, section=hostile)
    Party.objects.filter(pk=quoted_clause.version.document.vendor_id).update(name=hostile)
    TermsDocument.objects.filter(pk=quoted_clause.version.document_id).update(title=hostile)

    page = cell_text(client, "2025-01-01")

    assert hostile not in page
    assert escape(hostile) in re.search(r"<blockquote>(.*?)</blockquote>", page, re.S).group(1)
    assert f"History of {escape(hostile)}'s No competing models clause" in page


def test_a_cell_cites_its_document_section_and_version_and_links_its_history(client, quoted_clause):
    version = quoted_clause.version

    page = cell_text(client, "2025-01-01")

    cell = re.search(r'<td class="cell status-present">(.*?)</td>', page, re.S).group(1)
    assert f'<a href="{version.document.get_absolute_url()}">' in cell
    assert ", 2(c); " in cell
    assert f'<a href="{version_url(version)}">{version.in_force_display}</a>' in cell
    history = (
        reverse("portal:clause_history") + "?vendor=vendor-lab&amp;category=no-competing-models"
    )
    assert f'href="{history}"' in cell
