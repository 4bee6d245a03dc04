"""``manage.py import_ota SOURCE [--user NAME] [--dry-run] [--collection URL]``."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from casebook.records.ota.importer import ImportProblem, import_source
from casebook.records.ota.reader import SourceError, read_source


class Command(BaseCommand):
    help = (
        "Import Open Terms Archive versions from a versions repository (a git clone) or a "
        "dataset release (a folder or a .zip) into the terms documents mapped to them "
        "(OTA collection, service and terms type, edited in the admin). All or nothing; "
        "a second run changes nothing; OTA documents no terms document maps are listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A versions repository, a release folder or a zip.")
        parser.add_argument(
            "--user", help="Username of the staff member doing the import (history)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be created or changed; write nothing.",
        )
        parser.add_argument(
            "--collection",
            default="",
            help="The collection's versions repository address, when the source's README "
            "does not link it, e.g. https://github.com/OpenTermsArchive/GenAI-versions.",
        )

    def handle(self, *args, source, user, dry_run, collection, **options):
        importer = None
        if user:
            try:
                importer = get_user_model().objects.get(username=user, is_staff=True)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"No staff user named '{user}'.") from exc
        try:
            read = read_source(source)
        except SourceError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        if collection:
            read.collection = collection
        try:
            with tqdm(
                total=len(read.versions),
                desc="Importing",
                unit="version",
                disable=not sys.stderr.isatty(),
            ) as bar:
                report = import_source(
                    read, user=importer, dry_run=dry_run, on_version=lambda: bar.update()
                )
        except ImportProblem as exc:
            raise CommandError(
                f"Nothing was imported; {len(exc.problems)} problem(s) in {source}:\n  "
                + "\n  ".join(exc.problems)
            ) from exc
        for line in report.lines():
            self.stdout.write(line)
        for document in report.missing:
            self.stdout.write(f"not in this source: {document}")
        if report.unmapped:
            self.stdout.write(
                f"Unmapped in {read.collection} (not imported; map them on a terms document):"
            )
            for (service, terms_type), count in sorted(report.unmapped.items()):
                self.stdout.write(f"  {service} / {terms_type}: {count} version(s)")
        if report.clauses is not None:
            self.stdout.write(f"Clauses: {report.clauses.summary()}.")
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {report.summary(dry_run=True)}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {source}: {report.summary()}."))
