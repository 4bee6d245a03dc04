from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The browser research portal: HTML pages, feeds and sitemaps."""

    name = "casebook.portal"
    label = "portal"
    verbose_name = "Research portal"
