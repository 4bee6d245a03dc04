"""``manage.py import_casebook FILE --user NAME [--dry-run]``: staff bulk import."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from casebook.records.dataset import DatasetError, load_dataset, read_file, record_count


class Command(BaseCommand):
    help = (
        "Import a dataset file (see docs/dataset-format.md). The whole file is checked "
        "first and written all or nothing; every error names the record and the field. "
        "Changes are recorded in each record's history under --user."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--user", required=True, help="Username of the staff member doing the import."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and list what would be created, changed or left alone; "
            "write nothing.",
        )

    def handle(self, *args, file, user, dry_run, **options):
        try:
            importer = get_user_model().objects.get(username=user, is_staff=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No staff user named '{user}'.") from exc
        try:
            data = read_file(file)
            with tqdm(
                total=record_count(data),
                desc="Importing",
                unit="record",
                disable=not sys.stderr.isatty(),
            ) as bar:
                report = load_dataset(
                    data, user=importer, dry_run=dry_run, on_record=lambda: bar.update()
                )
        except DatasetError as exc:
            raise CommandError(
                f"Nothing was imported; {len(exc.errors)} problem(s) in {file}:\n  "
                + "\n  ".join(exc.errors)
            ) from exc
        if dry_run:
            for line in report.lines():
                self.stdout.write(line)
            self.stdout.write(f"Dry run, nothing written: would be {report.summary()}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {file}: {report.summary()}."))
