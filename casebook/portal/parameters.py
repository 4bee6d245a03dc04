"""Query parameters of the portal's pages: a value a page cannot use is a 400 naming it.

A page never ignores a filter it could not read (that would show the
unfiltered list as if it were the answer) and never crashes on one: it answers
"400 Bad Request" with a short page that lists each parameter and what is
wrong with it. Parameters a page does not know (``utm_source`` and the like)
are left alone, so shared links keep working.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse

from casebook.records.filters.repeats import (
    NOT_REPEATABLE,
    repeatable_form_fields,
    repeated_single_values,
)
from casebook.wholenumbers import parse_whole_number


class BadParameters(Exception):
    """Query parameters a page cannot use: ``errors`` maps each name to its messages."""

    def __init__(self, errors: Mapping[str, Iterable[str]]):
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}
        super().__init__(self.errors)


def check_no_nul(query: QueryDict) -> None:
    """Raise :class:`BadParameters` for any parameter whose value holds a NUL character."""
    bad = sorted(n for n, values in query.lists() if any("\x00" in v for v in values))
    if bad:
        raise BadParameters({name: ["Must not contain NUL characters."] for name in bad})


#: What a list says of a ``page`` it has no such page for.
NO_SUCH_PAGE = "No such page of this list."


def check_page_number(query: QueryDict) -> None:
    """Raise :class:`BadParameters` on ``page`` when it is given twice, or is no whole
    number from 1.

    Every page that is paged checks it (:class:`ParameterErrorsMixin`), its downloads
    (CSV, Atom) included: they hold every match and so no page, but refuse a value no
    page could have, as the pages do. Whether a page of that number exists is for the
    paginator to say.
    """
    values = query.getlist("page")
    if len(values) > 1:
        raise BadParameters({"page": [NOT_REPEATABLE]})
    raw = values[0] if values else None
    if raw is not None and not (parse_whole_number(raw) or 0) >= 1:
        raise BadParameters({"page": [NO_SUCH_PAGE]})


def form_data(query: QueryDict, form_class: type[forms.BaseForm]) -> QueryDict | None:
    """The query as a form's data, or None (an unbound form) when it names none of its fields."""
    fields = form_class.base_fields
    return query if any(name in query for name in fields) else None


def check_form(form: forms.BaseForm) -> None:
    """Raise :class:`BadParameters` naming each field of a bound form that did not validate,
    or that takes one value and was given several (see :mod:`casebook.records.filters.repeats`).
    """
    if not form.is_bound:
        return
    repeated = repeated_single_values(form.data, repeatable_form_fields(form.fields))
    repeated = [name for name in repeated if name in form.fields]  # the rest are not the form's
    if repeated:
        raise BadParameters({name: [NOT_REPEATABLE] for name in repeated})
    if not form.is_valid():
        raise BadParameters(form.errors)


def without_empty_values(query: QueryDict) -> QueryDict | None:
    """The query without its empty values (``?party=&topic=x`` → ``?topic=x``); None if it has none.

    A GET form submits every field, filled or not, so a shared link would carry
    ``party=&topic=&date_from=`` noise; an empty value means "no filter" on every
    portal page, so dropping it changes nothing the page shows.
    """
    if not any(value == "" for _, values in query.lists() for value in values):
        return None
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        kept = [value for value in values if value != ""]
        if kept:
            cleaned.setlist(name, kept)
    return cleaned


def bad_parameters_response(request: HttpRequest, error: BadParameters) -> TemplateResponse:
    """The portal's 400 page listing each bad parameter and its messages, with a link to
    the same page without the bad parameters (the others, such as a search's ``q``, kept).

    When none of the parameters named is in the address (a required one is missing),
    that would be the same address again, so the link is to the page without any."""
    without_errors = url_without(request, error.errors)
    if without_errors == url_without(request, []):
        without_errors = request.path
    return TemplateResponse(
        request,
        "portal/bad_parameters.html",
        {"errors": sorted(error.errors.items()), "without_errors_url": without_errors},
        status=400,
    )


def url_without(request: HttpRequest, names: Iterable[str]) -> str:
    """This request's path and query without the parameters ``names`` (every value of each)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


class ParameterErrorsMixin:
    """For portal views: checks for NUL characters, and answers :class:`BadParameters` as a 400.

    A view that is paged (it has ``paginate_by``) has its ``page`` checked here
    (:func:`check_page_number`), in every format it answers in. A GET whose query has
    empty values is redirected (302) to the same URL without them, so the address a
    reader copies carries only the filters in use.
    """

    def dispatch(self, request, *args, **kwargs):
        cleaned = without_empty_values(request.GET) if request.method == "GET" else None
        if cleaned is not None:
            query = cleaned.urlencode()
            return HttpResponseRedirect(request.path + (f"?{query}" if query else ""))
        try:
            check_no_nul(request.GET)
            if getattr(self, "paginate_by", None):
                check_page_number(request.GET)
            response = super().dispatch(request, *args, **kwargs)
            if isinstance(response, TemplateResponse):
                # Context is computed lazily by some views: render here to catch their errors.
                response.render()
            return response
        except BadParameters as error:
            return bad_parameters_response(request, error).render()
