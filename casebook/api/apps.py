from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON (and CSV) API for journalists."""

    name = "casebook.api"
    label = "api"
    verbose_name = "API"
