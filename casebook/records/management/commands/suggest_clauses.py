"""``manage.py suggest_clauses [--document SLUG ...]``."""

from django.core.management.base import BaseCommand, CommandError

from casebook.records.clauses.services import versions_process
from casebook.records.models import TermsDocument, TermsVersion


class Command(BaseCommand):
    help = (
        "Run the clause match rules over terms versions already stored (those with a full "
        "text), suggest the passages they match, and carry confirmed clauses over to later "
        "versions that repeat them (proposing a draft event where a clause changed). "
        "Idempotent: nothing is suggested twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--document",
            action="append",
            default=[],
            help="Slug of a terms document to process (repeatable); all documents if omitted.",
        )

    def handle(self, *args, document, **options):
        versions = TermsVersion.objects.exclude(full_text="").select_related("document")
        if document:
            known = set(
                TermsDocument.objects.filter(slug__in=document).values_list("slug", flat=True)
            )
            unknown = sorted(set(document) - known)
            if unknown:
                raise CommandError(f"No terms document with slug: {', '.join(unknown)}")
            versions = versions.filter(document__slug__in=document)
        report = versions_process(versions=versions.order_by("document", "recorded_at", "id"))
        self.stdout.write(self.style.SUCCESS(f"Clauses: {report.summary()}."))
