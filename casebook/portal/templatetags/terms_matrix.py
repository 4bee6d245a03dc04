"""The cells of the terms matrix page: ``{% load terms_matrix %}``, then, for one row,
``{% matrix_cells cells vendor=vendor compare_on=compare_on history_url=url %}``.

Tags, not ``{% include %}``: a page shows 250 cells or more (25 documents by every
clause category), and rendering a template of a dozen tags per cell was most of the
page's time at the large bench size.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from casebook.portal.matrix import MatrixCell
from casebook.portal.templatetags.portal import clause_status, record_link
from casebook.portal.templatetags.terms_versions import ota_credit, version_link
from casebook.records.models import ClauseCategory, Party, TermsVersion
from casebook.records.selectors import ClauseInForce, ClauseLookup, ClauseStatus

register = template.Library()

#: The parts of a cell that are always the same.
EMPTY = mark_safe("")
CHANGED_CLASS = mark_safe(" cell-changed")
CHANGED_MARK = mark_safe('<strong class="changed-mark">Changed</strong>\n')

#: Words of a clause a cell quotes before " …" (the whole clause is on the version's page).
MATRIX_QUOTE_WORDS = 40


@register.simple_tag(takes_context=True)
def matrix_cells(
    context: template.Context,
    cells: Iterable[MatrixCell],
    *,
    vendor: Party,
    compare_on: datetime.date | None,
    history_url: str,
) -> SafeString:
    """A row's ``<td>`` cells: each with its answer on the page's date; when it changed
    since ``compare_on``, marked so with the answer then; and a link to the history of
    the vendor's clause of its category (``history_url``, the clause history page)."""
    # What every row repeats (a category's part of the history link, its name, the
    # other date) is escaped once per page, not once per cell.
    page = context.render_context.get(MatrixPage)
    if page is None:
        page = context.render_context[MatrixPage] = MatrixPage(compare_on)
    row = MatrixRow(page, vendor, history_url)
    return mark_safe("".join(row.cell(cell) for cell in cells))  # noqa: S308 - format_html's


class MatrixPage:
    """What the rows of one page share, escaped once: the other date's heading and each
    category's part of the history link and name."""

    def __init__(self, compare_on: datetime.date | None):
        self.compare_on = conditional_escape(date_filter(compare_on, "j F Y") if compare_on else "")
        self.categories: dict[int, tuple[SafeString, SafeString]] = {}

    def category(self, category: ClauseCategory) -> tuple[SafeString, SafeString]:
        """(the history link's query for ``category``, its name), escaped."""
        if category.pk not in self.categories:
            self.categories[category.pk] = (
                conditional_escape(urlencode({"category": category.slug})),
                conditional_escape(category.name),
            )
        return self.categories[category.pk]


class MatrixRow:
    """Makes the cells of one row (one document), and makes once what they repeat: the
    vendor's part of the history link, the document's link, and the link and OTA mark of
    the version in force on each date."""

    def __init__(self, page: MatrixPage, vendor: Party, history_url: str):
        self.page = page
        self.vendor_name = conditional_escape(vendor.display_name)
        self.history_query = conditional_escape(
            f"{history_url}?{urlencode({'vendor': vendor.slug})}&"
        )
        self.documents: dict[int, SafeString] = {}
        self.versions: dict[int, SafeString] = {}

    def cell(self, cell: MatrixCell) -> SafeString:
        """One ``<td>``."""
        changed = cell.changed
        then = EMPTY
        if changed:
            then = format_html(
                '\n<div class="matrix-then status-{}">\n<p class="then-date">On {}:</p>\n{}\n'
                "</div>",
                cell.then.status,
                self.page.compare_on,
                self.lookup(cell.then),
            )
        category_query, category_name = self.page.category(cell.now.category)
        return format_html(
            '\n<td class="cell status-{}{}">\n{}{}{}\n<a class="meta" href="{}{}" '
            'aria-label="History of {}\'s {} clause">history</a>\n</td>',
            cell.now.status,
            CHANGED_CLASS if changed else EMPTY,
            CHANGED_MARK if changed else EMPTY,
            self.lookup(cell.now),
            then,
            self.history_query,
            category_query,
            self.vendor_name,
            category_name,
        )

    def lookup(self, lookup: ClauseLookup) -> SafeString:
        """What a cell says on one date: each clause in force quoted (its first
        :data:`MATRIX_QUOTE_WORDS` words) with its document, section and version; or the
        status, with the versions reviewed and found without such a clause."""
        if lookup.status == ClauseStatus.PRESENT:
            return format_html_join(
                "",
                '\n<blockquote>{}</blockquote>\n<p class="meta">{}{}; {}</p>\n',
                (
                    (
                        first_words(item.clause.text),
                        self.document(item),
                        f", {item.clause.section}" if item.clause.section else "",
                        self.version(item),
                    )
                    for item in lookup.clauses
                ),
            )
        if lookup.no_version_in_force:
            return mark_safe('<span class="status">No version in force</span>')
        reviewed = format_html_join(
            "",
            '\n<p class="meta">{}; {}</p>\n',
            ((self.document(item), self.version(item)) for item in lookup.reviewed_without_clause),
        )
        return format_html(
            '<span class="status">{}</span>{}', clause_status(lookup.status), reviewed
        )

    def document(self, item: ClauseInForce) -> SafeString:
        """The document's :func:`record_link`."""
        if item.document.pk not in self.documents:
            self.documents[item.document.pk] = record_link(item.document)
        return self.documents[item.document.pk]

    def version(self, item: ClauseInForce) -> SafeString:
        """The version's :func:`version_link` and :func:`ota_mark`."""
        if item.version.pk not in self.versions:
            self.versions[item.version.pk] = format_html(
                "{}{}", version_link(item.version), ota_mark(item.version)
            )
        return self.versions[item.version.pk]


def first_words(text: str, count: int = MATRIX_QUOTE_WORDS) -> str:
    """``text``'s first ``count`` (1 or more) words, with " …" after them when there were more.

    What Django's ``Truncator(text).words(count, truncate=" …")`` answers (runs of
    whitespace become one space; no " …" is added to a text already ending so),
    without a lazy object for each of a page's 500 quotes: that was a sixth of the
    cells' time.
    """
    words = text.split()
    quote = " ".join(words[:count])
    if len(words) <= count or quote.endswith(" …"):
        return quote
    return quote + " …"


def ota_mark(version: TermsVersion) -> SafeString:
    """The "OTA" mark after an imported version, titled with its credit and pointing to
    the page's note on Open Terms Archive (``#ota-credit``); "" for other versions."""
    if version.origin != TermsVersion.Origin.OTA:
        return mark_safe("")
    return format_html('<sup><a href="#ota-credit" title="{}">OTA</a></sup>', ota_credit(version))
