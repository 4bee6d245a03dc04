"""Fixtures for admin tests that post forms as the page renders them (django-webtest)."""

import pytest


@pytest.fixture
def webtest_app(django_app, settings):
    """django-webtest's app over plain http: its cookie jar keeps no "secure" cookie,
    so the CSRF cookie is sent without that flag here (production keeps it)."""
    settings.CSRF_COOKIE_SECURE = False
    settings.SESSION_COOKIE_SECURE = False
    return django_app


@pytest.fixture
def admin_app(webtest_app, staff_user):
    """A webtest app signed in as a superuser; ``admin_app.get(url).forms[...]``."""
    webtest_app.set_user(staff_user)
    return webtest_app
