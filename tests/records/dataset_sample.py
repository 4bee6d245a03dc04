"""A small valid dataset file, shared by the dataset tests."""


def cite(source="post", pinpoint="", **extra):
    return [{"source": source, "pinpoint": pinpoint, "verification": "primary", **extra}]


def sample_dataset() -> dict:
    """A small valid dataset touching every section and every link (a new copy each call)."""
    return {
        "format": "casebook-dataset",
        "version": 1,
        "vocabularies": {
            "capabilities": [{"slug": "agentic-coding", "name": "Agentic coding"}],
            "techniques": [{"slug": "fraudulent-accounts", "name": "Fraudulent accounts"}],
            "legal_theories": [{"slug": "terms-breach", "name": "Contract / terms breach"}],
            "clause_categories": [{"slug": "no-competing-models", "name": "No competing models"}],
            "topics": [{"slug": "distillation", "name": "Distillation"}],
        },
        "parties": [
            {
                "slug": "accuser",
                "name": "Accuser Lab",
                "kind": "company",
                "country": "US",
                "editorial_status": "published",
                "citations": cite(),
            },
            {
                "slug": "accused",
                "name": "Accused Lab",
                "kind": "company",
                "aliases": ["AL"],
                "editorial_status": "published",
                "citations": cite(),
            },
            {
                "slug": "court",
                "name": "A Court",
                "kind": "court",
                "editorial_status": "published",
                "citations": cite(),
            },
            {"slug": "office", "name": "An Office", "kind": "agency", "editorial_status": "draft"},
        ],
        "sources": [
            {
                "slug": "post",
                "title": "The accuser's post",
                "kind": "primary",
                "url": "https://example.org/post",
                "published_on": "2026-02-23",
                "editorial_status": "published",
            },
        ],
        "terms_documents": [
            {
                "slug": "accuser-terms",
                "vendor": "accuser",
                "title": "Terms",
                "kind": "terms_of_use",
                "editorial_status": "published",
                "citations": cite(),
                "versions": [
                    {
                        "effective_from": "2024-01-31",
                        "reviewed_categories": ["no-competing-models"],
                        "clauses": [
                            {
                                "category": "no-competing-models",
                                "section": "2(c)",
                                "text": "Use Output to develop models that compete.",
                            }
                        ],
                    },
                    {"effective_from": None, "label": "Version in force in 2023"},
                ],
            },
        ],
        "allegations": [
            {
                "slug": "the-allegation",
                "title": "Accuser accuses Accused",
                "summary": "Said so.",
                "accuser": "accuser",
                "made_on": "2026-02-23",
                "venue": "blog_post",
                "accounts": 24000,
                "exchanges": 16000000,
                "exchanges_qualifier": "over",
                "legal_theories": ["terms-breach"],
                "topics": ["distillation"],
                "breached_clause": {
                    "document": "accuser-terms",
                    "effective_from": "2024-01-31",
                    "category": "no-competing-models",
                },
                "editorial_status": "published",
                "citations": cite(pinpoint="para. 1"),
                "accused": [
                    {
                        "party": "accused",
                        "exchanges": 13000000,
                        "exchanges_qualifier": "over",
                        "capabilities": ["agentic-coding"],
                        "techniques": ["fraudulent-accounts"],
                    },
                ],
            },
        ],
        "cases": [
            {
                "slug": "a-case",
                "name": "Accuser v. Accused",
                "court": "court",
                "docket_number": "3:24-cv-05417",
                "filed_on": "2024-08-19",
                "allegations": ["the-allegation"],
                "editorial_status": "published",
                "citations": cite(),
                "parties": [
                    {"party": "accuser", "role": "plaintiff"},
                    {"party": "accused", "role": "defendant"},
                ],
            },
        ],
        "settlements": [
            {
                "slug": "a-settlement",
                "case": "a-case",
                "title": "Settlement",
                "amount": "1500000000.00",
                "amount_qualifier": "at_least",
                "unit_count": 482460,
                "announced_on": "2025-09-05",
                "preliminary_approval_on": "2025-09-25",
                "editorial_status": "published",
                "citations": cite(),
            },
        ],
        "guidance": [
            {
                "slug": "new-guidance",
                "issuer": "office",
                "title": "Part 2",
                "document_type": "report",
                "issued_on": "2025-01-29",
                "editorial_status": "draft",
                "holdings": [
                    {
                        "proposition": "Prompts alone are not enough.",
                        "quote": "the mere provision of prompts",
                    },
                    {"proposition": "No change to the law is needed."},
                ],
            },
            {
                "slug": "old-guidance",
                "issuer": "office",
                "title": "Guidance",
                "document_type": "registration_guidance",
                "issued_on": "2023-03-16",
                "superseded_by": "new-guidance",
                "editorial_status": "draft",
            },
        ],
        "events": [
            {
                "slug": "hearing",
                "date": "2026-05-01",
                "date_precision": "month",
                "kind": "hearing",
                "headline": "Fairness hearing",
                "case": "a-case",
                "parties": ["court"],
                "editorial_status": "published",
                "citations": cite(),
            },
        ],
    }
