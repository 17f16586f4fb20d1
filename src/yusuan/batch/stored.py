"""What a batch asks the store about documents an earlier batch left unfinished.

Two kinds of stored document are not the last word on their files: one whose
check did not finish (refused, failed, timeout, crashed: `writer.known_hashes`
leaves its files out, so the next batch checks them again) and a half of a
publication (`apart` set: a narrative stored without its tables, or the
reverse, because the other file came in a later batch).  `superseded` names
those a new record takes the place of, so the writer deletes them in the same
transaction as it writes the record; `halves_in` finds the stored halves of a
folder, still on disk as they were stored, that a part found now is joined with.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from yusuan.store.records import PublicationRecord, file_record


def replaceable_paths(connection: Any) -> set[str]:
    """The file paths of the stored documents a record may replace (`superseded`): those that did not finish and
    the halves of publications.  Read once when a batch begins: what the batch itself writes is never replaced
    in the same batch, so the store is asked again only for a record holding one of these paths."""
    rows = connection.execute(
        "SELECT DISTINCT f.path FROM documents d JOIN files f ON f.document_id = d.id"
        " WHERE d.status <> 'checked' OR d.apart IS NOT NULL"
    ).fetchall()
    return {str(row[0]) for row in rows}


def superseded(connection: Any, record: PublicationRecord, replaceable: set[str]) -> list[int]:
    """The stored documents `record` replaces besides the one of its content hash: those sharing a file path
    with it that did not finish (any record replaces them) or are a half of a publication (a checked record
    replaces them: a failed joined check leaves the half as it was, and the next batch tries again).
    `replaceable`: `replaceable_paths` as the batch began."""
    paths = [f.path for f in record.files if f.path in replaceable]
    if not paths:
        return []
    kinds = "d.status <> 'checked'" if record.status != "checked" else "(d.status <> 'checked' OR d.apart IS NOT NULL)"
    rows = connection.execute(
        "SELECT DISTINCT d.id FROM documents d JOIN files f ON f.document_id = d.id"
        f" WHERE f.path IN (SELECT unnest(?)) AND d.content_hash <> ? AND {kinds} ORDER BY d.id",
        [paths, record.content_hash],
    ).fetchall()
    return [int(row[0]) for row in rows]


def halves_in(connection: Any, folder: str, taken: set[str], hashed: Mapping[str, str]) -> list[str]:
    """The files of the stored halves of publications in `folder` (checked, `apart` set) whose every file is
    still on disk with the sha256 stored, and none of them among `taken` (the files this batch has found).

    The store is asked only for the halves with a file under `folder`.  `hashed`: the sha256 the batch took of
    each file it found, by path ("" for one it could not read); only a file not among them is read and hashed
    here (a half whose folder the batch was not given), and the batch asks once per folder: the batch's own
    process hashes no file twice."""
    rows = connection.execute(
        "SELECT d.id, f.path, f.sha256 FROM documents d JOIN files f ON f.document_id = d.id"
        " WHERE d.status = 'checked' AND d.apart IS NOT NULL"
        " AND d.id IN (SELECT document_id FROM files WHERE starts_with(path, ?)) ORDER BY d.id, f.path",
        [os.path.join(folder, "")],  # the folder and its separator: starts_with matches no wildcard
    ).fetchall()
    documents: dict[int, list[tuple[str, str]]] = {}
    for document_id, path, sha256 in rows:
        documents.setdefault(int(document_id), []).append((str(path), str(sha256)))
    found: list[str] = []
    for files in documents.values():
        if not all(str(Path(path).parent) == folder and path not in taken for path, _ in files):
            continue
        if all(_sha256(path, hashed) == sha256 for path, sha256 in files):
            found.extend(path for path, _ in files)
    return found


def _sha256(path: str, hashed: Mapping[str, str]) -> str | None:
    """The sha256 of the file at `path` as the batch found it, else as it is now (None: it cannot be read)."""
    if path in hashed:
        return hashed[path] or None
    try:
        return file_record(Path(path)).sha256
    except OSError:
        return None
