"""Reading and writing the Casebook dataset file (see docs/dataset-format.md).

- :mod:`.format`: the file's shape (``SPECS``), reading a file from disk;
- :mod:`.validate`: checking a whole file before anything is written;
- :mod:`.load`: writing a checked file in one transaction, under the workflow rules;
- :mod:`.export`: writing the database back out, byte-identically.
"""

from casebook.records.dataset.export import export_dataset, iter_export, record_count
from casebook.records.dataset.format import (
    CITATION_SPEC,
    FORMAT,
    MAX_DEPTH,
    SPECS,
    VERSION,
    VOCABULARY_SPECS,
    DatasetError,
    LoadReport,
    Spec,
    buffered,
    dumps,
    iter_dumps,
    parse_bytes,
    read_file,
)
from casebook.records.dataset.load import load_dataset, publication_problems
from casebook.records.dataset.validate import check_dataset

__all__ = [
    "CITATION_SPEC",
    "FORMAT",
    "MAX_DEPTH",
    "SPECS",
    "VERSION",
    "VOCABULARY_SPECS",
    "DatasetError",
    "LoadReport",
    "Spec",
    "check_dataset",
    "buffered",
    "dumps",
    "export_dataset",
    "iter_dumps",
    "iter_export",
    "load_dataset",
    "parse_bytes",
    "publication_problems",
    "read_file",
    "record_count",
]
