"""Fixtures for the API tests."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Each test starts with empty request counters (they live in the cache)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()
