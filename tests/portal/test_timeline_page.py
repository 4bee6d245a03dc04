"""The timeline page and endpoint: paging in the database, constant queries, events, the chart."""

import datetime
import re
from urllib.parse import urljoin

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from casebook.portal.views import TimelineView
from casebook.records import selectors
from casebook.records.models import EditorialStatus, Party
from tests.factories import (
    AccusedPartyFactory,
    AllegationFactory,
    CaseFactory,
    CasePartyFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    TermsDocumentFactory,
    TermsVersionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


NOT_PUBLIC = [EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.RETRACTED]


def add_timeline_records(n: int) -> None:
    """``n`` public records of every dated type, with parties, topics and events of their own."""
    topic = TopicFactory(slug="timeline-topic")
    party = Party.objects.filter(slug="timeline-party").first()
    party = party or PartyFactory(slug="timeline-party")
    for i in range(n):
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=37 * i)
        accused = AccusedPartyFactory(allegation__made_on=day, party=party)
        accused.allegation.topics.add(topic)
        EventFactory(allegation=accused.allegation, date=day).parties.add(party)
        case_party = CasePartyFactory(case__filed_on=day, party=party)
        case_party.case.topics.add(topic)
        SettlementFactory(
            case=case_party.case,
            announced_on=day,
            preliminary_approval_on=day,
            final_approval_on=day,
        )
        GuidanceFactory(issued_on=day, issuer=party).topics.add(topic)
        TermsVersionFactory(effective_from=day, document__vendor=party)
        EventFactory(date=day).topics.add(topic)


def count_queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return len(captured)


PAGE_PARAMS = [
    {},
    {"party": "timeline-party"},
    {"topic": "timeline-topic", "record_type": ["event", "case"]},
    {"date_from": "2020-01-01", "date_to": "2020-12-31"},
]
API_PARAMS = [{}, {"party": "timeline-party"}, {"topic": "timeline-topic"}]


def test_the_portal_timeline_runs_the_same_queries_at_two_data_sizes(client, monkeypatch):
    """Equal with pages showing every record type; a smaller page never runs more."""
    url = reverse("portal:timeline")
    add_timeline_records(1)
    small = [count_queries(client, url, params) for params in PAGE_PARAMS]
    add_timeline_records(5)
    assert [count_queries(client, url, params) for params in PAGE_PARAMS] == small
    assert max(small) <= 25  # filter choices, count, page, buckets, 6 record types
    monkeypatch.setattr(TimelineView, "paginate_by", 5)
    for params, bound in zip(PAGE_PARAMS, small, strict=True):
        assert count_queries(client, url, params) <= bound
        assert count_queries(client, url, {**params, "page": "2"}) <= bound


def test_the_api_timeline_runs_the_same_queries_at_two_data_sizes(api):
    url = reverse("api:timeline")
    add_timeline_records(1)
    full = [{**params, "page_size": "500"} for params in API_PARAMS]
    small = [count_queries(api, url, params) for params in full]
    add_timeline_records(5)
    assert [count_queries(api, url, params) for params in full] == small
    for params, bound in zip(API_PARAMS, small, strict=True):
        # A small page may show fewer record types (one query each), never more queries.
        assert count_queries(api, url, {**params, "page_size": "2"}) <= bound
        next_page = api.get(url, {**params, "page_size": "2"}).json()["next"]
        assert count_queries(api, next_page, {}) <= bound


def test_the_api_cursor_walks_the_whole_timeline(api):
    add_timeline_records(3)
    expected = [e.key for e in selectors.timeline_entries()]
    keys, url, params = [], reverse("api:timeline"), {"page_size": "4"}
    while url:
        body = api.get(url, params).json()
        keys.extend(row["key"] for row in body["results"])
        url, params = body["next"], {}
    assert keys == expected
    # And back from the last page.
    last = api.get(reverse("api:timeline"), {"page_size": "4"}).json()
    while last["next"]:
        last = api.get(last["next"]).json()
    back, previous = [row["key"] for row in last["results"]], last["previous"]
    while previous:
        body = api.get(previous).json()
        back[:0] = [row["key"] for row in body["results"]]
        previous = body["previous"]
    assert back == expected


