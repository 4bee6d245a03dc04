"""Open Terms Archive (OTA): reading its recorded versions of vendors' terms into Casebook.

``reader`` reads a versions repository or a dataset release, ``effective``
finds the effective date a text states, ``importer`` writes the versions of
mapped documents. ``manage.py import_ota`` runs them.
"""
