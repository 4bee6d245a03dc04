"""The editorial rules, each enforced in one place: what publication needs, who may preview.

Admin paths are driven through the pages as they render (django-webtest), never with
hand-built form data.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from casebook.records.models import EditorialStatus, Event, Source
from casebook.records.services import (
    WorkflowError,
    can_preview,
    record_publication_problems,
    record_publish,
)
from tests.factories import (
    AllegationFactory,
    CaseFactory,
    CitationFactory,
    EventFactory,
    GuidanceFactory,
    PartyFactory,
    SettlementFactory,
    SourceFactory,
    StaffUserFactory,
    SuperUserFactory,
    TermsDocumentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DRAFT = EditorialStatus.DRAFT
IN_REVIEW = EditorialStatus.IN_REVIEW
PUBLISHED = EditorialStatus.PUBLISHED
RETRACTED = EditorialStatus.RETRACTED

#: A factory per record type that is cited (sources are not).
CITED_FACTORIES = [
    PartyFactory,
    TermsDocumentFactory,
    AllegationFactory,
    CaseFactory,
    SettlementFactory,
    GuidanceFactory,
    EventFactory,
]

#: A factory per publishable record type.
RECORD_FACTORIES = [SourceFactory, *CITED_FACTORIES]


@pytest.fixture
def editor(make_staff):
    return make_staff("Editors")


@pytest.fixture
def django_app(django_app, settings):
    """django-webtest's browser over plain http: the test run's cookies may not be secure-only."""
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
    return django_app


# --- publication needs a published source ------------------------------------


@pytest.mark.parametrize(
    ("status", "words"),
    [(DRAFT, "is a draft"), (IN_REVIEW, "is in review"), (RETRACTED, "is retracted")],
)
@pytest.mark.parametrize("factory", CITED_FACTORIES, ids=lambda x: x._meta.model.__name__)
def test_a_record_citing_only_unpublished_sources_is_not_published(editor, factory, status, words):
    source = SourceFactory(title="Leaked memo", editorial_status=status)
    record = factory(editorial_status=IN_REVIEW, cite=source)

    with pytest.raises(WorkflowError) as refusal:
        record_publish(record=record, user=editor)

    assert f"Cite at least one published source: “Leaked memo” {words}." in (refusal.value.problems)
    record.refresh_from_db()
    assert record.editorial_status == IN_REVIEW


def test_the_problem_names_every_unpublished_source_cited():
    allegation = AllegationFactory(
        editorial_status=IN_REVIEW, cite=SourceFactory(title="B memo", editorial_status=DRAFT)
    )
    CitationFactory(
        record=allegation, source=SourceFactory(title="A post", editorial_status=IN_REVIEW)
    )

    assert (
        "Cite at least one published source: “A post” is in review; “B memo” is a draft."
        in record_publication_problems(allegation)
    )


def test_one_published_source_among_drafts_is_enough(editor):
    allegation = AllegationFactory(
        editorial_status=IN_REVIEW, cite=SourceFactory(editorial_status=DRAFT)
    )
    CitationFactory(record=allegation, source=SourceFactory())

    record_publish(record=allegation, user=editor)

    assert allegation.editorial_status == PUBLISHED


def test_a_source_needs_no_citation(editor):
    source = SourceFactory(editorial_status=IN_REVIEW)
    assert record_publication_problems(source) == []


def _workflow_form(page, action: str):
    suffix = f"/workflow/{action}/"
    forms = [form for form in page.forms.values() if form.action.endswith(suffix)]
    assert len(forms) == 1, [form.action for form in page.forms.values()]
    return forms[0]


def test_the_admin_page_lists_the_missing_published_source_and_refuses_to_publish(
    django_app, editor
):
    source = SourceFactory(title="Draft blog post", editorial_status=DRAFT)
    allegation = AllegationFactory(editorial_status=IN_REVIEW, cite=source)
    url = reverse("admin:records_allegation_change", args=[allegation.pk])

    page = django_app.get(url, user=editor)
    expected = "Cite at least one published source: “Draft blog post” is a draft."
    assert expected in page.text
    publish = _workflow_form(page, "publish")
    assert 'value="Publish" disabled' in page.text
    # The page disables the button; a form sent anyway is refused by the server too.
    answer = publish.submit().follow()

    assert expected in answer.text
    allegation.refresh_from_db()
    assert allegation.editorial_status == IN_REVIEW


def test_once_the_source_is_published_the_admin_publishes_and_then_retracts(django_app, editor):
    source = SourceFactory(title="Draft blog post", editorial_status=DRAFT)
    allegation = AllegationFactory(editorial_status=IN_REVIEW, cite=source)
    url = reverse("admin:records_allegation_change", args=[allegation.pk])
    Source.objects.filter(pk=source.pk).update(editorial_status=PUBLISHED)

    page = django_app.get(url, user=editor)
    assert "Cite at least one published source" not in page.text
    _workflow_form(page, "publish").submit().follow()
    allegation.refresh_from_db()
    assert allegation.editorial_status == PUBLISHED

    page = django_app.get(url, user=editor)
    retract = _workflow_form(page, "retract")
    retract["text"] = "Withdrawn by the accuser."
    retract.submit().follow()
    allegation.refresh_from_db()
    assert allegation.editorial_status == RETRACTED
    assert allegation.retracted_at is not None
    assert allegation.retraction_note == "Withdrawn by the accuser."


# --- who may preview ------------------------------------------------------------


@pytest.fixture
def people(make_staff):
    """Everyone who may come to a draft's portal address, and whether they may preview it."""
    from django.contrib.auth.models import Group

    nobody_staff = StaffUserFactory(username="staff-without-role")
    inactive_editor = make_staff("Editors", username="inactive-editor")
    inactive_editor.is_active = False
    inactive_editor.save()
    reader_in_editors = UserFactory(username="reader-in-editors")  # not staff
    reader_in_editors.groups.add(Group.objects.get(name="Editors"))
    return {
        "analyst": (make_staff("Analysts"), True),
        "editor": (make_staff("Editors"), True),
        "superuser": (SuperUserFactory(username="root"), True),
        "administrator": (make_staff("Administrators"), False),
        "staff without a role": (nobody_staff, False),
        "inactive editor": (inactive_editor, False),
        "reader in the editors group": (reader_in_editors, False),
        "reader": (UserFactory(username="reader"), False),
    }


