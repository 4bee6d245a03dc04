"""``manage.py apply_clause_review PATH --user NAME [--dry-run]``."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from casebook.records.clauses.review import ReviewFileError, clause_review_apply, review_file_read


class Command(BaseCommand):
    help = (
        "Apply an analyst's clause review of Open Terms Archive versions (e.g. "
        "data/ota/clause-review.json): confirm or create the clauses it quotes, reject the "
        "other suggestions of the reviewed categories, mark unreadable versions, then carry "
        "confirmations over to the versions it names no decision for. All or nothing; a "
        "second run changes nothing. Decisions for versions not in the database are listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The review file (JSON).")
        parser.add_argument(
            "--user", required=True, help="Username of the staff analyst (history)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change; write nothing."
        )
        parser.add_argument(
            "--list-undecided",
            action="store_true",
            help="List every version and category still needing a decision (else a count).",
        )

    def handle(self, *args, path, user, dry_run, list_undecided, **options):
        try:
            analyst = get_user_model().objects.get(username=user, is_staff=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No staff user named '{user}'.") from exc
        try:
            report = clause_review_apply(
                documents=review_file_read(path), user=analyst, dry_run=dry_run
            )
        except (ReviewFileError, ValidationError) as exc:
            raise CommandError(f"Nothing was applied:\n  {exc}") from exc
        for label in report.not_in_db:
            self.stdout.write(f"not in the database: {label}")
        for headline in report.proposed:
            self.stdout.write(f"proposed  {headline}")
        if list_undecided:
            for label in report.undecided:
                self.stdout.write(f"undecided {label}")
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {report.summary()}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Clause review: {report.summary()}."))
