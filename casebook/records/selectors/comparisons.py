"""Side-by-side comparison of allegations, one row per accused party."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from casebook.records.models import AccusedParty, Allegation, FigureBasis, Party, Source


@dataclass(frozen=True)
class ComparisonRow:
    """One column of the allegation comparison: a whole allegation or one accused party."""

    key: str
    label: str
    allegation: Allegation
    accused: AccusedParty | None
    accuser: Party
    date_display: str
    venue: str
    accounts: int | None
    accounts_qualifier: str
    exchanges: int | None
    exchanges_qualifier: str
    figures_basis: str
    capabilities: list[str]
    techniques: list[str]
    legal_theories: list[str]
    response: str
    status: str
    source_count: int

    @property
    def figures_basis_display(self) -> str:
        return FigureBasis(self.figures_basis).label


class UnknownComparisonKey(ValueError):
    """A comparison key that names no public allegation or accused party."""

    def __init__(self, key: str) -> None:
        super().__init__(f"Unknown comparison key: {key!r}")
        self.key = key


def _comparable_allegations(slugs: Iterable[str] | None = None) -> list[Allegation]:
    """Public allegations by public accusers, with what the comparison shows. Five queries."""
    allegations = Allegation.objects.public().filter(accuser__in=Party.objects.public())
    if slugs is not None:
        allegations = allegations.filter(slug__in=list(slugs))
    accused = (
        AccusedParty.objects.public()
        .select_related("party")
        .prefetch_related("capabilities", "techniques")
    )
    return list(
        allegations.select_related("accuser")
        .annotate(
            public_source_count=Count(
                "citations__source",
                filter=Q(citations__source__in=Source.objects.public()),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch("accused", queryset=accused, to_attr="public_accused"), "legal_theories"
        )
    )


def _comparison_row(allegation: Allegation, accused: AccusedParty | None) -> ComparisonRow:
    accuser = allegation.accuser
    date_display = allegation.made_on_display
    context = f"({accuser.display_name}, {date_display})"
    if accused is None:
        rows = allegation.public_accused
        key, label = allegation.slug, f"Whole allegation {context}"
        figures, response = allegation, ""
    else:
        rows = [accused]
        key, label = (
            f"{allegation.slug}/{accused.party.slug}",
            f"{accused.party.display_name} {context}",
        )
        figures, response = accused, accused.get_response_display()

    def names(attribute: str) -> list[str]:
        terms = {t.pk: t for row in rows for t in getattr(row, attribute).all()}
        return [t.name for t in sorted(terms.values(), key=lambda t: t.name)]

    return ComparisonRow(
        key=key,
        label=label,
        allegation=allegation,
        accused=accused,
        accuser=accuser,
        date_display=date_display,
        venue=allegation.get_venue_display(),
        accounts=figures.accounts,
        accounts_qualifier=figures.accounts_qualifier,
        exchanges=figures.exchanges,
        exchanges_qualifier=figures.exchanges_qualifier,
        figures_basis=figures.figures_basis,
        capabilities=names("capabilities"),
        techniques=names("techniques"),
        legal_theories=[t.name for t in allegation.legal_theories.all()],
        response=response,
        status=allegation.get_status_display(),
        source_count=allegation.public_source_count,
    )


def comparison_rows(keys: Sequence[str]) -> list[ComparisonRow]:
    """The comparison rows for ``keys``, in the order given.

    A key is an allegation's slug (the whole allegation, with its own totals)
    or "<allegation-slug>/<party-slug>" (one accused party's row). Raises
    :class:`UnknownComparisonKey` for a key that names nothing public.
    """
    keys = list(keys)
    if not keys:
        return []
    parsed = [(key, *key.split("/", 1)) if "/" in key else (key, key, None) for key in keys]
    allegations = {a.slug: a for a in _comparable_allegations(slug for _, slug, _ in parsed)}
    rows = []
    for key, slug, party_slug in parsed:
        allegation = allegations.get(slug)
        if allegation is None:
            raise UnknownComparisonKey(key)
        accused = None
        if party_slug is not None:
            accused = next(
                (a for a in allegation.public_accused if a.party.slug == party_slug), None
            )
            if accused is None:
                raise UnknownComparisonKey(key)
        rows.append(_comparison_row(allegation, accused))
    return rows


def comparison_choices(keys: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Every public comparison key with its label, newest allegation first, for pickers.

    With ``keys``, only the keys of the allegations those name (an allegation's
    slug, or "<allegation-slug>/<party-slug>"): five queries whatever their number.
    """
    slugs = None if keys is None else {key.split("/", 1)[0] for key in keys}
    choices = []
    for allegation in _comparable_allegations(slugs):
        for accused in (None, *allegation.public_accused):
            row = _comparison_row(allegation, accused)
            choices.append((row.key, row.label))
    return choices
