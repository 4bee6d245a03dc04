"""A terms version's full text as HTML, its confirmed clauses highlighted and anchored.

The text is Markdown as Open Terms Archive keeps it. It goes through the
portal's one Markdown pipeline (:func:`casebook.portal.templatetags.portal.render_markdown`,
sanitised by nh3), with its headings moved two levels down so they sit under
the page's own. Each confirmed clause quotes the text verbatim; where its quote
is found, the first occurrence is wrapped in ``<mark class="clause"
id="clause-<category slug>">`` so the clause list can link to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from django.utils.safestring import SafeString, mark_safe

from casebook.portal.templatetags.portal import MARKDOWN_TAGS, render_markdown
from casebook.records.models import Clause

_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
# Markers made of letters only, so Markdown and nh3 leave them alone.
_START, _END = "QQCASEBOOKCLAUSESTART{}QQ", "QQCASEBOOKCLAUSEEND{}QQ"
_TAGS = MARKDOWN_TAGS | {"mark", "h6"}


@dataclass(frozen=True)
class VersionText:
    """The rendered text, and the anchors (``clause-<slug>``) of the clauses found in it."""

    html: SafeString
    anchors: dict[int, str]


def clause_anchor(clause: Clause) -> str:
    """The id of a clause's highlight in the text: ``clause-<category slug>``."""
    return f"clause-{clause.category.slug}"


def _demote(text: str) -> str:
    """Markdown headings two levels down (``#`` becomes ``###``), at most ``######``."""
    return _HEADING.sub(lambda m: "#" * min(len(m.group(1)) + 2, 6), text)


def render_version_text(text: str, clauses: list[Clause]) -> VersionText:
    """``text`` as sanitised HTML with each found clause marked; see the module docstring.

    A clause whose quote does not occur in the text (a press quote, or a clause
    of another version) is not marked and gets no anchor.
    """
    if not text:
        return VersionText(mark_safe(""), {})
    marked = text
    found: dict[int, str] = {}
    for number, clause in enumerate(clauses):
        quote = clause.text.strip()
        at = marked.find(quote) if quote else -1
        if at < 0:
            continue
        marked = (
            marked[:at]
            + _START.format(number)
            + quote
            + _END.format(number)
            + marked[at + len(quote) :]
        )
        found[clause.pk] = clause_anchor(clause)
    html = str(render_markdown(_demote(marked)))
    for number, clause in enumerate(clauses):
        if clause.pk in found:
            html = html.replace(
                _START.format(number), f'<mark class="clause" id="{found[clause.pk]}">'
            ).replace(_END.format(number), "</mark>")
    # A quote spanning two paragraphs leaves its mark misnested: cleaning again closes it.
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes={**nh3.ALLOWED_ATTRIBUTES, "mark": {"class", "id"}},
        url_schemes={"http", "https", "mailto"},
    )
    return VersionText(mark_safe(cleaned), found)
