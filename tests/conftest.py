"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Each test starts with empty API request counters (they live in the cache).

    Suite-wide, not only under tests/api: any test may call the API (the search
    properties in tests/records make 40 calls in one test), and counts left by
    earlier tests of the same worker would otherwise turn a call into a 429.
    """
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(db):
    return factories.SuperUserFactory(username="staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def roles(db):
    """The staff groups (Analysts, Editors, Administrators) as ``setup_roles`` creates them."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("setup_roles", verbosity=0)
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def make_staff(roles):
    """Make a staff user in one of the groups: ``make_staff("Editors")``."""

    def make(group: str, username: str | None = None):
        user = factories.StaffUserFactory(username=username or group.lower())
        user.groups.add(roles[group])
        return user

    return make
