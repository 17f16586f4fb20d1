"""The store: every checked publication kept in one embedded DuckDB file.

`records` turns a checked publication into plain rows (a worker builds them
and sends them back), `schema` creates and migrates the database, `writer`
puts one publication in within one transaction, `export` writes any query to
CSV, Parquet or XLSX.
"""

from yusuan.store.records import PublicationRecord, failed_record, publication_records
from yusuan.store.schema import SCHEMA_VERSION, open_store
from yusuan.store.writer import known_hashes, store_record

__all__ = [
    "SCHEMA_VERSION",
    "PublicationRecord",
    "failed_record",
    "known_hashes",
    "open_store",
    "publication_records",
    "store_record",
]
