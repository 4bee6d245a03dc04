"""``manage.py load_match_rules PATH [--user NAME]``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from casebook.records.clauses.rulesfile import RulesFileError, match_rules_load, rules_file_read


class Command(BaseCommand):
    help = (
        "Load clause match rules from a JSON file (e.g. data/ota/match-rules.json): a rule "
        "is created, or its notes updated and it is made active, matched by category, kind "
        "and pattern. Rules not in the file are left alone. All or nothing; a second run "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The rules file (JSON).")
        parser.add_argument("--user", help="Username of the staff member loading (history).")

    def handle(self, *args, path, user, **options):
        loader = None
        if user:
            try:
                loader = get_user_model().objects.get(username=user, is_staff=True)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"No staff user named '{user}'.") from exc
        try:
            report = match_rules_load(rules=rules_file_read(path), user=loader)
        except RulesFileError as exc:
            raise CommandError(f"No rule was loaded:\n  {exc}") from exc
        for label in report.created:
            self.stdout.write(f"create    {label}")
        for label in report.updated:
            self.stdout.write(f"update    {label}")
        self.stdout.write(self.style.SUCCESS(f"Match rules: {report.summary()}."))
