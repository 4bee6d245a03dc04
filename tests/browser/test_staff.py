"""The staff path in a real browser: analysts write, editors publish, two editors at once.

Staff sign in through /admin/login/ with the roles ``setup_roles`` creates, fill the
pages as rendered (autocomplete widgets included) and press the buttons.
"""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from casebook.records.models import Allegation, EditorialStatus, Source
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # the factories' password


@pytest.fixture
def staff(settings):
    """An analyst and an editor, in the groups ``setup_roles`` creates."""
    from django.contrib.auth.models import Group

    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False  # plain http here
    # A fast hash: four sign-ins with the production hasher cost seconds of CPU.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("setup_roles", verbosity=0)
    people = {}
    for role, group in (("analyst", "Analysts"), ("editor", "Editors")):
        user = factories.StaffUserFactory(username=role)
        user.groups.add(Group.objects.get(name=group))
        people[role] = user
    return people


def sign_in(browser, live_server, username):
    """A new browser context signed in through the admin's login page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # 30 s: a save that a busy CI machine (the PostgreSQL pass, two test processes and
    # a browser on two cores) served in over 10 s once failed an unrelated run; a save
    # that hangs still fails.
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def choose(page, select_id, text):
    """Pick ``text`` in the autocomplete widget that replaces ``<select id=select_id>``."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def save(page, button="_continue"):
    page.click(f"input[name={button}]")
    page.wait_for_load_state()


#: Errors of the change form itself (the workflow box lists what publishing still needs,
#: which is no error of the save).
FORM_ERRORS = "form[id$='_form'] :is(.errornote, .errorlist)"


def assert_saved(page):
    assert page.locator(FORM_ERRORS).count() == 0, page.locator(FORM_ERRORS).all_inner_texts()
    assert page.locator(".messagelist .success").count() == 1


def status_of(page):
    return page.locator("#workflow").inner_text()


def test_an_analyst_writes_and_an_editor_publishes_edits_and_retracts(
    browser, live_server, staff, screenshot
):
    accuser = factories.PartyFactory(name="Anthropic")
    accused = [factories.PartyFactory(name=n) for n in ("DeepSeek", "Moonshot AI")]
    analyst = sign_in(browser, live_server, "analyst")

    # A new source, submitted for review.
    analyst.goto(live_server.url + reverse("admin:records_source_add"))
    analyst.fill("#id_title", "Detecting and preventing distillation attacks")
    analyst.fill("#id_url", "https://example.org/distillation")
    analyst.select_option("#id_kind", "primary")
    analyst.fill("#id_published_on", "2026-02-23")
    save(analyst)
    assert_saved(analyst)
    analyst.click("input[value='Submit for review']")
    source = Source.objects.get(title="Detecting and preventing distillation attacks")
    assert source.slug == "detecting-and-preventing-distillation-attacks"  # prepopulated

    # A new allegation with two accused rows and a citation.
    analyst.goto(live_server.url + reverse("admin:records_allegation_add"))
    analyst.fill("#id_title", "Anthropic accuses two labs of distillation")
    analyst.fill("#id_summary", "Anthropic says the labs queried Claude at scale.")
    choose(analyst, "id_accuser", "Anthropic")
    analyst.fill("#id_made_on", "2026-02-23")
    analyst.select_option("#id_venue", "blog_post")
    for index, party in enumerate(accused):
        analyst.locator("#accused-group .add-row a").click()
        choose(analyst, f"id_accused-{index}-party", party.name)
        analyst.fill(f"#id_accused-{index}-conduct", f"{party.name} queried Claude.")
    citations = "records-citation-content_type-object_id"
    analyst.locator(f"#{citations}-group .add-row a").click()
    choose(analyst, f"id_{citations}-0-source", "Detecting and preventing")
    analyst.fill(f"#id_{citations}-0-pinpoint", "para. 2")
    save(analyst)
    assert_saved(analyst)
    screenshot(analyst, "staff-01-allegation-saved")
    allegation = Allegation.objects.get(title="Anthropic accuses two labs of distillation")
    assert (
        sorted(allegation.accused.values_list("party__name", flat=True))
        == [
            "Anthropic",
            "DeepSeek",
            "Moonshot AI",
        ][1:]
    )
    assert allegation.citations.get().source == source
    assert allegation.accuser == accuser

    # Edit and save again, then submit for review.
    analyst.fill("#id_summary", "Anthropic says the labs queried Claude 16 million times.")
    analyst.fill(f"#id_{citations}-0-quote", "over 16 million exchanges")
    save(analyst)
    assert_saved(analyst)
    analyst.click("input[value='Submit for review']")
    assert "In review" in status_of(analyst)

    # The editor publishes the source, then the allegation.
    editor = sign_in(browser, live_server, "editor")
    editor.goto(live_server.url + reverse("admin:records_source_change", args=[source.pk]))
    editor.click("input[value='Publish']")
    assert "Published" in status_of(editor)
    editor.goto(live_server.url + reverse("admin:records_allegation_change", args=[allegation.pk]))
    editor.click("input[value='Publish']")
    assert "Published" in status_of(editor)

    # ... edits the published record (its accused and citation rows present) and saves ...
    editor.fill("#id_title", "Anthropic accuses DeepSeek and Moonshot AI of distillation")
    save(editor)
    assert_saved(editor)
    screenshot(editor, "staff-02-published-edited")

    # ... and retracts it with a public note.
    editor.fill("#retract-text", "The accuser withdrew the post.")
    editor.click("input[value='Retract']")
    assert "Retracted" in status_of(editor)
    allegation.refresh_from_db()
    assert allegation.title == "Anthropic accuses DeepSeek and Moonshot AI of distillation"
    assert allegation.summary == "Anthropic says the labs queried Claude 16 million times."
    assert allegation.citations.get().quote == "over 16 million exchanges"
    assert allegation.accused.count() == 2
    assert (allegation.editorial_status, allegation.retraction_note) == (
        EditorialStatus.RETRACTED,
        "The accuser withdrew the post.",
    )
    users = set(allegation.history.values_list("history_user__username", flat=True))
    assert users == {"analyst", "editor"}
    editor.context.close()
    analyst.context.close()


