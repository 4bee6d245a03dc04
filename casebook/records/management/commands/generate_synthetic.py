"""``manage.py generate_synthetic [--size small|large]``: synthetic data for benchmarks."""

from django.core.management.base import BaseCommand, CommandError

from casebook.records import synthetic


class Command(BaseCommand):
    help = (
        "Write deterministic synthetic records (slugs prefixed 'synthetic-') for benchmarks "
        "and scale tests. Refuses a database that holds published records that are not "
        "synthetic, unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(synthetic.SIZES), default="small")
        parser.add_argument("--seed", type=int, default=12, help="Same seed, same rows.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Write even into a database that holds real published records.",
        )

    def handle(self, *args, size, seed, force, **options):
        def progress(step: str) -> None:
            if options["verbosity"] > 1:
                self.stderr.write(f"Writing {step}…")

        try:
            written = synthetic.generate(size, seed=seed, force=force, progress=progress)
        except (synthetic.RealDataPresent, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(
            self.style.SUCCESS(
                f"Wrote synthetic data: {written.events} events, {written.allegations} "
                f"allegations, {written.clauses} clauses, {written.parties} parties."
            )
        )
