"""The portal and the API read records only through the selectors.

Every public list and page gets its rows from one selector
(:mod:`casebook.records.selectors`), which applies the public rule and loads what
the page shows; views and serializers only shape the output. So no module of the
portal or the API may touch a model manager (``.objects``) or call ``.public()``
itself; filters and forms take their choices from the choice selectors
(:mod:`casebook.records.selectors.choices`) and their lookups from
:mod:`casebook.records.filters`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (ROOT / "casebook" / "portal", ROOT / "casebook" / "api")
#: Modules the rule leaves out: none.
EXEMPT: set[Path] = set()


def read_path_violations(source: str, filename: str) -> list[str]:
    """``file:line`` and what it does, for each ``.objects`` access and ``.public()`` call."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{filename}:{node.lineno}: reads .objects")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "public"
        ):
            found.append(f"{filename}:{node.lineno}: calls .public()")
    return found


def checked_modules() -> list[Path]:
    """Every Python module of the portal and the API but the exempt ones."""
    modules = sorted(path for package in PACKAGES for path in package.rglob("*.py"))
    return [path for path in modules if path.relative_to(ROOT) not in EXEMPT]


def test_the_check_covers_the_views_and_serializers():
    names = {path.relative_to(ROOT).as_posix() for path in checked_modules()}
    assert "casebook/portal/views/details.py" in names
    assert "casebook/api/views/records.py" in names
    assert "casebook/api/serializers/allegations.py" in names
    assert "casebook/portal/filters.py" in names
    assert "casebook/api/filters.py" in names
    assert "casebook/portal/forms.py" in names


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Party.objects.public()", ["x.py:1: reads .objects", "x.py:1: calls .public()"]),
        ("rows = model.objects.filter(slug=slug)", ["x.py:1: reads .objects"]),
        ("\nrecord_type.public().count()", ["x.py:2: calls .public()"]),
        ("selectors.party_list()", []),
        ("record.is_public", []),
    ],
)
def test_the_check_names_each_read_by_file_and_line(source, expected):
    assert sorted(read_path_violations(source, "x.py")) == sorted(expected)


def test_portal_and_api_read_records_only_through_selectors():
    violations = [
        found
        for path in checked_modules()
        for found in read_path_violations(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]
    assert not violations, "Read through a selector instead:\n" + "\n".join(violations)


def html_builders(source: str, filename: str) -> list[str]:
    """``file:line`` of each import of django.utils.html or django.utils.safestring."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.ImportFrom) and node.module in (
            "django.utils.html",
            "django.utils.safestring",
        ):
            found.append(f"{filename}:{node.lineno}: imports {node.module}")
    return found


def test_html_builders_are_found():
    assert html_builders("from django.utils.html import escape", "x.py") == [
        "x.py:1: imports django.utils.html"
    ]
    assert html_builders("from django.utils.text import slugify", "x.py") == []


def test_selectors_return_data_never_html():
    # The selectors and the search they run hand over data; the portal marks it up.
    modules = sorted((ROOT / "casebook" / "records" / "selectors").rglob("*.py"))
    modules += [ROOT / "casebook" / "records" / "searching.py"]
    found = []
    for path in modules:
        found += html_builders(path.read_text(), path.relative_to(ROOT).as_posix())
    assert found == []
