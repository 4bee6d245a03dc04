"""Clause match rules kept in a JSON file, loaded into :class:`ClauseMatchRule` rows.

The file (``data/ota/match-rules.json``) is a list under ``"rules"``; each rule
names its clause category by slug::

    {"rules": [
        {"category": "no-competing-models", "kind": "phrase",
         "pattern": "compete with", "notes": "Why the rule exists, what it misses."}
    ]}

Loading upserts by (category, kind, pattern): a rule already stored gets the
file's notes and is made active; rules stored but absent from the file are left
alone (an analyst may have added them in the admin). Every rule is checked as the
admin checks it (:func:`~casebook.records.clauses.matching.rule_problem`) and
any problem, or an unknown category, writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from casebook.records.clauses.matching import rule_problem
from casebook.records.clauses.models import ClauseMatchRule
from casebook.records.models import ClauseCategory


class RulesFileError(Exception):
    """The rules file cannot be loaded; the message names each problem."""


@dataclass
class RulesLoadReport:
    """What a load wrote: rule labels created and updated, and the count unchanged."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        """One line: "2 rule(s) created, 1 updated, 5 unchanged"."""
        return (
            f"{len(self.created)} rule(s) created, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged"
        )


def rules_file_read(path: str | Path) -> list[dict[str, str]]:
    """The rules of the JSON file at ``path``, each a dict with category, kind, pattern,
    notes (notes may be missing: ""). Raises :class:`RulesFileError` on a file that
    cannot be read or a rule without category or pattern, or of an unknown kind."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RulesFileError(f"cannot read {path}: {exc}") from exc
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, list):
        raise RulesFileError(f'{path}: expected an object with a list under "rules"')
    kinds = set(ClauseMatchRule.Kind.values)
    problems, read = [], []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or not rule.get("category") or not rule.get("pattern"):
            problems.append(f"rule {number}: needs a category and a pattern")
            continue
        kind = rule.get("kind", ClauseMatchRule.Kind.PHRASE)
        if kind not in kinds:
            problems.append(f"rule {number}: kind must be one of {', '.join(sorted(kinds))}")
            continue
        read.append(
            {
                "category": rule["category"],
                "kind": kind,
                "pattern": rule["pattern"],
                "notes": rule.get("notes", ""),
            }
        )
    if problems:
        raise RulesFileError("\n".join(problems))
    return read


def match_rules_load(*, rules: list[dict[str, Any]], user: Any = None) -> RulesLoadReport:
    """Upsert ``rules`` (as :func:`rules_file_read` gives them) into ClauseMatchRule rows.

    All or nothing: an unknown category slug or a pattern the admin would refuse
    raises :class:`RulesFileError` and writes nothing. History is recorded
    under ``user`` (may be None).
    """
    categories = {c.slug: c for c in ClauseCategory.objects.all()}
    problems = []
    for number, rule in enumerate(rules, start=1):
        if rule["category"] not in categories:
            problems.append(f"rule {number}: no clause category '{rule['category']}'")
        problem = rule_problem(rule["kind"], rule["pattern"])
        if problem:
            problems.append(f"rule {number} ({rule['pattern']!r}): {problem}")
    if problems:
        raise RulesFileError("\n".join(problems))
    report = RulesLoadReport()
    with transaction.atomic():
        for rule in rules:
            _rule_upsert(rule, categories[rule["category"]], user, report)
    return report


def _rule_upsert(rule: dict[str, Any], category, user, report: RulesLoadReport) -> None:
    label = f"{category.slug}: {rule['kind']} {rule['pattern']}"
    stored = ClauseMatchRule.objects.filter(
        category=category, kind=rule["kind"], pattern=rule["pattern"]
    ).first()
    if stored is None:
        stored = ClauseMatchRule(
            category=category, kind=rule["kind"], pattern=rule["pattern"], notes=rule["notes"]
        )
        report.created.append(label)
    elif stored.notes == rule["notes"] and stored.active:
        report.unchanged += 1
        return
    else:
        stored.notes, stored.active = rule["notes"], True
        report.updated.append(label)
    stored._history_user = user
    stored.save()
