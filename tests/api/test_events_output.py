"""The events endpoints' exact bytes, pinned, so a faster serializer cannot change them.

The world mixes what the events serializer must get right: an event of each
record type, one whose record is a draft (left out), public and draft parties,
citations of public and draft sources, a blank description, imprecise dates,
topics. Time is frozen, so the timestamps are the same on every run; every slug
is explicit, so factory sequences do not leak in. ``golden/events.json`` holds
the answers of the serializer as it was before the events list was optimised
(issue #12 item 6); regenerate it only for an intended change of the output.
"""

import datetime
import json
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse

from casebook.records.models import DatePrecision, EditorialStatus, Event, Party, Source
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    CitationFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    TermsDocumentFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden" / "events.json"
FROZEN = datetime.datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=datetime.UTC)

#: (name, URL name, URL kwargs, query parameters) of each pinned answer.
REQUESTS = [
    ("list", "api:event-list", {}, {}),
    ("list-filing-page-2", "api:event-list", {}, {"kind": "filing", "page_size": "2", "page": "2"}),
    ("list-fields", "api:event-list", {}, {"fields": "slug,record,parties,date_precision"}),
    ("list-omit", "api:event-list", {}, {"omit": "citations,description,topics"}),
    ("list-ordering", "api:event-list", {}, {"ordering": "-date"}),
    ("list-csv", "api:event-list", {}, {"format": "csv"}),
    ("detail", "api:event-detail", {"slug": "event-allegation"}, {}),
    ("detail-no-record", "api:event-detail", {"slug": "event-alone"}, {}),
]


def source(slug: str, **kwargs) -> Source:
    return SourceFactory(slug=slug, title=f"Source {slug}", **kwargs)


def event(slug: str, day: datetime.date, kind: str, **kwargs) -> Event:
    cite = kwargs.pop("cite", False)
    kwargs.setdefault("headline", f"Headline {slug}")
    made = EventFactory(slug=slug, date=day, kind=kind, cite=False, **kwargs)
    if cite:
        for pinpoint, cited in cite:
            CitationFactory(record=made, source=cited, pinpoint=pinpoint)
    return made


def build_world() -> None:
    """The events above, with explicit slugs (see the module docstring)."""
    accuser = PartyFactory(slug="party-accuser", name="Accuser Lab", cite=False)
    hidden = PartyFactory(
        slug="party-draft", name="Draft Party", editorial_status=EditorialStatus.DRAFT, cite=False
    )
    court = PartyFactory(slug="party-court", name="A Court", kind=Party.Kind.COURT, cite=False)
    agency = PartyFactory(slug="party-agency", name="An Agency", kind=Party.Kind.AGENCY, cite=False)
    topic = TopicFactory(slug="distillation", name="Distillation")
    other_topic = TopicFactory(slug="copyright", name="Copyright")
    public_source = source("source-public")
    second_source = source("source-second", url="")
    draft_source = source("source-draft", editorial_status=EditorialStatus.DRAFT)

    allegation = AllegationFactory(
        slug="allegation-one", title="An allegation", accuser=accuser, cite=False
    )
    case = CaseFactory(slug="case-one", name="Lab v. Lab", court=court, cite=False)
    settlement = SettlementFactory(
        slug="settlement-one", case=case, title="A settlement", cite=False
    )
    guidance = GuidanceFactory(slug="guidance-one", issuer=agency, title="A report", cite=False)
    document = TermsDocumentFactory(
        slug="terms-one", title="Terms of Use", vendor=accuser, cite=False
    )
    draft_case = CaseFactory(
        slug="case-draft", court=court, editorial_status=EditorialStatus.DRAFT, cite=False
    )

    first = event(
        "event-allegation",
        datetime.date(2025, 2, 1),
        Event.Kind.STATEMENT,
        allegation=allegation,
        date_precision=DatePrecision.MONTH,
        description="Said so in a *post*.",
        caveats="Unconfirmed.",
        published_at=datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
        cite=[("p. 2", public_source), ("p. 1", public_source), ("s. 3", draft_source)],
    )
    first.parties.add(accuser, hidden)
    first.topics.add(topic, other_topic)
    event("event-case", datetime.date(2024, 8, 19), Event.Kind.FILING, case=case).parties.add(court)
    event(
        "event-settlement",
        datetime.date(2025, 9, 5),
        Event.Kind.SETTLEMENT,
        settlement=settlement,
        cite=[("", second_source)],
    )
    event(
        "event-guidance",
        datetime.date(2025, 1, 1),
        Event.Kind.PUBLICATION,
        guidance=guidance,
        date_precision=DatePrecision.YEAR,
    )
    event("event-terms", datetime.date(2023, 3, 14), Event.Kind.POLICY, terms_document=document)
    event("event-draft-record", datetime.date(2024, 1, 2), Event.Kind.FILING, case=draft_case)
    event(
        "event-draft",
        datetime.date(2024, 1, 3),
        Event.Kind.FILING,
        editorial_status=EditorialStatus.DRAFT,
    )
    alone = event(
        "event-alone",
        datetime.date(2024, 1, 4),
        Event.Kind.FILING,
        headline="Décision « provisoire » — 日本",
        date_precision=DatePrecision.APPROXIMATE,
    )
    alone.topics.add(topic)
    event("event-filing-2", datetime.date(2024, 1, 5), Event.Kind.FILING)
    event(
        "event-filing-3",
        datetime.date(2024, 1, 5),
        Event.Kind.FILING,
        cite=[("x", public_source)],
    )


def answers(api) -> dict[str, str]:
    """Each pinned request's status and body, as text."""
    out = {}
    for name, url_name, kwargs, params in REQUESTS:
        response = api.get(reverse(url_name, kwargs=kwargs), params)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        out[name] = f"{response.status_code}\n{body.decode()}"
    return out


@time_machine.travel(FROZEN, tick=False)
def test_events_answers_are_byte_for_byte_the_pinned_ones(api):
    build_world()
    got = answers(api)
    expected = json.loads(GOLDEN.read_text())
    for name in expected:
        assert got[name] == expected[name], name
    assert set(got) == set(expected)
