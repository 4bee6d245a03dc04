"""Kind: a whole number typed by a person never makes ``int()`` raise, wherever it is read.

``/guidance/?page=<5,000 nines>`` answered 500: the portal's page check passed the text
to ``int()``, which refuses more than 4,300 digits (found by the hostile-parameters test).
The same ``isdigit()`` then ``int()`` read the staff's recent-changes ``user`` filter and
the admin forms' hidden ``loaded_revision`` (``"²"`` is a digit to ``isdigit()``, not to
``int()``). Every such read now goes through :func:`casebook.wholenumbers.parse_whole_number`.
"""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casebook.wholenumbers import LARGEST, parse_whole_number
from tests.factories import AllegationFactory
from tests.records.admin_pages import change_form

#: Texts that look like numbers to someone, or to ``str.isdigit()``, but are no whole
#: number Casebook reads.
NOT_READ = ["9" * 5000, "1" * 19, "²", "٣", " 3", "3 ", "+3", "-3", "3.0", "", "0x1f"]


@given(st.text())
def test_any_text_is_a_number_in_range_or_none(raw):
    number = parse_whole_number(raw)

    if number is None:
        assert not (raw.isascii() and raw.isdigit() and len(raw) <= 18)
    else:
        assert 0 <= number <= LARGEST and number == int(raw)


@given(st.integers(min_value=0, max_value=LARGEST))
def test_every_number_in_range_reads_back(number):
    assert parse_whole_number(str(number)) == number
    assert parse_whole_number(str(number).zfill(18)) == number


@pytest.mark.parametrize("raw", NOT_READ)
def test_what_is_not_read(raw):
    assert parse_whole_number(raw) is None


@pytest.mark.django_db
@pytest.mark.parametrize("raw", NOT_READ)
def test_recent_changes_ignores_a_user_filter_it_cannot_read(admin_app, raw):
    allegation = AllegationFactory(title="Listed whatever the filter")

    page = admin_app.get(reverse("staff:recent_changes"), {"user": raw})

    assert page.status_code == 200
    assert allegation.title in page.text


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["9" * 5000, "1" * 19, "²", "٣"])
def test_a_change_form_with_an_unreadable_revision_token_answers(admin_app, raw):
    """A tampered hidden token is an unknown revision: the save is refused once (the page
    shows what changed since) or goes through, and nothing is lost; never a server error."""
    allegation = AllegationFactory(title="Original title")
    form = change_form(admin_app, allegation)
    form["loaded_revision"].force_value(raw)
    form["title"] = "My title"

    response = form.submit()
    if response.status_code == 200:  # refused once: saving the page again keeps mine
        response = response.forms["allegation_form"].submit()

    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.title == "My title"
