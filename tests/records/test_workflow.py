"""The editorial workflow: draft → in review → published → retracted, and its refusals."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from casebook.records.models import Allegation, Case, Citation, EditorialStatus, Guidance
from casebook.records.services import (
    WorkflowError,
    record_publication_problems,
    record_publish,
    record_retract,
    record_send_back,
    record_submit_for_review,
)
from tests import factories
from tests.records.admin_pages import assert_saved, has_workflow_form, workflow_form

pytestmark = pytest.mark.django_db

DRAFT = EditorialStatus.DRAFT
IN_REVIEW = EditorialStatus.IN_REVIEW
PUBLISHED = EditorialStatus.PUBLISHED
RETRACTED = EditorialStatus.RETRACTED


def workflow_url(record, action):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_workflow", args=[record.pk, action])


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


@pytest.fixture
def analyst(make_staff):
    return make_staff("Analysts")


@pytest.fixture
def editor(make_staff):
    return make_staff("Editors")


# --- services -------------------------------------------------------------


def test_a_record_goes_from_draft_to_published_to_retracted(analyst, editor):
    allegation = factories.AllegationFactory(editorial_status=DRAFT)

    record_submit_for_review(record=allegation, user=analyst)
    assert allegation.editorial_status == IN_REVIEW

    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        record_publish(record=allegation, user=editor)
    assert allegation.editorial_status == PUBLISHED
    assert allegation.published_at == datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)

    record_retract(record=allegation, user=editor, note="The source was withdrawn.")
    allegation.refresh_from_db()
    assert allegation.editorial_status == RETRACTED
    assert allegation.retraction_note == "The source was withdrawn."
    assert Allegation.objects.public().filter(pk=allegation.pk).exists() is False


def test_every_step_is_a_revision_by_its_user(analyst, editor):
    allegation = factories.AllegationFactory(editorial_status=DRAFT)

    record_submit_for_review(record=allegation, user=analyst)
    record_publish(record=allegation, user=editor)

    latest_two = list(allegation.history.order_by("-history_id")[:2])
    assert [(h.editorial_status, h.history_user) for h in latest_two] == [
        (PUBLISHED, editor),
        (IN_REVIEW, analyst),
    ]
    assert [h.history_change_reason for h in latest_two] == ["Published", "Submitted for review"]


def test_published_at_is_kept_from_the_first_publication(editor):
    first = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    party = factories.PartyFactory(editorial_status=IN_REVIEW, published_at=first)

    record_publish(record=party, user=editor)

    assert party.published_at == first


def test_send_back_returns_a_draft_with_the_comment(editor):
    case = factories.CaseFactory(editorial_status=IN_REVIEW)

    record_send_back(record=case, user=editor, comment="Add the docket's source.")

    case.refresh_from_db()
    assert (case.editorial_status, case.review_note) == (DRAFT, "Add the docket's source.")


def test_send_back_needs_a_comment(editor):
    case = factories.CaseFactory(editorial_status=IN_REVIEW)

    with pytest.raises(WorkflowError, match="comment is empty"):
        record_send_back(record=case, user=editor, comment="  ")
    assert Case.objects.get(pk=case.pk).editorial_status == IN_REVIEW


def test_retract_needs_a_public_note(editor):
    case = factories.CaseFactory()

    with pytest.raises(WorkflowError, match="retraction note"):
        record_retract(record=case, user=editor, note="")


def test_an_analyst_cannot_publish_send_back_or_retract(analyst):
    in_review = factories.GuidanceFactory(editorial_status=IN_REVIEW)
    published = factories.GuidanceFactory()

    with pytest.raises(WorkflowError, match="Only an editor"):
        record_publish(record=in_review, user=analyst)
    with pytest.raises(WorkflowError, match="Only an editor"):
        record_send_back(record=in_review, user=analyst, comment="No.")
    with pytest.raises(WorkflowError, match="Only an editor"):
        record_retract(record=published, user=analyst, note="No.")
    assert Guidance.objects.get(pk=in_review.pk).editorial_status == IN_REVIEW
    assert Guidance.objects.get(pk=published.pk).editorial_status == PUBLISHED


def test_steps_out_of_order_are_refused(editor):
    draft = factories.EventFactory(editorial_status=DRAFT)
    published = factories.EventFactory()

    with pytest.raises(WorkflowError, match="Only a record that is in review can be published"):
        record_publish(record=draft, user=editor)
    with pytest.raises(WorkflowError, match="this one is published"):
        record_submit_for_review(record=published, user=editor)
    with pytest.raises(WorkflowError, match="Only a record that is published can be retracted"):
        record_retract(record=draft, user=editor, note="Wrong.")


def test_a_record_without_a_cited_source_is_not_published(editor):
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW, cite=False)

    with pytest.raises(WorkflowError) as refusal:
        record_publish(record=allegation, user=editor)

    assert refusal.value.problems == ["It cites no source. Add at least one citation."]
    assert Allegation.objects.get(pk=allegation.pk).editorial_status == IN_REVIEW


def test_publication_problems_name_missing_fields_and_inconsistent_dates():
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW)
    # As an import or a bulk edit could leave it (the database refuses the dates).
    allegation.summary = ""
    allegation.conduct_start = datetime.date(2025, 6, 1)
    allegation.conduct_end = datetime.date(2025, 1, 1)

    problems = record_publication_problems(allegation)

    assert "Summary: This field cannot be blank." in problems
    assert "The alleged conduct cannot end before it begins." in problems
    assert not any("Constraint" in problem for problem in problems)


def test_a_record_is_not_published_before_the_party_it_names(editor):
    accuser = factories.PartyFactory(name="Draft Lab", editorial_status=EditorialStatus.DRAFT)
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW, accuser=accuser)

    with pytest.raises(WorkflowError) as refusal:
        record_publish(record=allegation, user=editor)

    assert refusal.value.problems == [
        "Its accuser “Draft Lab” is not published. Publish that first."
    ]


def test_a_complete_record_has_no_publication_problems():
    assert (
        record_publication_problems(factories.SettlementFactory(editorial_status=IN_REVIEW)) == []
    )


def test_a_source_needs_no_citation_to_be_published(editor):
    source = factories.SourceFactory(editorial_status=IN_REVIEW)

    record_publish(record=source, user=editor)

    assert source.editorial_status == PUBLISHED


# --- through the admin's views ----------------------------------------------


def test_analyst_and_editor_take_a_record_through_the_admin(webtest_app, analyst, editor):
    accuser = factories.PartyFactory()
    source = factories.SourceFactory()
    add = webtest_app.get(reverse("admin:records_allegation_add"), user=analyst)
    form = add.forms["allegation_form"]
    assert "editorial_status" not in form.fields  # the status is read-only
    form["slug"] = "new-allegation"
    form["title"] = "A lab accuses another"
    form["summary"] = "What is alleged."
    form["accuser"].force_value(str(accuser.pk))  # what the autocomplete widget selects
    form["made_on"] = "2026-02-23"
    form["venue"] = "blog_post"
    assert_saved(form.submit("_continue", user=analyst))
    allegation = Allegation.objects.get(slug="new-allegation")
    assert allegation.editorial_status == DRAFT

    cite = webtest_app.get(reverse("admin:records_citation_add"), user=analyst)
    citation = cite.forms["citation_form"]
    citation["content_type"] = str(ContentType.objects.get_for_model(Allegation).pk)
    citation["object_id"] = str(allegation.pk)
    citation["source"].force_value(str(source.pk))
    citation["pinpoint"] = "para. 1"
    assert_saved(citation.submit(user=analyst))
    assert allegation.citations.get().source == source

    page = webtest_app.get(change_url(allegation), user=analyst)
    assert not has_workflow_form(page, "publish")
    workflow_form(page, "submit").submit(user=analyst)
    allegation.refresh_from_db()
    assert allegation.editorial_status == IN_REVIEW

    page = webtest_app.get(change_url(allegation), user=editor)
    workflow_form(page, "publish").submit(user=editor)
    allegation.refresh_from_db()
    assert allegation.editorial_status == PUBLISHED

    page = webtest_app.get(change_url(allegation), user=editor)
    retract = workflow_form(page, "retract")
    retract["text"] = "Withdrawn by the accuser."
    retract.submit(user=editor)
    allegation.refresh_from_db()
    assert allegation.editorial_status == RETRACTED
    assert allegation.retraction_note == "Withdrawn by the accuser."
    history_users = set(allegation.history.values_list("history_user__username", flat=True))
    assert history_users == {analyst.username, editor.username}


def test_the_admin_refuses_publication_of_an_incomplete_record(webtest_app, editor):
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW, cite=False)
    page = webtest_app.get(change_url(allegation), user=editor)

    response = workflow_form(page, "publish").submit(user=editor).follow(user=editor)

    assert "It cites no source. Add at least one citation." in response.text
    allegation.refresh_from_db()
    assert allegation.editorial_status == IN_REVIEW


def test_the_admin_refuses_publication_by_an_analyst(client, analyst):
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW)
    client.force_login(analyst)

    page = client.get(change_url(allegation))
    response = client.post(workflow_url(allegation, "publish"), follow=True)

    assert 'value="Publish"' not in page.content.decode()
    assert "Only an editor can publish a record." in response.content.decode()
    allegation.refresh_from_db()
    assert allegation.editorial_status == IN_REVIEW


def test_send_back_through_the_admin_keeps_the_comment(webtest_app, editor):
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW)
    form = workflow_form(webtest_app.get(change_url(allegation), user=editor), "send-back")
    form["text"] = "Cite the blog post."

    form.submit(user=editor)

    allegation.refresh_from_db()
    assert (allegation.editorial_status, allegation.review_note) == (DRAFT, "Cite the blog post.")


def test_workflow_steps_need_a_post(client, editor):
    allegation = factories.AllegationFactory(editorial_status=IN_REVIEW)
    client.force_login(editor)

    response = client.get(workflow_url(allegation, "publish"))

    assert response.status_code == 405
    allegation.refresh_from_db()
    assert allegation.editorial_status == IN_REVIEW


def test_a_published_record_cannot_be_deleted_even_by_an_editor(client, editor):
    allegation = factories.AllegationFactory()
    client.force_login(editor)
    url = reverse("admin:records_allegation_delete", args=[allegation.pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert Allegation.objects.filter(pk=allegation.pk).exists()


def test_bulk_delete_refuses_published_records(client, editor):
    draft = factories.AllegationFactory(editorial_status=DRAFT)
    published = factories.AllegationFactory()
    client.force_login(editor)

    response = client.post(
        reverse("admin:records_allegation_changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk, published.pk], "post": "yes"},
    )

    assert response.status_code == 403
    assert Allegation.objects.filter(pk__in=[draft.pk, published.pk]).count() == 2


def test_a_draft_can_be_deleted(webtest_app, analyst):
    draft = factories.AllegationFactory(editorial_status=DRAFT)
    page = webtest_app.get(
        reverse("admin:records_allegation_delete", args=[draft.pk]), user=analyst
    )

    response = page.forms[1].submit(user=analyst)

    assert response.status_code == 302
    assert not Allegation.objects.filter(pk=draft.pk).exists()
    assert not Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Allegation), object_id=draft.pk
    ).exists()
