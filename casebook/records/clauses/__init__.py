"""Clause finding confirmed by people: match rules, suggestions, carry-over, change proposals.

- :mod:`.verbatim`: the one rule that a clause quotes its version's text word for word.
- :mod:`.matching`: splitting an OTA text into sentences and list items under their
  Markdown headings, and running a category's match rules over them.
- :mod:`.services`: the writes (suggest, confirm, reject, carry over, propose changes).
"""
