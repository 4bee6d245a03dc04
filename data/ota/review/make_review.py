"""How data/ota/clause-review.json was written: the analyst's tool, kept to redo the review.

Not part of the app. In a scratch database (never the real one)::

    export DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/review.sqlite3
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py setup_roles
    .venv/bin/python manage.py load_casebook
    .venv/bin/python data/ota/review/make_review.py map /tmp/ota/genai /tmp/ota/genai-eu
    .venv/bin/python manage.py import_ota /tmp/ota/genai   # then /tmp/ota/genai-eu
    .venv/bin/python manage.py load_match_rules data/ota/match-rules.json
    .venv/bin/python manage.py suggest_clauses
    .venv/bin/python data/ota/review/make_review.py write data/ota/clause-review.json

``map`` makes one throwaway terms document per OTA document in scope (the real
mapping is the bundled dataset's). ``write`` reads every version's text and
suggestions and applies the editorial choices of :mod:`spec` (read against the
texts), then writes a decision for each version carry-over cannot decide: a
document's first readable version, a version whose quote in some category
differs from the readable version before it, a version with a suggested passage
the one before did not have, and every unreadable version. It prints where a
clause disappears and writes every distinct quote per document to
``answers.txt`` beside this script, for the analyst to read.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[2])]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casebook.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from spec import (  # noqa: E402
    CATEGORIES,
    EXCLUDE,
    GENERIC,
    SERVICE,
    items,
    sentences,
    strip_run_in,
)

from casebook.records.clauses.matching import passages  # noqa: E402
from casebook.records.clauses.verbatim import normalise_whitespace, quote_occurs  # noqa: E402
from casebook.records.models import Party, TermsDocument  # noqa: E402

COLLECTIONS = {
    "https://github.com/OpenTermsArchive/GenAI-versions": 0,
    "https://github.com/OpenTermsArchive/genai-eu-versions": 1,
}
VENDORS = {
    "ChatGPT": "openai", "OpenAI": "openai", "Claude.ai": "anthropic",
    "Google Generative AI Services": "google", "xAI": "xai", "Grok": "xai", "Llama API": "meta",
    "Meta AI": "meta", "Le Chat": "mistral", "Mistral AI": "mistral", "DeepSeek": "deepseek",
    "Kimi AI": "moonshot-ai", "Qwen Chat": "alibaba", "Doubao": "bytedance",
    "Wenxinyiyan": "baidu", "Microsoft Copilot": "microsoft", "Perplexity": "perplexity",
    "OpenRouter": "openrouter", "Cursor": "anysphere", "Codeium": "windsurf",
}  # fmt: skip
KINDS = {
    "Terms of Service": "terms_of_use",
    "Commercial Terms": "commercial_terms",
    "Developer Terms": "api_terms",
    "Acceptable Use Policy": "usage_policy",
}
ABOUT = (
    "Clause review of every recorded version of the Open Terms Archive documents in scope "
    "(GenAI and GenAI EU collections; terms of service, commercial terms, developer terms, "
    "acceptable use policies of 20 services) for four categories: no-competing-models, "
    "no-automated-extraction, no-reverse-engineering, output-ownership. Keyed by collection, "
    "service, terms type and OTA record time. Only versions carry-over cannot decide are "
    "listed; apply with manage.py apply_clause_review. Quotes are verbatim from each version "
    "(whitespace aside). Written by data/ota/review/make_review.py from data/ota/review/spec.py."
)
UNREADABLE = [
    (re.compile(r"^This page isn’t available"), "an error page ('This page isn’t available')"),
    (re.compile(r"^Redirecting to "), "a redirect stub ('Redirecting to …'), not the terms"),
]
#: Versions read and found unreadable by hand: (service, terms type, record time) → reason.
MANUAL_UNREADABLE = {
    ("Cursor", "Terms of Service", "2025-06-14T00:30:51Z"): "the recorded text is incomplete: "
    "section 1.5 (Use Restrictions) and the body of 1.4 are missing (the numbering jumps from "
    "1.4 to 1.6); the versions before and after have them",
}
HEADINGS = [
    re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$"),  # ATX: ## 2. Use
    re.compile(r"^\s*(?:[\d.\\]+\s*)?\*\*([^*]{2,80}?)\*\*\s*$"),  # a bold line
    re.compile(r"^\s*(?:[\d.\\]+\s*)?\*\*([^*]{2,80}?)\*\*"),  # a bold run-in: **1.5. Use.** …
    re.compile(r"^\s*((?:\d+\\?\.)+\d*\s+[A-Z][^.;:]{2,60})\s*$"),  # 3. Content
]
SETEXT = re.compile(r"^\s*(=+|-+)\s*$")  # the line under a heading


def map_documents(clones: list[str]) -> None:
    """One published terms document per OTA document in scope found in ``clones``."""
    for url, index in COLLECTIONS.items():
        root = Path(clones[index])
        for service, vendor_slug in VENDORS.items():
            for terms_type, kind in KINDS.items():
                if not (root / service / f"{terms_type}.md").exists():
                    continue
                vendor, _ = Party.objects.get_or_create(
                    slug=vendor_slug,
                    defaults={"name": vendor_slug.title(), "kind": "company"},
                )
                TermsDocument.objects.get_or_create(
                    ota_collection=url,
                    ota_service=service,
                    ota_terms_type=terms_type,
                    defaults={
                        "slug": slugify(f"ota-{index}-{service}-{terms_type}")[:100],
                        "vendor": vendor,
                        "title": f"{service} {terms_type}",
                        "kind": kind,
                        "editorial_status": "published",
                    },
                )
    user_model = get_user_model()
    if not user_model.objects.filter(username="review").exists():
        user_model.objects.create_superuser("review", "review@example.org", None)


def heading(text: str, quote: str, found: str) -> str:
    """The heading a quote sits under: its passage's (``found``), else the nearest line
    above it that reads as a heading (ATX, setext, bold, numbered), but not the title."""
    if found:
        return _clean_heading(found)
    at = text.find(quote[:30])
    lines = text[:at].splitlines()[-300:] if at >= 0 else []
    for index in range(len(lines) - 1, 0, -1):  # line 0 is the document's title
        line = lines[index]
        candidates = [lines[index - 1]] if SETEXT.match(line) and index > 1 else []
        candidates += [m.group(1) for p in HEADINGS if (m := p.match(line))]
        for candidate in map(_clean_heading, candidates):
            if _is_section(candidate):
                return candidate
    return ""


def _is_section(words: str) -> bool:
    """Not a number alone, a date line, the document's title or a sentence."""
    return (
        3 <= len(words) <= 80
        and re.search(r"[^\W\d_]{3}", words) is not None
        and not words.lower().startswith(("last updated", "effective"))
        and "Terms of Service" not in words
    )


