"""``manage.py load_casebook [FILE]``: load the bundled dataset (or another file)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casebook.records.dataset import DatasetError, load_dataset, read_file


class Command(BaseCommand):
    help = (
        "Load a Casebook dataset file (default: the bundled data/casebook.json). "
        "All or nothing; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(settings.CASEBOOK_DATASET))

    def handle(self, *args, file, **options):
        try:
            report = load_dataset(read_file(file))
        except DatasetError as exc:
            raise CommandError(
                f"Nothing was loaded; {len(exc.errors)} problem(s) in {file}:\n  "
                + "\n  ".join(exc.errors)
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {file}: {report.summary()}."))
