from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The domain: records, their sources, vocabularies and the reads and writes on them."""

    name = "casebook.records"
    label = "records"
    verbose_name = "Casebook records"

    def ready(self) -> None:
        """Keep the search index in step with every save and delete."""
        from casebook.records.searchindex import connect_signals

        connect_signals()
