"""The comparison chart: a labelled axis with round ticks, no panel with nothing to plot."""

import re

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from casebook.portal.comparechart import figures_chart, nice_step, short_number
from casebook.records.models import AccusedParty
from tests.factories import AccusedPartyFactory

pytestmark = pytest.mark.django_db


def compare_page(client, keys) -> str:
    response = client.get(reverse("portal:compare"), {"key": keys})
    assert response.status_code == 200
    return response.content.decode()


def keys_for(world, *rows) -> list[str]:
    return [f"{world.allegation.slug}/{row.party.slug}" for row in rows]


def test_the_chart_has_an_axis_with_units_and_bars_scaled_to_it(client, world):
    second = AccusedPartyFactory(allegation=world.allegation, exchanges=3_400_000, accounts=24_000)
    page = compare_page(client, keys_for(world, world.accused_row, second))
    chart = page.split('id="chart-heading"', 1)[1]
    assert "Exchanges (exchanges (prompts and answers), as stated)" in chart
    ticks = re.findall(r'class="tick-label[^"]*">([^<]+)</text>', chart)
    assert ticks[:5] == ["0", "1M", "2M", "3M", "4M"]  # exchanges: 3.4M on a 0–4M axis
    widths = re.findall(r'<rect x="0" y="0" width="([\d.]+)%"', chart)
    assert widths[:2] == ["3.75", "85.0"]  # 150,000 and 3,400,000 of 4,000,000
    assert "over 150,000" in chart and "3,400,000" in chart
    # Accounts: one row states none; its bar is empty and says so in words.
    assert "Accounts (accounts, as stated)" in chart
    assert '<span class="not-stated">not stated</span>' in chart


def test_no_chart_when_no_row_states_a_figure(client, world):
    world.accused_row.exchanges = None
    world.accused_row.save()
    second = AccusedPartyFactory(allegation=world.allegation, exchanges=None, accounts=None)
    page = compare_page(client, keys_for(world, world.accused_row, second))
    assert "<svg" not in page.split('id="chart-heading"', 1)[1]
    assert "nothing to chart" in page


def test_the_comparison_table_labels_every_cell_for_phones(client, world):
    second = AccusedPartyFactory(allegation=world.allegation)
    page = compare_page(client, keys_for(world, world.accused_row, second))
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert table.count("<td") == table.count("data-label=") > 0


@given(st.integers(min_value=1, max_value=10**12))
def test_ticks_are_round_and_cover_the_largest_value(top):
    step = nice_step(top)
    mantissa = step / 10 ** len(str(int(step))) * 10
    assert round(mantissa, 6) in {1, 2, 2.5, 5} or step < 1
    assert 2 <= top / step <= 10 or step < 1


def test_short_numbers_read_as_people_write_them():
    assert [short_number(v) for v in (0, 40, 2500, 16_000_000, 3e9)] == [
        "0",
        "40",
        "2.5k",
        "16M",
        "3B",
    ]


def test_a_panel_has_one_bar_per_row_and_none_is_drawn_without_figures(world):
    from casebook.records import selectors

    rows = selectors.comparison_rows([f"{world.allegation.slug}/{world.accused.slug}"] * 1)
    (panel,) = figures_chart(rows)  # exchanges only: the world states no accounts
    assert panel.title == "Exchanges" and len(panel.bars) == 1
    world.accused_row.exchanges = None
    world.accused_row.save()
    assert AccusedParty.objects.get(pk=world.accused_row.pk).exchanges is None
    rows = selectors.comparison_rows([f"{world.allegation.slug}/{world.accused.slug}"])
    assert figures_chart(rows) == []
