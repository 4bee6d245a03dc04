"""``manage.py export_casebook [FILE]``: write the database in the dataset format."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from casebook.records.dataset import dumps, export_dataset, record_count


class Command(BaseCommand):
    help = (
        "Write every record in the dataset format (see docs/dataset-format.md) to FILE, "
        "or to standard output. --public-only leaves out everything not published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output if left out.")
        parser.add_argument(
            "--public-only", action="store_true", help="Only published records (safe to share)."
        )

    def handle(self, *args, file=None, public_only=False, **options):
        with tqdm(
            total=record_count(),
            desc="Exporting",
            unit="record",
            disable=not (file and sys.stderr.isatty()),
        ) as bar:
            text = dumps(export_dataset(public_only=public_only, on_record=lambda: bar.update()))
        if file:
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(self.style.SUCCESS(f"Wrote {file}."))
        else:
            sys.stdout.write(text)
