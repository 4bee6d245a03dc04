"""``manage.py rebuild_bundled_terms --genai CLONE --genai-eu CLONE --user NAME``.

Rebuilds the bundled dataset's terms on Open Terms Archive's recorded versions,
in a database of its own so nothing else is touched:

1. a new SQLite database in a temporary folder (a child ``manage.py`` process
   with ``DATABASE_URL`` pointing at it): ``migrate``, ``setup_roles``, the user
   NAME as a staff editor;
2. ``load_casebook`` of the current dataset (with its companion of full texts);
3. ``import_ota`` of both collections' clones, as NAME;
4. if ``data/ota/match-rules.json`` exists, ``load_match_rules`` and
   ``suggest_clauses``; if ``data/ota/clause-review.json`` exists,
   ``apply_clause_review`` as NAME (the clause decisions analysts made);
5. the draft events carry-over proposed deleted (a proposal is work in progress
   for an editor, never public, so never in the dataset), and the database
   written back over the dataset and its companion
   (``export_casebook``'s format), deterministically: a second run on the same
   inputs writes byte-identical files.

Any failing step stops the rebuild before the dataset is written.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from casebook.records.dataset import iter_export
from casebook.records.dataset.companion import write_dataset
from casebook.records.management.commands.setup_roles import EDITORS
from casebook.records.models import ClauseChangeProposal, EditorialStatus, Event

MATCH_RULES = "match-rules.json"
CLAUSE_REVIEW = "clause-review.json"


class Command(BaseCommand):
    help = (
        "Rebuild the bundled dataset's terms on Open Terms Archive: load it into a fresh "
        "temporary SQLite database, import both collections' clones, apply the clause match "
        "rules and the clause review when data/ota holds them, and write the dataset (and "
        "its companion of full texts) back. Deterministic."
    )

    def add_arguments(self, parser):
        parser.add_argument("--genai", required=True, help="Clone of GenAI-versions.")
        parser.add_argument("--genai-eu", required=True, help="Clone of genai-eu-versions.")
        parser.add_argument("--user", required=True, help="Username the changes are made as.")
        parser.add_argument(
            "--dataset",
            default=str(settings.CASEBOOK_DATASET),
            help="The dataset file to rebuild in place (default: the bundled one).",
        )
        parser.add_argument(
            "--decisions",
            default=str(Path(settings.CASEBOOK_DATASET).parent / "ota"),
            help=f"Folder of {MATCH_RULES} and {CLAUSE_REVIEW} (default: data/ota).",
        )
        # Internal: the child process that runs the steps in the temporary database.
        parser.add_argument("--in-database", help="(internal) the temporary SQLite file")

    def handle(self, *args, **options):
        for name in ("genai", "genai_eu"):
            if not Path(options[name]).is_dir():
                raise CommandError(f"--{name.replace('_', '-')}: {options[name]} is not a folder")
        if options["in_database"]:
            self.rebuild(options)
            return
        with tempfile.TemporaryDirectory(prefix="casebook-rebuild-") as folder:
            database = Path(folder) / "rebuild.sqlite3"
            self.run_child(database, options)
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {options['dataset']}."))

    def run_child(self, database: Path, options: dict) -> None:
        """Run this command again in a new process whose database is ``database``."""
        argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), __name__.split(".")[-1]]
        for name in ("genai", "genai_eu", "user", "dataset", "decisions"):
            argv += [f"--{name.replace('_', '-')}", str(Path(options[name]).resolve())]
        argv += ["--in-database", str(database)]
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
        env["DJANGO_DEBUG"] = env.get("DJANGO_DEBUG", "1")
        done = subprocess.run(argv, env=env, check=False, stdout=subprocess.PIPE, text=True)
        self.stdout.write(done.stdout)
        if done.returncode:
            raise CommandError("The rebuild failed (see above); the dataset was not written.")

    def rebuild(self, options: dict) -> None:
        """The steps, in the temporary database this process was started on."""
        database = Path(options["in_database"])
        if Path(settings.DATABASES["default"]["NAME"]).resolve() != database.resolve():
            raise CommandError("--in-database must name the database this process uses")
        quiet = {"verbosity": 0, "stdout": self.stdout, "stderr": self.stderr}
        self.step("migrate")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("setup_roles", verbosity=0, stdout=self.stdout)
        user = get_user_model().objects.create_user(options["user"], is_staff=True)
        user.groups.add(Group.objects.get(name=EDITORS))
        self.step(f"load_casebook {options['dataset']}")
        call_command("load_casebook", options["dataset"], **quiet)
        for name in ("genai", "genai_eu"):
            self.step(f"import_ota {options[name]}")
            call_command("import_ota", options[name], user=options["user"], stdout=self.stdout)
        decisions = Path(options["decisions"])
        if (decisions / MATCH_RULES).exists():
            self.step(f"load_match_rules {decisions / MATCH_RULES}")
            call_command("load_match_rules", str(decisions / MATCH_RULES), stdout=self.stdout)
            call_command("suggest_clauses", stdout=self.stdout)
        if (decisions / CLAUSE_REVIEW).exists():
            self.step(f"apply_clause_review {decisions / CLAUSE_REVIEW}")
            call_command(
                "apply_clause_review",
                str(decisions / CLAUSE_REVIEW),
                user=options["user"],
                stdout=self.stdout,
            )
        discarded = drop_proposed_events()
        self.step(f"export to {options['dataset']} ({discarded} proposed draft event(s) left out)")
        companion = write_dataset(options["dataset"], iter_export())
        if companion is not None:
            self.stdout.write(f"Wrote {options['dataset']} and {companion}.")

    def step(self, words: str) -> None:
        self.stdout.write(f"== {words}")


def drop_proposed_events() -> int:
    """Delete the draft events clause carry-over proposed; how many.

    A change proposal is work for an editor (publish or discard), never public, so
    it stays out of the bundled dataset: only this temporary database holds it. A
    proposed event an editor already published is a record like any other and stays.
    """
    proposed = ClauseChangeProposal.objects.exclude(event=None).values("event")
    drafts = Event.objects.filter(pk__in=proposed, editorial_status=EditorialStatus.DRAFT)
    count = drafts.count()
    drafts.delete()
    return count
