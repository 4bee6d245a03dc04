"""Fixtures shared by the whole suite."""

import pytest

from tests import factories


@pytest.fixture
def staff_user(db):
    return factories.SuperUserFactory(username="staff")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
