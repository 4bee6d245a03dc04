"""Text for XML 1.0 documents (the Atom feed, the sitemap): drop what XML cannot carry.

XML 1.0 allows only tab, line feed, carriage return, U+0020–U+D7FF,
U+E000–U+FFFD and U+10000–U+10FFFF. Django's XML writer refuses the C0 control
characters (a title with U+001D made the feed a 500) and lets U+FFFE/U+FFFF
through into a document no parser accepts. The admin refuses control characters
on input, but records loaded by other paths may still hold them, so every text
bound for XML goes through :func:`xml_text` first.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.feedgenerator import Atom1Feed

#: Every character XML 1.0 does not allow.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (they are removed, not replaced)."""
    return _NOT_XML.sub("", text)


def _xml_value(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_value(v) for v in value)
    return value


class XMLSafeAtom1Feed(Atom1Feed):
    """An Atom feed whose every text, of the feed and of each item, passes :func:`xml_text`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(_xml_value(a) for a in args), **_xml_kwargs(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*(_xml_value(a) for a in args), **_xml_kwargs(kwargs))


def _xml_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    return {name: _xml_value(value) for name, value in kwargs.items()}
