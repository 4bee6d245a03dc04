"""``manage.py load_casebook [FILE]``: load the bundled dataset (or another file)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casebook.records.dataset import DatasetError, load_dataset, read_file, record_count
from casebook.records.dataset.progress import StageProgress
from casebook.records.management.commands.import_casebook import problem_list
from casebook.records.models import RECORD_MODELS


class Command(BaseCommand):
    help = (
        "Load a Casebook dataset file (default: the bundled data/casebook.json). "
        "The whole file is checked before anything is written, then written all or "
        "nothing; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(settings.CASEBOOK_DATASET))
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database that holds no record yet (what `make run` does, "
            "so restarting never overwrites what staff changed since).",
        )

    def handle(self, *args, file, if_empty=False, **options):
        if if_empty and any(model.objects.exists() for model in RECORD_MODELS):
            self.stdout.write("The database already holds records: nothing loaded (--if-empty).")
            return
        try:
            data = read_file(file)
            with StageProgress(record_count(data)) as progress:
                report = load_dataset(data, on_record=progress)
        except DatasetError as exc:
            raise CommandError(problem_list("Nothing was loaded", file, exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {file}: {report.summary()}."))