def _clean_heading(words: str) -> str:
    return re.sub(r"[*_`\\]|\[|\]\(#[^)]*\)", "", words).strip().rstrip(".:")[:120]


def unreadable(text: str, document, stamp: str) -> str:
    manual = MANUAL_UNREADABLE.get((document.ota_service, document.ota_terms_type, stamp))
    if manual:
        return manual
    for pattern, reason in UNREADABLE:
        if pattern.search(text.strip()[:200]):
            if "Data Security Terms" in text:
                reason += ", followed by another document (Meta's Data Security Terms)"
            return reason
    return ""


def answer(service: str, text: str) -> dict:
    """Category slug → {"section", "text"} or "absent", by the spec."""
    found_passages = list(passages(text))
    listed = [
        (strip_run_in(p.text)[0] or p.heading, piece)
        for p in found_passages
        for piece in items(p.text)
    ]
    whole = [(h or p.heading, s) for p in found_passages for h, s in sentences(p.text)]
    out = {}
    for category in CATEGORIES:
        forced = SERVICE.get(service, {}).get(category)
        if forced == "absent":
            out[category] = "absent"
            continue
        candidates = whole if category == "output-ownership" else listed
        found = None
        for pattern in (forced or []) + GENERIC[category]:
            found = next(
                (
                    (head, piece)
                    for head, piece in candidates
                    if re.search(pattern, piece, re.I)
                    and not any(re.search(x, piece, re.I) for x in EXCLUDE[category])
                ),
                None,
            )
            if found:
                break
        if found is None:
            out[category] = "absent"
            continue
        assert quote_occurs(found[1], text), found
        out[category] = {"section": heading(text, found[1], found[0]), "text": found[1]}
    return out


def _key(answers: dict) -> dict:
    return {c: v if v == "absent" else normalise_whitespace(v["text"]) for c, v in answers.items()}


def document_decisions(document, stats, dump) -> dict:
    entry = {
        "collection": document.ota_collection,
        "service": document.ota_service,
        "terms_type": document.ota_terms_type,
        "versions": [],
    }
    before_key = before_suggested = None
    seen: dict = {}
    for version in document.versions.exclude(full_text="").order_by("recorded_at"):
        stamp = version.recorded_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        reason = unreadable(version.full_text, document, stamp)
        if reason:
            entry["versions"].append({"recorded_at": stamp, "unreadable": reason})
            stats["unreadable"] += 1
            continue
        answers = answer(document.ota_service, version.full_text)
        key = _key(answers)
        suggested = {
            (s.category_id, normalise_whitespace(s.text)) for s in version.clause_suggestions.all()
        }
        for category, value in key.items():
            seen.setdefault((category, value), stamp)
            if before_key and before_key[category] != "absent" and value == "absent":
                print(f"DISAPPEARS {document} {stamp} {category}: was {before_key[category][:100]}")
        if key != before_key or not suggested <= (before_suggested or set()):
            entry["versions"].append({"recorded_at": stamp, "clauses": answers})
            stats["decided"] += 1
        else:
            stats["by carry-over"] += 1
        before_key, before_suggested = key, suggested
    print(f"\n## {document.ota_collection} | {document}", file=dump)
    for (category, value), first in seen.items():
        print(f"  {category[:22]:22} {first[:10]} :: {value[:300]}", file=dump)
    return entry


def write_review(out: str) -> None:
    stats: collections.Counter = collections.Counter()
    with open(HERE / "answers.txt", "w", encoding="utf-8") as dump:
        documents = [
            document_decisions(document, stats, dump)
            for document in TermsDocument.objects.exclude(ota_service="").order_by(
                "ota_collection", "ota_service", "ota_terms_type"
            )
        ]
    Path(out).write_text(
        json.dumps({"about": ABOUT, "documents": documents}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(dict(stats))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["map", "write"])
    parser.add_argument("paths", nargs="+", help="map: the two clones; write: the output file")
    args = parser.parse_args()
    if args.step == "map":
        map_documents(args.paths)
    else:
        write_review(args.paths[0])
