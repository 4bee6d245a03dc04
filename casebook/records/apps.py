from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The domain: records, their sources, vocabularies and the reads and writes on them."""

    name = "casebook.records"
    label = "records"
    verbose_name = "Casebook records"

    def ready(self) -> None:
        """Keep the search index and the cached dump in step with every change."""
        from django.db import transaction
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from casebook.records import dumpcache
        from casebook.records.searchindex import connect_signals

        connect_signals()

        def changed(sender, **kwargs) -> None:
            if sender._meta.app_label == self.label:
                dumpcache.bump()
                # Again once the change is committed: a reader that counted the old rows
                # after the first bump (but before the commit) cached them under its token.
                transaction.on_commit(dumpcache.bump)

        # Any change to a record, a link or a vocabulary makes the cached dump out of date.
        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(changed, weak=False, dispatch_uid=f"records-data-changed-{name}")
