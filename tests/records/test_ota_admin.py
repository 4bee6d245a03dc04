"""The OTA mapping on a terms document, edited in the admin as staff see the form."""

import pytest
from django.urls import reverse
from django_webtest import WebTestMixin

from casebook.records.models import TermsDocument
from tests import factories
from tests.records.ota_sources import COLLECTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    """django-webtest's app, which renders and submits forms as a browser would."""
    mixin = WebTestMixin()
    mixin.csrf_checks = False  # the test settings send the CSRF cookie over HTTPS only
    mixin._patch_settings()
    mixin.renew_app()
    yield mixin.app
    mixin._unpatch_settings()


def change_form(app, document, user):
    url = reverse("admin:records_termsdocument_change", args=[document.pk])
    app.set_user(user.username)  # signed in for the page and for its submission
    return app.get(url).forms["termsdocument_form"]


def test_an_analyst_maps_a_document_to_an_ota_document(app, staff_user):
    document = factories.TermsDocumentFactory(cite=False)
    form = change_form(app, document, staff_user)
    form["ota_collection"] = COLLECTION
    form["ota_service"] = "xAI"
    form["ota_terms_type"] = "Terms of Service"
    form.submit("_save").follow()
    document.refresh_from_db()
    assert (document.ota_collection, document.ota_service, document.ota_terms_type) == (
        COLLECTION,
        "xAI",
        "Terms of Service",
    )
    assert document.history.latest().history_user == staff_user


@pytest.mark.parametrize(
    "fields",
    [{"ota_service": "xAI"}, {"ota_collection": COLLECTION, "ota_terms_type": "Privacy Policy"}],
)
def test_a_partial_mapping_is_refused_in_plain_words(app, staff_user, fields):
    document = factories.TermsDocumentFactory(cite=False)
    form = change_form(app, document, staff_user)
    for name, value in fields.items():
        form[name] = value
    page = form.submit("_save")
    assert page.status_code == 200
    assert "Give the OTA collection, service and terms type together" in page.text
    document.refresh_from_db()
    assert not document.ota_service and not document.ota_collection


def test_two_documents_cannot_take_one_ota_document(app, staff_user):
    factories.TermsDocumentFactory(
        ota_collection=COLLECTION, ota_service="xAI", ota_terms_type="Terms of Service"
    )
    document = factories.TermsDocumentFactory(cite=False)
    form = change_form(app, document, staff_user)
    form["ota_collection"] = COLLECTION
    form["ota_service"] = "xAI"
    form["ota_terms_type"] = "Terms of Service"
    page = form.submit("_save")
    assert "Another terms document already takes this OTA" in page.text
    assert TermsDocument.objects.filter(ota_service="xAI").count() == 1
