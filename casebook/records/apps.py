from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The domain: records, their sources, vocabularies and the reads and writes on them."""

    name = "casebook.records"
    label = "records"
    verbose_name = "Casebook records"
