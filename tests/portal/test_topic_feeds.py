"""Follow a topic: every filtered list and the timeline as an Atom feed of the same filter."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from casebook.records.models import EditorialStatus
from tests.factories import AccusedPartyFactory, AllegationFactory, EventFactory
from tests.portal.conftest import build_world

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
LISTS = ("party", "source", "terms", "allegation", "case", "settlement", "guidance", "event")


def feed(client, url: str, **params):
    response = client.get(url, {**params, "format": "atom"})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entry_links(root) -> list[str]:
    return [
        e.find(f"{ATOM}link").get("href").removeprefix("http://testserver")
        for e in root.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def two_worlds(db):
    """Two linked worlds of public records, and a third of drafts beside them."""
    return build_world(1), build_world(2), build_world(3, status=EditorialStatus.DRAFT)


def test_a_filtered_list_feed_has_the_lists_records_and_no_others(client, two_worlds):
    one, two, drafts = two_worlds
    drafts_accused = AccusedPartyFactory(allegation=drafts.allegation, party=one.accused)

    root = feed(client, reverse("portal:allegation_list"), party=one.accused.slug)

    assert entry_links(root) == [one.allegation.get_absolute_url()]
    assert drafts_accused.allegation.get_absolute_url() not in entry_links(root)
    assert one.accused.name in root.find(f"{ATOM}title").text
    # The feed's id and link are the list page with the same filter.
    alternate = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate.endswith(f"/allegations/?party={one.accused.slug}")
    # Entry ids are the records' URLs; "updated" is the record's own change time.
    entry = root.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text.endswith(one.allegation.get_absolute_url())
    one.allegation.refresh_from_db()
    assert entry.find(f"{ATOM}updated").text == one.allegation.updated_at.isoformat()
    assert root.find(f"{ATOM}updated").text == one.allegation.updated_at.isoformat()


def test_every_list_feed_is_public_only(client, two_worlds):
    one, two, drafts = two_worlds
    private = {r.get_absolute_url() for r in drafts.records}
    for key in LISTS:
        root = feed(client, reverse(f"portal:{key}_list"))
        links = entry_links(root)
        assert links, key
        assert not private & set(links), key
        assert not any(
            r.title in (e.text or "")
            for r in drafts.records
            for e in root.iter()
            if hasattr(r, "title")
        ), key


def test_each_list_and_the_timeline_announce_their_feed_in_the_head_and_on_the_page(
    client, two_worlds
):
    one = two_worlds[0]
    pages = [reverse(f"portal:{key}_list") for key in LISTS] + [reverse("portal:timeline")]
    for page in pages:
        response = client.get(page, {"party": one.accused.slug, "page": "1"})
        html = response.content.decode()
        head = html.split("</head>")[0]
        href = f"?party={one.accused.slug}&amp;format=atom"
        assert '<link rel="alternate" type="application/atom+xml"' in head, page
        assert f'href="{href}"' in head, page
        body = html.split("</head>")[1]
        assert f'class="feed-link" href="{href}"' in body, page
        feed(client, page, party=one.accused.slug)


def test_a_feed_refuses_the_filters_its_list_refuses(client, two_worlds):
    for page in (reverse("portal:allegation_list"), reverse("portal:timeline")):
        bad = client.get(page, {"party": "no-such-party", "format": "atom"})
        assert bad.status_code == 400 and "party" in bad.content.decode()
        draft_party = two_worlds[2].accused.slug
        hidden = client.get(page, {"party": draft_party, "format": "atom"})
        assert hidden.status_code == 400 and "party" in hidden.content.decode()
        wrong = client.get(page, {"format": "rss"})
        assert wrong.status_code == 400 and "format" in wrong.content.decode()
    bad_date = client.get(
        reverse("portal:event_list"), {"date_from": "2025-13-01", "format": "atom"}
    )
    assert bad_date.status_code == 400 and "date_from" in bad_date.content.decode()


def test_a_timeline_feed_follows_the_filter_with_stable_entry_ids(client, two_worlds):
    one, two, drafts = two_worlds
    root = feed(client, reverse("portal:timeline"), party=one.accused.slug)
    ids = [e.find(f"{ATOM}id").text for e in root.findall(f"{ATOM}entry")]
    links = set(entry_links(root))
    assert one.allegation.get_absolute_url() in links
    assert not links & {r.get_absolute_url() for r in (*two.records, *drafts.records)}
    assert len(ids) == len(set(ids))

    one.allegation.title = "Retitled allegation"
    one.allegation.save()
    again = feed(client, reverse("portal:timeline"), party=one.accused.slug)
    assert sorted(e.find(f"{ATOM}id").text for e in again.findall(f"{ATOM}entry")) == sorted(ids)
    one.allegation.refresh_from_db()
    assert again.find(f"{ATOM}updated").text == one.allegation.updated_at.isoformat()


def test_a_list_feed_costs_the_same_queries_for_more_records(
    client, two_worlds, django_assert_max_num_queries
):
    url = reverse("portal:allegation_list")
    with django_assert_max_num_queries(30) as few:
        feed(client, url)
    baseline = len(few)
    for _ in range(5):
        allegation = AllegationFactory()
        AccusedPartyFactory(allegation=allegation)
    with django_assert_max_num_queries(baseline):
        assert len(entry_links(feed(client, url))) == 7


def test_timeline_feed_entries_say_what_each_is_in_words(client, two_worlds):
    root = feed(client, reverse("portal:timeline"))
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert summaries
    for summary in summaries:
        label = summary.split(",", 1)[0]
        # "Allegation", "Event" …: not an internal code such as "Allegation_made" or "Event:ruling".
        assert "_" not in label and ":" not in label, summary


def test_a_timeline_feed_of_records_changed_together_starts_with_the_latest_facts(client):
    """A dataset load gives every record one change day: the feed then held the 50 oldest
    dated facts (the timeline's order), and a subscriber never saw a new one."""
    first = datetime.date(2024, 1, 1)
    for day in range(60):
        EventFactory(
            date=first + datetime.timedelta(days=day), changed_on=datetime.date(2026, 1, 2)
        )

    root = feed(client, reverse("portal:timeline"))

    titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
    assert len(titles) == 50
    assert titles[0].startswith("29 February 2024")  # the 60th day
    assert titles[-1].startswith("11 January 2024")  # the 11th: the ten oldest are left out


def test_no_feed_entry_is_published_after_its_last_update(client):
    """A load publishes a record at the load's time but keeps the earlier day the dataset
    says it changed; its entries said it was updated before it was published."""
    changed_on = datetime.date(2026, 1, 2)
    allegation = AllegationFactory(made_on=datetime.date(2025, 5, 1), changed_on=changed_on)
    EventFactory(allegation=allegation, changed_on=changed_on)
    AccusedPartyFactory(allegation=allegation)
    for url in (
        reverse("portal:feed"),
        reverse("portal:timeline") + "?format=atom",
        reverse("portal:allegation_list") + "?format=atom",
    ):
        root = ET.fromstring(client.get(url).content)
        entries = root.findall(f"{ATOM}entry")
        assert entries, url
        for entry in entries:
            published = entry.find(f"{ATOM}published").text
            updated = entry.find(f"{ATOM}updated").text
            assert published <= updated, (url, published, updated)