@pytest.mark.parametrize("cursor", ["YXwyMDI1LTEzLTAxfGs=", "eHx8", "%%%"])
def test_a_bad_cursor_is_a_400_naming_it(api, cursor):
    response = api.get(reverse("api:timeline"), {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.content.decode()


def test_events_filter_by_their_own_kind_on_the_portal_and_the_api(client, api):
    allegation = AllegationFactory()
    attached = [
        EventFactory(allegation=allegation),
        EventFactory(case=CaseFactory()),
        EventFactory(settlement=SettlementFactory()),
        EventFactory(guidance=GuidanceFactory()),
        EventFactory(terms_document=TermsDocumentFactory()),
    ]
    standalone = EventFactory()
    expected = sorted(f"event:{e.slug}" for e in [*attached, standalone])

    page = client.get(reverse("portal:timeline"), {"record_type": "event"})
    api_rows = api.get(reverse("api:timeline"), {"record_type": "event"}).json()["results"]

    assert sorted(e.key for e in page.context["entries"]) == expected
    assert sorted(row["key"] for row in api_rows) == expected
    assert {row["record_type"] for row in api_rows} == {"event"}
    # An attached event still links to its record.
    by_key = {row["key"]: row for row in api_rows}
    assert by_key[f"event:{attached[0].slug}"]["record"]["slug"] == allegation.slug
    only_allegations = client.get(reverse("portal:timeline"), {"record_type": "allegation"})
    assert [e.key for e in only_allegations.context["entries"]] == [
        f"allegation:{allegation.slug}:made_on"
    ]


def test_a_one_month_filter_draws_day_ticks(client):
    for day in (2, 2, 9, 17, 28):
        EventFactory(date=datetime.date(2025, 9, day))
    EventFactory(date=datetime.date(2019, 1, 1))

    everything = client.get(reverse("portal:timeline"))
    month = client.get(
        reverse("portal:timeline"), {"date_from": "2025-09-01", "date_to": "2025-09-30"}
    )

    assert everything.context["chart"]["unit"] == "year"
    chart = month.context["chart"]
    assert chart["unit"] == "day"
    labels = [t["label"] for t in chart["ticks"] if t["label"]]
    assert labels[0] == "2 Sep" and "28 Sep" in labels or labels[-1].endswith("Sep")
    assert 'data-unit="day"' in month.content.decode()


def test_same_day_entries_are_distinct_focusable_dots_with_titles(client):
    events = [EventFactory(date=datetime.date(2025, 9, 5)) for _ in range(3)]
    html = client.get(reverse("portal:timeline")).content.decode()

    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', html)
    assert len(circles) == 3 and len(set(circles)) == 3
    for event in events:
        assert f'href="#event:{event.slug}" class="point-link"' in html
        assert f"<title>5 September 2025: {event.headline}</title>" in html
    assert 'tabindex="-1"' not in html
    assert '<title id="chart-title">' in html and '<desc id="chart-desc">' in html


def test_bars_link_to_their_bucket(client):
    for year in (2023, 2024, 2025):
        EventFactory(date=datetime.date(year, 5, 1))
    response = client.get(reverse("portal:timeline"), {"record_type": "event"})
    hrefs = [bar["href"] for bar in response.context["chart"]["bars"]]
    assert len(hrefs) == 3

    zoomed = client.get(urljoin(reverse("portal:timeline"), hrefs[1].replace("&amp;", "&")))

    assert zoomed.status_code == 200
    assert [e.date for e in zoomed.context["entries"]] == [datetime.date(2024, 5, 1)]
    assert zoomed.context["form"].cleaned_data["record_type"] == ["event"]


def test_the_portal_pages_the_timeline(client, monkeypatch):
    monkeypatch.setattr(TimelineView, "paginate_by", 2)
    events = [EventFactory(date=datetime.date(2025, 1, d)) for d in range(1, 6)]

    pages = [client.get(reverse("portal:timeline"), {"page": n}) for n in (1, 2, 3)]

    keys = [e.key for p in pages for e in p.context["entries"]]
    assert keys == [f"event:{e.slug}" for e in events]
    assert "5 entries" in pages[0].content.decode()
    assert pages[0].context["chart"]["total"] == 5


@pytest.mark.parametrize("page", ["4", "0", "x"])
def test_a_page_past_the_end_is_a_400_naming_it(client, page):
    EventFactory()
    response = client.get(reverse("portal:timeline"), {"page": page})
    assert response.status_code == 400
    assert "page" in response.content.decode()


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_hidden_entries_never_reach_the_chart_list_or_counts(client, status):
    shown = EventFactory(date=datetime.date(2025, 6, 23), headline="Shown on the timeline")
    hidden = AllegationFactory(editorial_status=status, title="Hidden allegation")
    EventFactory(allegation=hidden, headline="Event of a hidden allegation")
    EventFactory(editorial_status=status, headline="Hidden event", date=datetime.date(2019, 1, 1))
    GuidanceFactory(editorial_status=status, title="Hidden guidance")

    response = client.get(reverse("portal:timeline"))
    html = response.content.decode()

    assert [e.key for e in response.context["entries"]] == [f"event:{shown.slug}"]
    assert response.context["summary"].count == 1
    assert response.context["chart"]["total"] == 1
    assert response.context["chart"]["unit"] == "day"  # 2019 is not in the range
    for text in (
        "Hidden allegation",
        "Event of a hidden allegation",
        "Hidden event",
        "Hidden guidance",
    ):
        assert text not in html


def test_an_event_page_links_to_the_timeline_page_that_shows_it(client, monkeypatch):
    monkeypatch.setattr(TimelineView, "paginate_by", 2)
    events = [EventFactory(date=datetime.date(2025, 2, d)) for d in range(1, 6)]
    last = events[-1]
    detail = client.get(last.get_absolute_url()).content.decode()
    href = re.search(r'href="([^"]*)">See it on the timeline', detail).group(1)
    href = href.replace("&amp;", "&")
    path, anchor = href.split("#")

    timeline_page = client.get(path)

    assert timeline_page.status_code == 200
    assert anchor == f"event:{last.slug}"
    assert f'id="{anchor}"' in timeline_page.content.decode()


def test_each_bar_names_its_count_in_words_that_agree_with_it(client):
    """A bar of one entry says "1 entry" to a screen reader, as its tooltip does."""
    EventFactory(date=datetime.date(2015, 3, 1))
    for day in (1, 2, 3):
        EventFactory(date=datetime.date(2024, 5, day))
    page = client.get(reverse("portal:timeline")).content.decode()
    labels = re.findall(r'class="bar-link" aria-label="[^"]*: (\d+) (entry|entries)"', page)
    assert ("1", "entry") in labels and ("3", "entries") in labels
    assert all((count == "1") == (word == "entry") for count, word in labels)
