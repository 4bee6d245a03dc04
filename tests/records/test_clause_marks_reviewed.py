"""Kind: a clause staff save records its category as reviewed for its version.

A staff tryout added a clause in a category its version was not reviewed for; the
API then showed the clause beside ``reviewed_categories: []``. Each way staff make a
clause is tried: the clause's own page, the version page's inline, and confirming a
suggestion (posted as the pages render them).
"""

import pytest

from casebook.records.models import Clause, ClauseSuggestion
from tests import factories
from tests.records.admin_pages import admin_url, assert_saved, change_form
from tests.records.clause_world import CLAUSE, build_repo, import_ota, make_world, versions

pytestmark = pytest.mark.django_db

TEXT = "You may not use Output to develop models that compete."


def unreviewed_version():
    version = factories.TermsVersionFactory(full_text=f"Terms. {TEXT} More terms.")
    assert not version.reviewed_categories.exists()
    return version


def test_the_clause_page_records_the_category(admin_app):
    version, category = unreviewed_version(), factories.ClauseCategoryFactory()
    form = admin_app.get(admin_url(Clause, "add")).forms["clause_form"]
    form["version"].force_value(str(version.pk))
    form["category"].force_value(str(category.pk))
    form["text"] = TEXT

    assert_saved(form.submit("_save"))

    assert list(version.reviewed_categories.all()) == [category]
    api = admin_app.get(f"/api/v1/terms/{version.document.slug}/").json
    [shown] = api["versions"]
    assert [c["slug"] for c in shown["reviewed_categories"]] == [category.slug]


def test_the_version_page_records_the_category_of_a_clause_it_changes(admin_app):
    version, category = unreviewed_version(), factories.ClauseCategoryFactory()
    Clause.objects.create(version=version, category=category, text=TEXT)  # as a bulk load would
    version.reviewed_categories.clear()
    form = change_form(admin_app, version)
    prefix = next(name.rsplit("-", 1)[0] for name in form.fields if name.endswith("-TOTAL_FORMS"))
    form[f"{prefix}-0-section"] = "4(b)"

    assert_saved(form.submit("_save"))

    assert list(version.reviewed_categories.all()) == [category]


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory):
    return build_repo(tmp_path_factory.mktemp("clause-reviewed") / "versions")


def test_confirming_a_suggestion_records_the_category(admin_app, shared_repo):
    world = make_world()
    import_ota(shared_repo.path)
    version = versions(world["document"])[1]
    suggestion = version.clause_suggestions.get()
    version.reviewed_categories.clear()
    form = change_form(admin_app, suggestion)
    form["decision"] = "confirm"

    assert_saved(form.submit("_save"))

    assert version.clauses.get().text == CLAUSE
    assert world["category"] in version.reviewed_categories.all()
    suggestion.refresh_from_db()
    assert suggestion.status == ClauseSuggestion.Status.CONFIRMED
