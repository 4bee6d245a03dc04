"""Running ``check_casebook`` on a file written from a parsed dataset, for the check tests."""

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from tests.records.dataset_sample import sample_dataset


def check_file(tmp_path: Path, data: dict) -> str:
    """Run the command on ``data``; return its error text ("" when the file passes)."""
    path = tmp_path / "casebook.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        call_command("check_casebook", str(path), verbosity=0)
    except CommandError as error:
        return str(error)
    return ""


def sample_with_event(**event) -> dict:
    """The sample dataset plus one published event (``event`` overrides its fields)."""
    data = sample_dataset()
    data["events"] = [
        {
            "slug": "an-event",
            "date": "2025-10-01",
            "date_precision": "day",
            "kind": "ruling",
            "headline": "A ruling",
            "case": "a-case",
            "editorial_status": "published",
            "citations": [{"source": "post", "verification": "primary"}],
            **event,
        }
    ]
    return data
