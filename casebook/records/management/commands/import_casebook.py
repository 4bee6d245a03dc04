"""``manage.py import_casebook FILE --user NAME [--dry-run]``: staff bulk import."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from casebook.records.dataset import DatasetError, load_dataset, read_file, record_count
from casebook.records.dataset.progress import StageProgress


class Command(BaseCommand):
    help = (
        "Import a dataset file (see docs/dataset-format.md). The whole file is checked "
        "before anything is written, then written all or nothing; every error names the "
        "record and the field. Published records must meet the same rules as in the admin, "
        "and only an editor may publish, retract or change published records. Changes are "
        "recorded in each record's history under --user."
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
            importer = get_user_model().objects.get(username=user, is_staff=True, is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No active staff user named '{user}'.") from exc
        try:
            data = read_file(file)
            with StageProgress(record_count(data)) as progress:
                report = load_dataset(data, user=importer, dry_run=dry_run, on_record=progress)
        except DatasetError as exc:
            raise CommandError(problem_list("Nothing was imported", file, exc)) from exc
        if dry_run:
            for line in report.lines():
                self.stdout.write(line)
            self.stdout.write(f"Dry run, nothing written: would be {report.summary()}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {file}: {report.summary()}."))


def problem_list(outcome: str, file: str, error: DatasetError) -> str:
    """The command's error text: one line for one problem, else a count and one line each."""
    if len(error.errors) == 1:
        return f"{outcome}: {error.errors[0]}"
    return f"{outcome}; {len(error.errors)} problems in {file}:\n  " + "\n  ".join(error.errors)