def test_two_editors_on_one_record(browser, live_server, staff, screenshot):
    """The later save is refused showing what changed; saving again keeps both edits;
    an unchanged save is never refused."""
    factories.UserFactory(username="editor2", is_staff=True).groups.add(
        staff["editor"].groups.get()
    )
    allegation = factories.AllegationFactory(title="Original title", summary="Original.")
    factories.AccusedPartyFactory(allegation=allegation, conduct="Original conduct.")
    factories.EventFactory(allegation=allegation)
    url = live_server.url + reverse("admin:records_allegation_change", args=[allegation.pk])
    first = sign_in(browser, live_server, "editor")
    second = sign_in(browser, live_server, "editor2")
    first.goto(url)
    second.goto(url)

    second.fill("#id_title", "Their title")
    second.fill("#id_accused-0-conduct", "Their conduct.")
    save(second)
    assert_saved(second)

    first.fill("#id_summary", "My summary.")
    save(first)
    errors = " ".join(first.locator(".errorlist").all_inner_texts())
    assert "changed by editor2 after you opened this page" in errors
    assert "title: “Original title” → “Their title”" in errors
    assert first.input_value("#id_title") == "Their title"
    assert first.input_value("#id_summary") == "My summary."
    screenshot(first, "staff-03-stale-save-refused")
    save(first)
    assert_saved(first)
    allegation.refresh_from_db()
    assert (allegation.title, allegation.summary) == ("Their title", "My summary.")
    assert allegation.accused.get().conduct == "Their conduct."

    # Both open again; one saves a change, the other saves unchanged: never refused.
    first.goto(url)
    second.goto(url)
    second.fill("#id_summary", "Their summary.")
    save(second)
    assert_saved(second)
    save(first)
    assert_saved(first)
    allegation.refresh_from_db()
    assert allegation.summary == "Their summary."
    first.context.close()
    second.context.close()
