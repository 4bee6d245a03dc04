"""The portal and the API read records only through the selectors.

Every public list and page gets its rows from one selector
(:mod:`casebook.records.selectors`), which applies the public rule and loads what
the page shows; views and serializers only shape the output. So no module of the
portal or the API may touch a model manager (``.objects``) or call ``.public()``
itself; filters and forms take their choices from the choice selectors
(:mod:`casebook.records.selectors.choices`) and their lookups from
:mod:`casebook.records.filters`. Nor may they import a read of the records app
from anywhere else: of ``casebook.records`` they import the selectors, the
registry, the models and the few modules of :data:`ALLOWED_IMPORTS`, which read
no records.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (ROOT / "casebook" / "portal", ROOT / "casebook" / "api")
#: Modules the rule leaves out: none.
EXEMPT: set[Path] = set()

#: What the portal and the API may import of ``casebook.records`` (a module or package,
#: with its submodules), and why: the read layer, and modules that read no records.
ALLOWED_IMPORTS = {
    "casebook.records.selectors": "the read layer itself",
    "casebook.records.registry": "the record types (names, models, URLs); reads nothing",
    "casebook.records.models": "model classes and choices, for typing and formatting",
    "casebook.records.filters": "filter sets applied to a selector's queryset, and the "
    "parameters' repeat rules",
    "casebook.records.versions": "a terms version's key, order and in-force date, "
    "worked out from a version already read",
    "casebook.records.attribution": "the Open Terms Archive credit of a version already read",
    "casebook.records.csvwriter": "CSV encoding of rows already read",
    "casebook.records.textsearch": "the search query's validation (length, terms)",
    "casebook.records.services": "can_preview, the staff preview rule (a user check)",
    "casebook.records.dataset.format": "the dataset file's writer, which encodes the "
    "dump's sections (read by selectors.public_dump_sections)",
    "casebook.records.dumpcache": "the dump's file cache and data version (row counts and "
    "latest change per table, never a record's fields)",
}


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


def _imported_modules(node: ast.Import | ast.ImportFrom, filename: str) -> list[str]:
    """The dotted names an import statement of module ``filename`` loads.

    ``from casebook.records import a, b`` loads ``casebook.records.a`` and
    ``casebook.records.b``; a relative import is resolved against the package
    of ``filename`` (a path such as ``casebook/portal/feeds.py``).
    """
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    module = node.module or ""
    if node.level:
        package = filename.removesuffix(".py").split("/")[: -node.level]
        module = ".".join([*package, *([module] if module else [])])
    if module in ("casebook", "casebook.records"):
        return [f"{module}.{alias.name}" for alias in node.names]
    return [module]


def _allowed(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in ALLOWED_IMPORTS)


def record_import_violations(source: str, filename: str) -> list[str]:
    """``file:line`` and module, for each import of ``casebook.records`` outside
    :data:`ALLOWED_IMPORTS` (anywhere in the module, function bodies included)."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for module in _imported_modules(node, filename):
            records = module == "casebook.records" or module.startswith("casebook.records.")
            if records and not _allowed(module):
                found.append(f"{filename}:{node.lineno}: imports {module}")
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


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from casebook.records.timeline import TimelineEntry",
            ["casebook/portal/x.py:1: imports casebook.records.timeline"],
        ),
        (
            "from casebook.records import selectors, tombstones",
            ["casebook/portal/x.py:1: imports casebook.records.tombstones"],
        ),
        (
            "import casebook.records.revisions",
            ["casebook/portal/x.py:1: imports casebook.records.revisions"],
        ),
        (
            "from casebook.records import dataset",
            ["casebook/portal/x.py:1: imports casebook.records.dataset"],
        ),
        (
            "def f():\n    from casebook.records.searching import Snippet",
            ["casebook/portal/x.py:2: imports casebook.records.searching"],
        ),
        (
            "from ..records.versionpage import terms_version_page",
            ["casebook/portal/x.py:1: imports casebook.records.versionpage"],
        ),
        ("from casebook import records", ["casebook/portal/x.py:1: imports casebook.records"]),
        ("from casebook.records.selectors import Tombstone, timeline", []),
        ("from casebook.records import selectors, models, registry", []),
        ("from casebook.records.models import Party", []),
        ("from casebook.records.filters.repeats import repeatable_filters", []),
        ("from casebook.records.dataset.format import iter_dumps", []),
        ("from casebook.portal import feeds\nimport datetime", []),
        ("from .feeds import FeedOf", []),
    ],
)
def test_the_check_names_each_import_of_a_records_read_by_file_and_line(source, expected):
    assert record_import_violations(source, "casebook/portal/x.py") == expected


def test_each_allowed_import_is_a_module():
    # So the list says what exists: a module moved or removed leaves no stale permission.
    missing = [name for name in ALLOWED_IMPORTS if importlib.util.find_spec(name) is None]
    assert missing == []


def test_portal_and_api_import_records_reads_only_from_the_selectors():
    violations = [
        found
        for path in checked_modules()
        for found in record_import_violations(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]
    assert not violations, (
        "Import the read from casebook.records.selectors (or list a module that reads "
        "no records in ALLOWED_IMPORTS, with why):\n" + "\n".join(violations)
    )


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
