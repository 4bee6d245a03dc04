"""``manage.py export_casebook [FILE]``: write the database in the dataset format."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from casebook.records.dataset import iter_dumps, iter_export, record_count
from casebook.records.dataset.companion import write_dataset


class Command(BaseCommand):
    help = (
        "Write every record in the dataset format (see docs/dataset-format.md) to FILE, "
        "or to standard output. --public-only leaves out everything not published. "
        "A FILE keeps the full texts of recorded (Open Terms Archive) versions in a "
        "companion file beside it, FILE's name with .recorded-versions.json.xz; standard "
        "output holds them inline."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write; standard output if left out.")
        parser.add_argument(
            "--public-only", action="store_true", help="Only published records (safe to share)."
        )

    def handle(self, *args, file=None, public_only=False, **options):
        # Streamed: rows are read in chunks and written as they come, so memory stays flat
        # however big the database. A file is written beside its name, then renamed into
        # place, so a failed export never leaves half a file behind.
        with tqdm(
            total=record_count(),
            desc="Exporting",
            unit="record",
            disable=not (file and sys.stderr.isatty()),
        ) as bar:
            items = iter_export(public_only=public_only, on_record=bar.update)
            if file:
                companion = write_dataset(file, items)
            else:
                for piece in iter_dumps(items):
                    sys.stdout.write(piece)
        if file:
            also = f" and {companion}" if companion else ""
            self.stderr.write(self.style.SUCCESS(f"Wrote {file}{also}."))
