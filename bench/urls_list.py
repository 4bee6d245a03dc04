"""Print every public page and endpoint of the bench database, one path a line."""

import django

django.setup()

from casebook.records import selectors  # noqa: E402,F401
from casebook.records.models import (  # noqa: E402
    Allegation,
    Case,
    Clause,
    Event,
    Guidance,
    Party,
    Source,
    TermsDocument,
)

event = Event.objects.public().first()
allegation = Allegation.objects.public().first()
party = Party.objects.public().filter(accusations__isnull=False).first()
terms = TermsDocument.objects.public().first()
case = Case.objects.public().first()
guidance = Guidance.objects.public().first()
source = Source.objects.public().first()
clause = Clause.objects.filter(version__document=terms).select_related("category").first()
others = list(
    Allegation.objects.public()
    .filter(accused__party__editorial_status="published", accuser__editorial_status="published")
    .exclude(pk=allegation.pk)
    .values_list("slug", flat=True)[:2]
)

pages = [
    "/",
    "/methodology/",
    "/timeline/",
    f"/timeline/?party={party.slug}",
    "/search/?q=distillation",
    "/compare/terms/",
    # Two dates: every cell of the synthetic data differs between them, so each shows both.
    "/compare/terms/?on=2025-06-01&compare_on=2024-01-01",
    f"/compare/terms/history/?vendor={terms.vendor.slug}&category={clause.category.slug}",
    f"/compare/allegations/?key={allegation.slug}&key={others[0]}",
    "/feed/",
    "/sitemap.xml",
    "/sitemap-event.xml",
]
for kind, record in [
    ("parties", party),
    ("sources", source),
    ("terms", terms),
    ("allegations", allegation),
    ("cases", case),
    ("guidance", guidance),
    ("events", event),
]:
    pages += [f"/{kind}/", f"/{kind}/{record.slug}/"]
pages += ["/events/?kind=filing", f"/events/?party={party.slug}"]
api = [
    "/api/v1/timeline/",
    f"/api/v1/timeline/?party={party.slug}",
    f"/api/v1/events/?party={party.slug}",
    "/api/v1/search/?q=distillation",
    "/api/v1/terms-matrix/",
    f"/api/v1/compare/?key={allegation.slug}&key={others[0]}",
    f"/api/v1/clause-in-force/?vendor={terms.vendor.slug}&category={clause.category.slug}"
    "&on=2024-01-01",
    "/api/v1/terms-versions/",
    "/api/v1/clauses/",
]
for kind, record in [
    ("parties", party),
    ("sources", source),
    ("allegations", allegation),
    ("cases", case),
    ("guidance", guidance),
    ("terms", terms),
    ("events", event),
]:
    api += [f"/api/v1/{kind}/", f"/api/v1/{kind}/{record.slug}/"]
api += ["/api/v1/allegations/?format=csv", "/api/v1/events/?format=csv", "/api/v1/dump/"]
print("\n".join(pages + api))
