"""Every admin changelist runs the same number of queries for ten times the data."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.test_query_counts import add_records

pytestmark = pytest.mark.django_db

CHANGELISTS = sorted(
    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    for model in admin.site._registry
    if model._meta.app_label == "records"
)


def counts(client) -> dict[str, int]:
    found = {}
    for url in CHANGELISTS:
        client.get(url)  # warm per-process caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[url] = len(queries)
    return found


def test_changelist_queries_do_not_grow_with_the_data(staff_client):
    assert len(CHANGELISTS) >= 8  # every record type at least
    add_records(1)
    small = counts(staff_client)
    add_records(10)
    large = counts(staff_client)
    assert large == small
