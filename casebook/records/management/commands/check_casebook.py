"""``manage.py check_casebook [FILE]``: fail when the dataset breaks a rule of the record."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casebook.records.dataset import DatasetError, load_dataset, read_file
from casebook.records.dataset.audit import audit_dataset
from casebook.records.management.commands.import_casebook import problem_list


class Command(BaseCommand):
    help = (
        "Check a Casebook dataset file (default: the bundled data/casebook.json) and fail, "
        "naming record and field, when it breaks a rule: the file's own format and the "
        "publishing rules (checked by loading it in a dry run, so nothing is written), then "
        "the editorial rules of casebook.records.dataset.audit (unread documents marked "
        "unverified, verbatim quotes, honest date precision, events within their record's span, "
        '"none found" only with a source documenting the search).'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(settings.CASEBOOK_DATASET))

    def handle(self, *args, file, **options):
        try:
            data = read_file(file)
            load_dataset(data, dry_run=True)
        except DatasetError as exc:
            raise CommandError(problem_list("The file fails its checks", file, exc)) from exc
        problems = audit_dataset(data)
        if problems:
            raise CommandError(
                problem_list("The file fails its checks", file, DatasetError(problems))
            )
        self.stdout.write(self.style.SUCCESS(f"{file} passes every check."))
