"""The staff-only list of suggested clauses awaiting review."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from casebook.records.models import ClauseCategory, ClauseSuggestion
from tests.factories import (
    ClauseCategoryFactory,
    ClauseFactory,
    StaffUserFactory,
    TermsVersionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
URL = "api:clause-suggestions"


def make_suggestions(n: int, *, status=ClauseSuggestion.Status.PENDING, start: int = 0):
    category = ClauseCategory.objects.first() or ClauseCategoryFactory(slug="no-competing")
    for i in range(start, start + n):
        version = TermsVersionFactory(
            document__slug=f"terms-{status}-{i}", full_text=f"Passage {i} zzsuggested."
        )
        ClauseSuggestion.objects.create(
            version=version, category=category, text=f"Passage {i} zzsuggested.", status=status
        )


def test_anonymous_callers_get_401_and_see_nothing(api):
    make_suggestions(1)
    response = api.get(reverse(URL))
    assert response.status_code == 401
    assert "zzsuggested" not in response.content.decode()


def test_a_token_of_someone_not_staff_gets_403(api):
    make_suggestions(1)
    token = Token.objects.create(user=UserFactory())
    response = api.get(reverse(URL), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 403
    assert "zzsuggested" not in response.content.decode()


def test_staff_see_pending_suggestions_only_never_cached_publicly(
    api, django_assert_max_num_queries
):
    make_suggestions(3)
    confirmed_version = TermsVersionFactory(full_text="Kept. Done.")
    category = ClauseCategory.objects.get()
    clause = ClauseFactory(version=confirmed_version, category=category, text="Kept.")
    ClauseSuggestion.objects.create(
        version=confirmed_version,
        category=category,
        text="Kept.",
        status="confirmed",
        clause=clause,
    )
    make_suggestions(1, status=ClauseSuggestion.Status.REJECTED, start=10)
    token = Token.objects.create(user=StaffUserFactory())
    with django_assert_max_num_queries(6):
        response = api.get(reverse(URL), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [row["text"] for row in body["results"]] == [
        f"Passage {i} zzsuggested." for i in range(3)
    ]
    first = body["results"][0]
    assert first["document"] == "terms-pending-0" and first["category"] == "no-competing"
    assert set(first) == {
        "id", "document", "version_recorded_at", "version_effective_from", "category", "rule",
        "section", "text", "created_at",
    }  # fmt: skip
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_query_count_does_not_grow_with_the_list(
    api, staff_client, django_assert_max_num_queries
):
    make_suggestions(2)
    with django_assert_max_num_queries(8) as few:
        staff_client.get(reverse(URL))
    make_suggestions(20, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(reverse(URL))
    assert response.json()["count"] == 22


def test_unknown_parameters_are_400_naming_them(staff_client):
    response = staff_client.get(reverse(URL), {"status": "rejected"})
    assert response.status_code == 400
    assert "status" in response.json()["error"]["details"]


def test_the_schema_documents_the_endpoint_as_staff_only(api):
    schema = api.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/clause-suggestions/"]["get"]
    assert {"401", "403", "200"} <= set(operation["responses"])
    assert {"tokenAuth": []} in operation["security"] and {} not in operation["security"]
