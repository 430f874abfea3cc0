"""Upgrade a data directory's database in place: each step takes one schema version to the next.

`PRAGMA user_version` holds the version. Version 0 is the store written before ids were stable
(documents keyed by path, ids given in the order records were stored); version 1 keys documents by
their bytes and gives every sitting, item and entity an id that depends on what it is (identity.py);
version 2 links the person records of one human (humans.py).
A step runs in one transaction: the database is upgraded whole or left as it was. The PDFs are not
read again; the full-text index, which holds the old ids, is refilled from the store by the next
index run (ingest.Ingest.reconcile).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime, timezone
from typing import Callable

from delibsearch import identity, records
from delibsearch.errors import DelibError


class NewerStore(DelibError):
    """A database written by a later version of delibsearch."""


def upgrade(db: sqlite3.Connection, schema: str, version: int) -> None:
    """Bring db to `version`, creating it from `schema` when empty."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > version:
        raise NewerStore(f"the database is of version {current}, newer than this delibsearch's {version}")
    if current == version:
        return
    if _has_table(db, "documents"):
        for number, step in enumerate(STEPS[current:version], start=current + 1):
            _in_transaction(db, lambda: _step(db, step, schema, number))
    _in_transaction(db, lambda: _create(db, schema, version))


def _step(db: sqlite3.Connection, step: Callable[[sqlite3.Connection, str], None], schema: str, number: int) -> None:
    """One step and its version number, in the same transaction: a crash leaves neither."""
    step(db, schema)
    db.execute(f"PRAGMA user_version = {number}")


def _create(db: sqlite3.Connection, schema: str, version: int) -> None:
    for statement in _statements(schema):
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {version}")


