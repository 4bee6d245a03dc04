"""Nothing private leaks, through links either: a crawl of every public URL.

Draft, in-review and retracted records of every type are linked both ways to
published ones (a published allegation accusing a hidden party, citing a hidden
source, breaching a clause of hidden terms; published events of hidden records;
hidden records accusing, citing and naming published ones ...). Every text field
of every hidden row holds the marker, and so does the slug of every record that
never was public (a retracted record's slug, date and note are public: they are
its tombstone). Then every public URL of the portal and the API is fetched, and
the marker must appear in none of them; every ``q`` filter and search that could
match the hidden text must find nothing.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.db import models
from django.urls import reverse

from casebook.api.serializers import clause_key, version_key
from casebook.portal.forms import ClauseHistoryForm
from casebook.portal.sitemaps import SITEMAPS
from casebook.records import selectors
from casebook.records.models import (
    RECORD_MODELS,
    Clause,
    EditorialStatus,
    Party,
    PublishableModel,
    TermsDocument,
    TermsVersion,
)
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CapabilityFactory,
    CaseFactory,
    CasePartyFactory,
    CitationFactory,
    ClauseCategoryFactory,
    ClauseFactory,
    EventFactory,
    GuidanceFactory,
    HoldingFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
)

pytestmark = pytest.mark.django_db

MARK = "zqmark"
DRAFT, IN_REVIEW, PUBLISHED, RETRACTED = (
    EditorialStatus.DRAFT,
    EditorialStatus.IN_REVIEW,
    EditorialStatus.PUBLISHED,
    EditorialStatus.RETRACTED,
)
HIDDEN = (DRAFT, IN_REVIEW, RETRACTED)
PORTAL_TYPES = ("party", "source", "terms", "allegation", "case", "settlement", "guidance", "event")
API_LISTS = (*PORTAL_TYPES, "terms-version", "clause")


def mark(obj: models.Model, tag: str, *, keep_note: bool = False) -> None:
    """Put the marker in every text field of ``obj`` (URLs and JSON lists included)."""
    values = {}
    for field in type(obj)._meta.concrete_fields:
        name = field.name
        if name in ("slug", "editorial_status") or field.choices or (keep_note and "note" in name):
            continue
        if isinstance(field, models.URLField):
            values[name] = f"https://example.org/{MARK}-{tag}"
        elif isinstance(field, models.CharField | models.TextField):
            if field.max_length and field.max_length < 20:
                continue  # codes (country, currency)
            values[name] = f"{MARK} {tag} {name}"[: field.max_length]
        elif isinstance(field, models.JSONField):
            values[name] = [f"{MARK} {tag}"]
    type(obj).objects.filter(pk=obj.pk).update(**values)


def hidden_slug(n: int, status: str, kind: str) -> str:
    """Slugs of records that never were public carry the marker; retracted ones are public."""
    return f"gone-{n}-{kind}" if status == RETRACTED else f"{MARK}-{n}-{kind}"


def hide(record: PublishableModel, n: int, kind: str, status: str) -> PublishableModel:
    mark(record, f"{n}-{kind}", keep_note=status == RETRACTED)
    if status == RETRACTED:
        type(record).objects.filter(pk=record.pk).update(
            retraction_note="Withdrawn.",
            retracted_at=datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC),
        )
    return record


@pytest.fixture
def world(db):
    """A published world with hidden records of every type linked to it both ways."""
    category = ClauseCategoryFactory(slug=selectors.COMPETING_MODELS_CATEGORY)
    vendor = PartyFactory(slug="vendor", name="Vendor Lab")
    accused = PartyFactory(slug="accused", name="Accused Lab")
    court = PartyFactory(slug="court", name="The Court", kind=Party.Kind.COURT)
    terms = TermsDocumentFactory(slug="vendor-terms", vendor=vendor)
    ClauseFactory(version__document=terms, category=category)
    allegation = AllegationFactory(slug="allegation", accuser=vendor)
    AccusedPartyFactory(allegation=allegation, party=accused)
    case = CaseFactory(slug="case", court=court)
    CasePartyFactory(case=case, party=accused)
    SettlementFactory(slug="settlement", case=case)
    guidance = GuidanceFactory(slug="guidance", issuer=vendor, case=case)
    HoldingFactory(guidance=guidance)
    EventFactory(slug="event").parties.add(vendor)

    for n, status in enumerate(HIDDEN):
        kw = {"editorial_status": status}

        def slug(kind, n=n, status=status):
            return hidden_slug(n, status, kind)

        # Hidden records of every type, pointing at published ones.
        party = hide(PartyFactory(slug=slug("party"), **kw), n, "party", status)
        source = hide(SourceFactory(slug=slug("source"), **kw), n, "source", status)
        hidden_terms = TermsDocumentFactory(slug=slug("terms"), vendor=vendor, **kw)
        clause = ClauseFactory(
            version__document=hidden_terms,
            version__effective_from=datetime.date(2020, 1, 1),
            category=category,
        )
        mark(clause, f"{n}-clause")
        mark(clause.version, f"{n}-version")
        hide(hidden_terms, n, "terms", status)
        hidden_allegation = AllegationFactory(slug=slug("allegation"), accuser=vendor, **kw)
        mark(AccusedPartyFactory(allegation=hidden_allegation, party=accused), f"{n}-row")
        hide(hidden_allegation, n, "allegation", status)
        hidden_case = CaseFactory(slug=slug("case"), court=court, **kw)
        mark(CasePartyFactory(case=hidden_case, party=accused), f"{n}-case-party")
        hide(hidden_case, n, "case", status)
        hidden_settlement = SettlementFactory(slug=slug("settlement"), case=case, **kw)
        hide(hidden_settlement, n, "settlement", status)
        hidden_guidance = GuidanceFactory(
            slug=slug("guidance"), issuer=vendor, case=case, superseded_by=guidance, **kw
        )
        mark(HoldingFactory(guidance=hidden_guidance), f"{n}-holding")
        hide(hidden_guidance, n, "guidance", status)
        hidden_event = EventFactory(slug=slug("event"), **kw)
        hidden_event.parties.add(vendor)
        hide(hidden_event, n, "event", status)
        hidden_records = {
            "allegation": hidden_allegation,
            "case": hidden_case,
            "settlement": hidden_settlement,
            "guidance": hidden_guidance,
            "terms_document": hidden_terms,
        }
        # Published events of hidden records: hidden by the rule, so marked too.
        for field, record in hidden_records.items():
            event = EventFactory(slug=f"{MARK}-{n}-event-of-{field}", **{field: record})
            mark(event, f"{n}-event-of-{field}")

        # Published records pointing at hidden ones.
        cited = AllegationFactory(slug=f"cites-hidden-{n}", accuser=vendor, breached_clause=clause)
        row = AccusedPartyFactory(allegation=cited, party=party)
        capability = CapabilityFactory(slug=f"hidden-capability-{n}")
        row.capabilities.add(capability)
        mark(row, f"{n}-hidden-row")
        AccusedPartyFactory(allegation=cited, party=accused, response_source=source)
        mark(CitationFactory(record=cited, source=source), f"{n}-citation")
        hidden_case.allegations.add(cited)
        case.allegations.add(hidden_allegation)
        mark(CasePartyFactory(case=case, party=party), f"{n}-case-row")
        AllegationFactory(slug=f"accuser-hidden-{n}", accuser=party)
        CaseFactory(slug=f"court-hidden-{n}", court=party)
        GuidanceFactory(
            slug=f"issuer-hidden-{n}", issuer=party, case=hidden_case, superseded_by=hidden_guidance
        )
        TermsDocumentFactory(slug=f"vendor-hidden-{n}", vendor=party)
        only_in_hidden_case = PartyFactory(slug=f"only-in-hidden-case-{n}")
        CasePartyFactory(case=hidden_case, party=only_in_hidden_case)
        SettlementFactory(slug=f"settles-hidden-{n}", case=hidden_case)
        EventFactory(slug=f"names-hidden-{n}").parties.add(party)
    return {"vendor": vendor, "category": category}


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_urls(world) -> list[str]:
    """Every public URL of the portal and the API over the world."""
    urls = [
        reverse("portal:home"),
        reverse("portal:methodology"),
        reverse("portal:timeline"),
        reverse("portal:terms_matrix") + "?on=2026-01-01",
        reverse("portal:terms_matrix") + "?on=2026-01-01&compare_on=2020-01-01",
        reverse("portal:compare"),
        reverse("portal:search") + "?q=Party",
        reverse("portal:search") + "?q=Allegation",
        reverse("portal:feed"),
        reverse("portal:sitemap"),
        *(reverse("portal:sitemap_section", args=[key]) for key in SITEMAPS),
        reverse("api:timeline"),
        reverse("api:timeline") + "?format=csv",
        reverse("api:terms-matrix") + "?on=2026-01-01",
        reverse("api:compare"),
        reverse("api:search") + "?q=Party",
        reverse("api:search") + "?q=Allegation&format=csv",
        reverse("api:dump"),
    ]
    for kind in PORTAL_TYPES:
        urls += [reverse(f"portal:{kind}_list"), reverse(f"portal:{kind}_list") + "?format=csv"]
    for kind in API_LISTS:
        url = reverse(f"api:{kind}-list")
        urls += [url + "?page_size=500", url + "?format=csv"]
        if kind != "clause":
            urls.append(url + "?updated_since=2000-01-01&page_size=500")
    for model in RECORD_MODELS:
        for record in model.objects.public():
            urls.append(record.get_absolute_url())
            api_name = {TermsDocument: "terms"}.get(model, model._meta.model_name)
            urls.append(reverse(f"api:{api_name}-detail", kwargs={"slug": record.slug}))
    for party in Party.objects.public():
        urls.append(reverse("portal:timeline") + f"?party={party.slug}")
        urls.append(reverse("api:timeline") + f"?party={party.slug}")
        urls.append(
            reverse("portal:clause_history")
            + f"?vendor={party.slug}&category={world['category'].slug}"
        )
        urls.append(
            reverse("api:clause-in-force")
            + f"?vendor={party.slug}&category={world['category'].slug}&on=2026-01-01"
        )
    for version in TermsVersion.objects.public():
        document, date = version_key(version).split("/")
        urls.append(
            reverse("api:terms-version-detail", kwargs={"document": document, "date": date})
        )
    for clause in Clause.objects.public():
        document, date, category = clause_key(clause).split("/")
        kwargs = {"document": document, "date": date, "category": category}
        urls.append(reverse("api:clause-detail", kwargs=kwargs))
    keys = [key for key, _ in selectors.comparison_choices()]
    for first, second in itertools.pairwise(keys):
        urls.append(reverse("portal:compare") + f"?key={first}&key={second}")
        urls.append(reverse("api:compare") + f"?key={first}&key={second}")
    return urls


def test_no_public_url_shows_anything_of_a_hidden_record(client, world):
    urls = public_urls(world)
    assert len(urls) > 250
    # A clause history asked for a vendor with no public terms document is a 400 naming
    # `vendor` (the same answer as for a slug that does not exist): it must leak nothing.
    vendors = set(ClauseHistoryForm.base_fields["vendor"].queryset.values_list("slug", flat=True))
    history = reverse("portal:clause_history")
    leaks, errors = [], []
    for url in urls:
        cache.clear()  # the crawl is far above the anonymous API rate
        response = client.get(url)
        expected = 200
        if url.startswith(history) and url.split("vendor=")[1].split("&")[0] not in vendors:
            expected = 400
        if response.status_code != expected:
            errors.append((url, response.status_code))
        elif MARK in text_of(response).lower():
            leaks.append(url)
    assert errors == []
    assert leaks == []


def test_hidden_records_answer_404_or_410_and_their_events_404(client, world):
    for model in RECORD_MODELS:
        for record in model.objects.exclude(pk__in=model.objects.public()):
            api_name = {TermsDocument: "terms"}.get(model, model._meta.model_name)
            retracted = record.editorial_status == RETRACTED
            expected = 410 if retracted else 404
            cache.clear()
            portal = client.get(record.get_absolute_url())
            api = client.get(reverse(f"api:{api_name}-detail", kwargs={"slug": record.slug}))
            assert (portal.status_code, api.status_code) == (expected, expected), record.slug
            assert MARK not in api.content.decode().lower(), record.slug
            if not retracted:
                assert MARK not in portal.content.decode().lower().replace(record.slug, ""), (
                    record.slug
                )


def search_urls(world) -> list[tuple[str, dict]]:
    """Every ``q`` filter and search, asked for text that only hidden rows hold."""
    found = [(reverse(f"api:{kind}-list"), {"q": MARK}) for kind in (*PORTAL_TYPES, "clause")]
    found += [
        (reverse("api:search"), {"q": MARK}),
        (reverse("api:allegation-list"), {"q": f"{MARK} 0-hidden-row"}),
        (reverse("api:allegation-list"), {"capability": "hidden-capability-0"}),
        (reverse("api:allegation-list"), {"capability": "hidden-capability-2"}),
        (reverse("api:settlement-list"), {"party": "only-in-hidden-case-0"}),
        (reverse("api:settlement-list"), {"party": "only-in-hidden-case-1"}),
    ]
    return found


def test_no_filter_or_search_matches_text_or_links_it_does_not_show(client, world):
    answered = {}
    for url, params in search_urls(world):
        cache.clear()
        data = client.get(url, params).json()
        answered[(url, str(params))] = data["count"]
    assert set(answered.values()) == {0}, answered

    cache.clear()
    portal_search = client.get(reverse("portal:search"), {"q": MARK}).context
    assert portal_search["results"].hits == []
    assert sum(portal_search["results"].counts.values()) == 0
    parties = client.get(reverse("portal:party_list"), {"q": MARK}).context["object_list"]
    assert list(parties) == []
    for n in range(len(HIDDEN)):
        settlements = client.get(
            reverse("portal:settlement_list"), {"party": f"only-in-hidden-case-{n}"}
        ).context["object_list"]
        assert list(settlements) == [], n
