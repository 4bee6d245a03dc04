"""Kind: no edit may leave a published record without a published source.

Publishing checks "cites at least one published source", but a fresh-clone tryout
found three ways around it afterwards: changing the only citation's source to a draft
on the record's page, deleting that citation, and retracting the source itself. Each
path is tried here as staff use it (pages posted as rendered, django-webtest), for
several record types, and must be refused with the rule's words, saving nothing.
"""

import pytest
from django.urls import reverse

from casebook.records.models import Citation, EditorialStatus
from casebook.records.services import records_left_unsourced
from tests import factories
from tests.records.admin_pages import (
    CITATIONS,
    admin_url,
    assert_saved,
    change_form,
    page_errors,
    workflow_form,
)

pytestmark = pytest.mark.django_db

RULE = "must keep a published source"

#: Record factories and a text field of each record's own form.
RECORDS = [
    (factories.AllegationFactory, "summary"),
    (factories.CaseFactory, "summary"),
    (factories.EventFactory, "description"),
    (factories.GuidanceFactory, "summary"),
]


@pytest.fixture(params=RECORDS, ids=lambda r: r[0]._meta.model.__name__)
def published(request):
    """A published record citing one published source, and a draft source."""
    factory, field = request.param
    source = factories.SourceFactory()
    record = factory(cite=source)
    return record, field, source, factories.SourceFactory(editorial_status=EditorialStatus.DRAFT)


def test_changing_the_only_published_source_to_a_draft_is_refused_and_keeps_the_page(
    admin_app, published
):
    record, field, source, draft = published
    form = change_form(admin_app, record)
    form[f"{CITATIONS}-0-source"].force_value(str(draft.pk))
    form[field] = "Typed before the refusal."

    response = form.submit()

    assert response.status_code == 200
    assert any(RULE in error for error in page_errors(response)), page_errors(response)
    assert "is a draft" in response.text
    assert list(record.citations.values_list("source", flat=True)) == [source.pk]
    again = response.forms[f"{record._meta.model_name}_form"]
    assert again[field].value == "Typed before the refusal."


def test_deleting_the_only_published_citation_is_refused(admin_app, published):
    record, _, source, _ = published
    form = change_form(admin_app, record)
    form[f"{CITATIONS}-0-DELETE"] = True

    response = form.submit()

    assert any(RULE in error for error in page_errors(response)), page_errors(response)
    assert record.citations.count() == 1


def test_another_published_source_lets_the_first_go(admin_app, published):
    record, _, source, _ = published
    factories.CitationFactory(record=record, source=factories.SourceFactory())
    form = change_form(admin_app, record)
    first = next(i for i in range(2) if form[f"{CITATIONS}-{i}-source"].value == str(source.pk))
    form[f"{CITATIONS}-{first}-DELETE"] = True

    assert_saved(form.submit())
    assert not record.citations.filter(source=source).exists()


def test_a_draft_record_may_cite_drafts_only(admin_app):
    record = factories.AllegationFactory(editorial_status=EditorialStatus.DRAFT)
    draft = factories.SourceFactory(editorial_status=EditorialStatus.DRAFT)
    form = change_form(admin_app, record)
    form[f"{CITATIONS}-0-source"].force_value(str(draft.pk))

    assert_saved(form.submit())
    assert list(record.citations.values_list("source", flat=True)) == [draft.pk]


def test_the_citation_page_refuses_a_draft_source_and_a_move_off_the_record(admin_app, published):
    record, _, source, draft = published
    citation = record.citations.get()
    form = change_form(admin_app, citation)
    form["source"].force_value(str(draft.pk))
    refused = form.submit()
    assert any(RULE in error for error in page_errors(refused)), page_errors(refused)

    form = change_form(admin_app, citation)
    form["object_id"] = str(record.pk + 1000)  # off this record, whatever it points to
    moved = form.submit()
    assert any(RULE in error for error in page_errors(moved)), page_errors(moved)
    citation.refresh_from_db()
    assert (citation.source_id, citation.object_id) == (source.pk, record.pk)


def test_the_citation_delete_page_refuses_the_last_published_source(admin_app, published):
    record, _, _, _ = published
    citation = record.citations.get()

    response = admin_app.get(admin_url(citation, "delete", citation.pk)).follow()

    assert RULE in response.text
    assert Citation.objects.filter(pk=citation.pk).exists()
    factories.CitationFactory(record=record, source=factories.SourceFactory())
    page = admin_app.get(admin_url(citation, "delete", citation.pk))
    assert_saved(page.forms[1].submit() if len(page.forms) > 1 else page.forms[0].submit())
    assert not Citation.objects.filter(pk=citation.pk).exists()


def test_retracting_a_source_that_is_some_record_s_only_support_is_refused(admin_app, published):
    record, _, source, _ = published
    page = admin_app.get(admin_url(source, "change", source.pk))
    form = workflow_form(page, "retract")
    form["text"] = "Withdrawn by its publisher."

    refused = form.submit().follow()

    source.refresh_from_db()
    assert source.editorial_status == EditorialStatus.PUBLISHED
    assert "Not done." in refused.text and str(record) in refused.text
    factories.CitationFactory(record=record, source=factories.SourceFactory())
    form = workflow_form(admin_app.get(admin_url(source, "change", source.pk)), "retract")
    form["text"] = "Withdrawn by its publisher."
    form.submit()
    source.refresh_from_db()
    assert source.editorial_status == EditorialStatus.RETRACTED


def test_records_left_unsourced_counts_only_published_records_without_another_source():
    source = factories.SourceFactory()
    alone = factories.AllegationFactory(cite=source)
    backed = factories.CaseFactory(cite=source)
    factories.CitationFactory(record=backed, source=factories.SourceFactory())
    factories.EventFactory(cite=source, editorial_status=EditorialStatus.DRAFT)
    also_draft_backup = factories.GuidanceFactory(cite=source)
    factories.CitationFactory(
        record=also_draft_backup,
        source=factories.SourceFactory(editorial_status=EditorialStatus.DRAFT),
    )

    assert set(records_left_unsourced([source])) == {alone, also_draft_backup}
    assert reverse("admin:records_source_change", args=[source.pk])  # the page a refusal names
