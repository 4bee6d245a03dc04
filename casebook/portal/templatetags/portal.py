"""Template filters and tags of the research portal."""

from __future__ import annotations

import datetime
from decimal import Decimal

import markdown as markdown_lib
import nh3
from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from casebook.records.models import Qualifier, format_date
from casebook.records.selectors import Snippet

register = template.Library()

#: HTML that analysts' Markdown may produce; anything else is stripped by nh3.
MARKDOWN_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h3", "h4", "h5", "h6", "hr", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


@register.filter(is_safe=True)
def markdown(text: str | None) -> SafeString:
    """Render an analyst's Markdown field as sanitised HTML.

    Markdown may contain raw HTML, so the output goes through nh3: scripts,
    event handlers, styles and ``javascript:`` links are removed, and links get
    ``rel="noopener noreferrer"``.
    """
    return render_markdown(text)


def render_markdown(text: str | None) -> SafeString:
    """Markdown to sanitised HTML: the pipeline of the ``markdown`` filter, for Python callers."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(html, tags=MARKDOWN_TAGS, url_schemes={"http", "https", "mailto"}))


@register.filter
def precise_date(value: datetime.date | None, precision: str = "day") -> str:
    """Show a date at its precision, e.g. ``{{ a.made_on|precise_date:a.made_on_precision }}``."""
    return format_date(value, precision or "day")


@register.filter
def qualified(value: int | Decimal | None, qualifier: str = Qualifier.EXACT) -> str:
    """A figure with its qualifier: "over 16,000,000", "about 24,000"; "—" when unknown."""
    if value is None:
        return "—"
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    number = intcomma(value)
    if qualifier in ("", Qualifier.EXACT):
        return number
    return f"{Qualifier(qualifier).label} {number}"


@register.filter
def money(amount: Decimal | None, currency: str = "USD") -> str:
    """An amount with its currency code: "USD 1,500,000,000"; "—" when unknown."""
    if amount is None:
        return "—"
    if amount == amount.to_integral_value():
        return f"{currency} {intcomma(int(amount))}"
    return f"{currency} {intcomma(f'{amount:.2f}')}"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (``None`` removes one).

    Used by pagination and ordering links so the filters stay in the URL. With no
    parameter left it is the page's path: a bare ``?`` means the same in a browser, but
    Python's ``urljoin`` (and so scripts and test clients) keeps the old query for it.

    A page that answered for a value it chose itself (the terms matrix's date, today
    when none is asked for) names it in ``pinned_parameters`` (name → value); each link
    then carries it unless the link changes it, so the next page, asked for after
    midnight, answers for the same date.
    """
    params = context["request"].GET.copy()
    for key, value in context.get("pinned_parameters", {}).items():
        params.setdefault(key, value)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else context["request"].path


@register.filter
def record_link(record) -> SafeString:
    """Link to a record's portal page; a record that is not public is named as such, never shown.

    Use it for every reference from one record to another (an allegation's
    accuser, a settlement's case ...), so a draft record never leaks by name.
    """
    if record is None:
        return mark_safe("—")
    if not getattr(record, "is_public", False):
        return mark_safe('<span class="not-public">[record not public]</span>')
    name = getattr(record, "display_name", None) or str(record)
    return format_html('<a href="{}">{}</a>', record.get_absolute_url(), name)


@register.filter
def public_name(record) -> str:
    """A linked record's name in plain text (titles, descriptions); hidden when not public."""
    if record is None or not getattr(record, "is_public", False):
        return "[record not public]"
    return getattr(record, "display_name", None) or str(record)


@register.filter
def clause_status(value: str) -> str:
    """The reader's label of a clause status: "In force", "Not reviewed" ..."""
    from casebook.records.selectors import ClauseStatus

    try:
        return ClauseStatus(value).label
    except ValueError:
        return value


@register.filter
def snippet_html(snippet: Snippet) -> SafeString:
    """A search snippet as HTML: its text escaped, each match in ``<mark>``."""
    return mark_safe(  # noqa: S308 - every part is escaped by format_html or escape
        "".join(
            format_html("<mark>{}</mark>", text) if is_match else escape(text)
            for text, is_match in snippet.parts
        )
    )
