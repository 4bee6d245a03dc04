"""The API's JSON renderer writes what DRF's own would, faster (casebook/api/renderers.py)."""

import datetime
import json
import zoneinfo

import pytest
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st
from rest_framework import renderers

from casebook.api.renderers import JSONRenderer

ZONES = [datetime.UTC, zoneinfo.ZoneInfo("America/New_York"), zoneinfo.ZoneInfo("Asia/Tokyo")]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # any character but lone surrogates: U+2028, emoji, controls, quotes
    | st.dates()
    | st.datetimes(timezones=st.sampled_from(ZONES))
    | st.datetimes()  # naive
    | st.decimals(allow_nan=False, allow_infinity=False, places=2)
    | st.text(max_size=20).map(gettext_lazy)
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.text(max_size=10) | st.integers(0, 10**6), inner, max_size=5)
    ),
    max_leaves=30,
)


@given(documents)
def test_writes_the_same_json_as_drfs_renderer(data):
    ours = JSONRenderer().render(data)
    drfs = renderers.JSONRenderer().render(data)
    if data is None:  # no body at all, as in DRF
        assert ours == drfs == b""
    else:
        assert json.loads(ours) == json.loads(drfs)


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2025, 2, 24, 12, 30, tzinfo=datetime.UTC),
        datetime.datetime(2025, 2, 24, 12, 30, 1, 250, tzinfo=datetime.UTC),
        datetime.datetime(2025, 2, 24, 7, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
        datetime.date(2025, 2, 24),
    ],
)
def test_dates_are_written_as_drf_writes_them(moment):
    """orjson writes UTC as +00:00 and milliseconds its own way; DRF's encoder decides."""
    assert JSONRenderer().render({"at": moment}) == renderers.JSONRenderer().render({"at": moment})


def test_indent_asked_for_in_the_accept_header_pretty_prints():
    data = {"a": [1, 2]}
    assert (
        JSONRenderer().render(data, "application/json; indent=4")
        == b'{\n  "a": [\n    1,\n    2\n  ]\n}'
    )
    assert JSONRenderer().render(data, "application/json") == b'{"a":[1,2]}'


@pytest.mark.parametrize("value", [object(), {1, 2}.__iter__, complex(1, 2)])
def test_a_value_json_cannot_hold_is_an_error_not_null(value):
    with pytest.raises(TypeError):
        JSONRenderer().render({"value": value})


@pytest.mark.django_db
def test_every_answer_of_the_api_is_rendered_by_it(api):
    response = api.get("/api/v1/allegations/", HTTP_ACCEPT="application/json; indent=2")
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, JSONRenderer)
    assert response.content.startswith(b"{\n  ")
