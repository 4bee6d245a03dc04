"""``manage.py rebuild_search_index``: rebuild every search entry from the records."""

from django.core.management.base import BaseCommand
from django.db import transaction

from casebook.records.searchindex import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the records (saves keep it in step; this is for "
        "rows changed outside the models, e.g. by SQL)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            count = rebuild_search_index()
        self.stdout.write(f"Indexed {count} records for search.")
