"""Every staff change clears the dataset's change day, not only the record's own form.

``changed_on`` is the day the dataset file says a record last changed. Inline rows
(accused parties, citations, events), child-row pages (a terms version) and the
workflow buttons (submit, publish, retract) are staff changes too: after any of
them, "last updated" is the change's own time. Each form is posted as the admin
renders it (django-webtest).
"""

import datetime

import pytest
import time_machine

from casebook.records.dataset import load_dataset
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    EditorialStatus,
    Event,
    Guidance,
    TermsDocument,
)
from tests.records.admin_pages import assert_saved, change_form, change_url, workflow_form
from tests.records.dataset_sample import sample_dataset

pytestmark = pytest.mark.django_db

FILE_DAY = datetime.date(2026, 11, 28)
SECTIONS = ("terms_documents", "allegations", "cases", "settlements", "guidance", "events")


@pytest.fixture
@time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC), tick=False)
def loaded():
    data = sample_dataset()
    for section in SECTIONS:
        for record in data[section]:
            record["changed_on"] = FILE_DAY.isoformat()
    data["guidance"][0]["citations"] = data["cases"][0]["citations"]  # publishable ...
    office = data["parties"][-1]  # ... once its issuer is
    office.update(editorial_status="published", citations=data["cases"][0]["citations"])
    load_dataset(data)


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


def assert_cleared(record) -> None:
    record.refresh_from_db()
    assert record.changed_on is None
    assert record.last_changed == today()


def inline_field(form, prefix: str, name: str) -> str:
    """The rendered name of inline row 0's ``name`` field whose prefix starts with ``prefix``."""
    names = [key for key in form.fields if key.startswith(prefix) and key.endswith(f"-0-{name}")]
    assert len(names) == 1, names
    return names[0]


def test_an_inline_accused_row_edit_clears_the_allegations_change_day(admin_app, loaded):
    allegation = Allegation.objects.get(slug="the-allegation")
    form = change_form(admin_app, allegation)
    form[inline_field(form, "accused", "conduct")] = "Asked many questions."

    assert_saved(form.submit())

    assert AccusedParty.objects.get(allegation=allegation).conduct == "Asked many questions."
    assert_cleared(allegation)


def test_an_inline_citation_edit_clears_the_cases_change_day(admin_app, loaded):
    case = Case.objects.get(slug="a-case")
    form = change_form(admin_app, case)
    form[inline_field(form, "records-citation", "pinpoint")] = "p. 7"

    assert_saved(form.submit())

    assert_cleared(case)


def test_an_inline_event_edit_clears_the_events_own_change_day(admin_app, loaded):
    case = Case.objects.get(slug="a-case")
    event = Event.objects.get(slug="hearing")
    form = change_form(admin_app, case)
    form[inline_field(form, "events", "headline")] = "Final fairness hearing"

    assert_saved(form.submit())

    event.refresh_from_db()
    assert event.headline == "Final fairness hearing"
    assert_cleared(event)
    assert_cleared(case)


def test_a_child_row_page_edit_clears_the_documents_change_day(admin_app, loaded):
    document = TermsDocument.objects.get(slug="accuser-terms")
    version = document.versions.get(effective_from=datetime.date(2024, 1, 31))
    form = change_form(admin_app, version)
    form["label"] = "Terms of 31 January 2024"

    assert_saved(form.submit())

    assert_cleared(document)


def test_an_unchanged_child_row_page_keeps_the_change_day(admin_app, loaded):
    document = TermsDocument.objects.get(slug="accuser-terms")
    version = document.versions.get(effective_from=datetime.date(2024, 1, 31))

    assert_saved(change_form(admin_app, version).submit())

    document.refresh_from_db()
    assert document.changed_on == FILE_DAY


def test_retract_clears_the_change_day(admin_app, loaded):
    allegation = Allegation.objects.get(slug="the-allegation")
    form = workflow_form(admin_app.get(change_url(allegation)), "retract")
    form["text"] = "Withdrawn by its author."

    form.submit().follow()

    allegation.refresh_from_db()
    assert allegation.editorial_status == EditorialStatus.RETRACTED
    assert_cleared(allegation)


def test_submit_and_publish_clear_the_change_day(admin_app, loaded):
    guidance = Guidance.objects.get(slug="new-guidance")
    workflow_form(admin_app.get(change_url(guidance)), "submit").submit().follow()
    assert_cleared(guidance)

    Guidance.objects.filter(pk=guidance.pk).update(changed_on=FILE_DAY)
    page = admin_app.get(change_url(guidance))
    done = workflow_form(page, "publish").submit().follow()

    guidance.refresh_from_db()
    said = [item.get_text() for item in done.html.select(".messagelist li")]
    assert guidance.editorial_status == EditorialStatus.PUBLISHED, said
    assert_cleared(guidance)