def _in_transaction(db: sqlite3.Connection, work: Callable[[], None]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        work()
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _statements(schema: str) -> list[str]:
    return [s.strip() for s in schema.split(";") if s.strip()]


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _v0_to_v1(db: sqlite3.Connection, schema: str) -> None:
    """Documents by content, stable ids; every old id kept in `retired`, leading to its new one."""
    _add_late_v0_columns(db)
    db.execute("PRAGMA legacy_alter_table = ON")  # the tables referring to documents keep naming "documents"
    db.execute("ALTER TABLE documents RENAME TO documents_v0")
    db.execute("ALTER TABLE corrections RENAME TO corrections_v0")
    db.execute("PRAGMA legacy_alter_table = OFF")
    for statement in _statements(schema):
        db.execute(statement)
    db.execute("CREATE TEMP TABLE doc_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL, sha TEXT NOT NULL,"
               " kept INTEGER NOT NULL, reread INTEGER NOT NULL)")
    db.execute("CREATE TEMP TABLE item_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
    db.execute("CREATE TEMP TABLE entity_map (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
    _map_documents(db)
    _map_items(db)
    db.executemany("INSERT INTO entity_map (old, new) VALUES (?, ?)",
                   [(row[0], identity.entity_id(row[1], row[2], row[3]))
                    for row in db.execute("SELECT id, kind, scope, key FROM entities")])
    _drop_copies(db)
    _move_rows(db)
    _keep_history(db)
    _fill_positions(db)
    for table in ("documents_v0", "corrections_v0", "temp.doc_map", "temp.item_map", "temp.entity_map"):
        db.execute(f"DROP TABLE {table}")


def _add_late_v0_columns(db: sqlite3.Connection) -> None:
    """Columns that stores of version 0 gained after they were first made."""
    if "header" not in _columns(db, "documents"):
        db.execute("ALTER TABLE documents ADD COLUMN header TEXT NOT NULL DEFAULT ''")
    if _has_table(db, "trips") and "delegation_text" not in _columns(db, "trips"):
        db.execute("ALTER TABLE trips ADD COLUMN delegation_text TEXT")


def _map_documents(db: sqlite3.Connection) -> None:
    """Each old document's content hash and new id; of two paths holding the same bytes, the first is kept."""
    seen: set[str] = set()
    rows = []
    for old, path, sha in db.execute("SELECT id, path, sha256 FROM documents_v0 ORDER BY id").fetchall():
        reread = not sha  # a correction was waiting for the next index run
        sha = sha or identity.file_sha256(path) or hashlib.sha256(f"path:{path}".encode()).hexdigest()
        rows.append((old, identity.document_id(sha), sha, sha not in seen, int(reread)))
        seen.add(sha)
    db.executemany("INSERT INTO doc_map (old, new, sha, kept, reread) VALUES (?, ?, ?, ?, ?)", rows)


def _map_items(db: sqlite3.Connection) -> None:
    rows = []
    for old_doc, sha in db.execute("SELECT old, sha FROM doc_map").fetchall():
        items = db.execute("SELECT id, number FROM items WHERE document_id = ? ORDER BY ord", (old_doc,)).fetchall()
        keys = identity.item_keys([number for _, number in items])
        rows += [(item_id, identity.item_id(sha, key)) for (item_id, _), key in zip(items, keys)]
    db.executemany("INSERT INTO item_map (old, new) VALUES (?, ?)", rows)


def _drop_copies(db: sqlite3.Connection) -> None:
    """A second reading of the same bytes under another path goes; its path stays in the history."""
    copies = "(SELECT old FROM doc_map WHERE NOT kept)"
    for table in ("mentions", "tables", "trips", "attendance", "items"):
        db.execute(f"DELETE FROM {table} WHERE document_id IN {copies}")
    db.execute("DELETE FROM trip_people WHERE trip_id NOT IN (SELECT id FROM trips)")


def _move_rows(db: sqlite3.Connection) -> None:
    doc = "(SELECT new FROM doc_map WHERE old = {0})"
    item = "(SELECT new FROM item_map WHERE old = {0})"
    entity = "(SELECT new FROM entity_map WHERE old = {0})"
    columns = ("path", "file", "sha256", "pages", "authority", "body", "date", "time", "place", "president",
               "secretary", "present_count", "warnings", "data", "header", "indexed", "stored_at")
    picked = ", ".join("m.sha" if c == "sha256" else f"d.{c}" for c in columns)
    db.execute(f"INSERT INTO documents (id, {', '.join(columns)}, reread) SELECT m.new, {picked}, m.reread"
               " FROM documents_v0 d JOIN doc_map m ON m.old = d.id WHERE m.kept")
    db.execute("UPDATE documents SET indexed = 0")
    db.execute(f"UPDATE items SET id = {item.format('items.id')}, document_id = {doc.format('items.document_id')}")
    db.execute(f"UPDATE attendance SET document_id = {doc.format('attendance.document_id')}")
    for table in ("mentions", "tables", "trips"):
        db.execute(f"UPDATE {table} SET document_id = {doc.format(table + '.document_id')},"
                   f" item_id = CASE WHEN item_id IS NULL THEN NULL ELSE {item.format(table + '.item_id')} END")
    db.execute(f"UPDATE mentions SET entity_id = CASE WHEN entity_id IS NULL THEN NULL"
               f" ELSE {entity.format('mentions.entity_id')} END")
    db.execute(f"UPDATE trips SET place_id = CASE WHEN place_id IS NULL THEN NULL ELSE {entity.format('trips.place_id')} END")
    db.execute(f"UPDATE trip_people SET entity_id = {entity.format('trip_people.entity_id')}")
    db.execute(f"UPDATE aliases SET entity_id = {entity.format('aliases.entity_id')}")
    db.execute(f"UPDATE entities SET id = {entity.format('entities.id')}")


def _keep_history(db: sqlite3.Connection) -> None:
    """Paths, corrections by content, and every old id leading to its new one."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    db.execute("INSERT OR IGNORE INTO document_paths (path, document_id, seen_at)"
               " SELECT d.path, m.new, d.stored_at FROM documents_v0 d JOIN doc_map m ON m.old = d.id")
    db.execute("INSERT OR REPLACE INTO retired (kind, id, sitting_id, successor, at)"
               " SELECT 'sitting', old, new, new, ? FROM doc_map WHERE old != new", (now,))
    db.execute("INSERT OR REPLACE INTO retired (kind, id, sitting_id, successor, at)"
               " SELECT 'item', m.old, i.document_id, m.new, ? FROM item_map m JOIN items i ON i.id = m.new"
               " WHERE m.old != m.new", (now,))
    corrections = db.execute("SELECT c.path, c.field, c.value, c.note, c.at, m.sha FROM corrections_v0 c"
                             " LEFT JOIN documents_v0 d ON d.path = c.path LEFT JOIN doc_map m ON m.old = d.id").fetchall()
    rows = [(sha or identity.file_sha256(path), field, value, note, at) for path, field, value, note, at, sha in corrections]
    db.executemany("INSERT OR REPLACE INTO corrections (sha256, field, value, note, at) VALUES (?, ?, ?, ?, ?)",
                   [row for row in rows if row[0]])


def _fill_positions(db: sqlite3.Connection) -> None:
    """Each member's position on each vote, from the readings the old store kept."""
    for doc_id, data in db.execute("SELECT id, data FROM documents").fetchall():
        doc = json.loads(data)
        session = doc.get("session") or {}
        givers = [proxy["from"] for proxy in session.get("proxies", [])]
        item_ids = [row[0] for row in db.execute("SELECT id FROM items WHERE document_id = ? ORDER BY ord", (doc_id,))]
        votes = [item.get("vote") for item in doc.get("items", [])]
        records.save_positions(db, doc.get("authority"), session.get("present", []), givers, list(zip(item_ids, votes)))


def _v1_to_v2(db: sqlite3.Connection, schema: str) -> None:
    """Person records of one human are linked (person_links, and the archivist's person_decisions)."""
    for statement in _statements(schema):  # every statement creates only what is missing
        db.execute(statement)
    records.link_people(db)


STEPS: list[Callable[[sqlite3.Connection, str], None]] = [_v0_to_v1, _v1_to_v2]
