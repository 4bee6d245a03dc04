"""``manage.py export_casebook [FILE]``: write the database in the dataset format."""

import os
import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from casebook.records.dataset import iter_dumps, iter_export, record_count


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
        # Streamed: rows are read in chunks and written as they come, so memory stays flat
        # however big the database. A file is written beside its name, then renamed into
        # place, so a failed export never leaves half a file behind.
        with tqdm(
            total=record_count(),
            desc="Exporting",
            unit="record",
            disable=not (file and sys.stderr.isatty()),
        ) as bar:
            pieces = iter_dumps(iter_export(public_only=public_only, on_record=bar.update))
            if file:
                self.write_file(file, pieces)
            else:
                for piece in pieces:
                    sys.stdout.write(piece)
        if file:
            self.stderr.write(self.style.SUCCESS(f"Wrote {file}."))

    @staticmethod
    def write_file(file: str, pieces) -> None:
        partial = f"{file}.partial"
        with open(partial, "w", encoding="utf-8") as handle:
            for piece in pieces:
                handle.write(piece)
        os.replace(partial, file)