def test_can_preview_is_the_analyst_and_editor_roles(people):
    assert not can_preview(AnonymousUser())
    for name, (user, allowed) in people.items():
        assert can_preview(user) is allowed, name


@pytest.mark.parametrize("status", [DRAFT, IN_REVIEW])
@pytest.mark.parametrize("factory", RECORD_FACTORIES, ids=lambda x: x._meta.model.__name__)
def test_only_analysts_and_editors_preview_unpublished_records_on_the_portal(
    client, people, factory, status
):
    record = factory(editorial_status=status)
    url = record.get_absolute_url()

    assert client.get(url).status_code == 404
    for name, (user, allowed) in people.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), (name, url)
        if allowed:
            assert "Preview — not public." in response.content.decode()
        client.logout()


@pytest.mark.parametrize("field", Event.RECORD_FIELDS)
def test_a_published_event_of_a_record_that_is_not_public_is_previewed_like_a_draft(
    client, people, field
):
    factories = {
        "allegation": AllegationFactory,
        "case": CaseFactory,
        "settlement": SettlementFactory,
        "guidance": GuidanceFactory,
        "terms_document": TermsDocumentFactory,
    }
    event = EventFactory(**{field: factories[field](editorial_status=DRAFT)})
    assert client.get(event.get_absolute_url()).status_code == 404
    for name, (user, allowed) in people.items():
        client.force_login(user)
        assert client.get(event.get_absolute_url()).status_code == (200 if allowed else 404), name
        client.logout()


# --- is_public is the rule of objects.public() ---------------------------------------


def test_is_public_agrees_with_the_public_querysets_for_every_record_type():
    records = []
    for status in (DRAFT, IN_REVIEW, PUBLISHED, RETRACTED):
        records += [factory(editorial_status=status) for factory in RECORD_FACTORIES]
        for field in Event.RECORD_FIELDS:
            owner = {
                "allegation": AllegationFactory,
                "case": CaseFactory,
                "settlement": SettlementFactory,
                "guidance": GuidanceFactory,
                "terms_document": TermsDocumentFactory,
            }[field](editorial_status=status)
            records.append(EventFactory(**{field: owner}))
    for record in records:
        model = type(record)
        fresh = model.objects.get(pk=record.pk)
        expected = model.objects.public().filter(pk=record.pk).exists()
        assert fresh.is_public is expected, (model.__name__, record.slug)
