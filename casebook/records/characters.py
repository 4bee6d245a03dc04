"""The one rule for characters that no record text may hold.

C0 and C1 control characters other than tab, line feed and carriage return,
unpaired surrogates, and the non-characters U+FFFE and U+FFFF: XML 1.0 (the
Atom feed, the sitemap) cannot carry them, PostgreSQL refuses NUL, and on a page
they are invisible. The admin forms (:class:`casebook.records.forms.NoControlCharacters`)
and the dataset checker (:func:`casebook.records.dataset.rules.text_problem`) both
refuse them through :func:`unsafe_characters`.
"""

from __future__ import annotations

import re
from typing import Any

#: One character that no stored text may hold.
UNSAFE_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def unsafe_characters(value: Any) -> list[str]:
    """The unsafe characters in ``value``, each once, in order of first appearance.

    ``value`` is a string, or a list/tuple/dict of them nested to any depth (a JSON
    field's value); anything else holds none.
    """
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, list | tuple):
        found: list[str] = []
        for item in value:
            found.extend(c for c in unsafe_characters(item) if c not in found)
        return found
    if not isinstance(value, str):
        return []
    return list(dict.fromkeys(UNSAFE_CHARACTER.findall(value)))
