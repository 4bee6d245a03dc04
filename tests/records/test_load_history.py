"""A load leaves one revision per record: no half-built state is ever a citable revision."""

import copy

import pytest
from django.core.management import call_command

from casebook.portal.revisions import current_permalink
from casebook.records.dataset import load_dataset
from casebook.records.models import (
    AccusedParty,
    Allegation,
    Case,
    Citation,
    Event,
    Guidance,
    Party,
    Settlement,
    Source,
    TermsDocument,
)
from tests.records.dataset_sample import sample_dataset

pytestmark = pytest.mark.django_db

RECORD_MODELS = [Party, Source, Allegation, Case, Settlement, Guidance, Event]


def test_the_bundled_load_leaves_one_revision_per_record_and_it_is_whole(client):
    call_command("load_casebook", verbosity=0)
    for model in [*RECORD_MODELS, AccusedParty, Citation, TermsDocument]:
        counts = {row.pk: row.history.count() for row in model.objects.all()}
        assert counts and set(counts.values()) == {1}, model.__name__
    allegation = Allegation.objects.get(slug="anthropic-2026-02-deepseek-moonshot-minimax")
    page = client.get(current_permalink(allegation)).content.decode()
    for row in allegation.accused.all():
        assert row.party.name in page  # the revision shows every accused party
    assert "No public source is cited" not in page


def test_a_later_load_adds_one_revision_to_what_it_changes_and_keeps_the_earlier():
    data = sample_dataset()
    load_dataset(copy.deepcopy(data))
    allegation = Allegation.objects.get()
    first = list(allegation.history.values_list("history_id", flat=True))
    data["allegations"][0]["summary"] = "A corrected summary."
    load_dataset(data)
    after = list(allegation.history.order_by("history_id").values_list("history_id", flat=True))
    assert after[: len(first)] == sorted(first) and len(after) == len(first) + 1
    party = Party.objects.first()
    assert party.history.count() == 1  # unchanged: no new revision
