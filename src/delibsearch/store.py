"""SQLite records of documents, items, attendance and failures.

One transaction per document: a document is replaced whole or not at all.
`indexed` says whether the full-text index already holds the document's
current items; the ingest run reconciles the two after a crash.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from delibsearch import records
from delibsearch.corrections import Correction
from delibsearch.model import Document

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pages INTEGER NOT NULL,
    authority TEXT,
    body TEXT,
    date TEXT,
    time TEXT,
    place TEXT,
    president TEXT,
    secretary TEXT,
    present_count INTEGER,
    warnings INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    header TEXT NOT NULL DEFAULT '',
    indexed INTEGER NOT NULL DEFAULT 0,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    number TEXT,
    title TEXT,
    rapporteur TEXT,
    grp TEXT,
    page_start INTEGER,
    page_end INTEGER,
    decision TEXT,
    vote TEXT,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_document ON items(document_id);
CREATE TABLE IF NOT EXISTS attendance (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    other TEXT
);
CREATE INDEX IF NOT EXISTS attendance_person ON attendance(person);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    path TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (path, field)
);
"""


@dataclass
class StoredItem:
    id: int
    document_id: int
    number: str | None
    title: str | None
    text: str
    page_start: int | None
    decision: str | None
    rapporteur: str | None
    authority: str | None
    body: str | None
    date: str | None
    file: str


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """The record store; one per data directory."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)
        self.db.executescript(records.SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(documents)")}
        if "header" not in columns:  # a store made before the header was kept
            self.db.execute("ALTER TABLE documents ADD COLUMN header TEXT NOT NULL DEFAULT ''")
        if "delegation_text" not in {row[1] for row in self.db.execute("PRAGMA table_info(trips)")}:
            self.db.execute("ALTER TABLE trips ADD COLUMN delegation_text TEXT")  # filled when a file is re-read

    def close(self) -> None:
        self.db.close()

    def stored_hash(self, path: str) -> tuple[str, bool] | None:
        """(sha256, indexed) of the document stored for path, if any."""
        row = self.db.execute("SELECT sha256, indexed FROM documents WHERE path = ?", (path,)).fetchone()
        return (row["sha256"], bool(row["indexed"])) if row else None

    def save(self, doc: Document) -> int:
        """Replace the records of doc.source.path in one transaction; returns the document id."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            doc_id = self._upsert_document(doc)
            self.db.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
            self.db.execute("DELETE FROM items WHERE document_id = ?", (doc_id,))
            self.db.execute("DELETE FROM attendance WHERE document_id = ?", (doc_id,))
            self._insert_items(doc_id, doc)
            self._insert_attendance(doc_id, doc)
            item_ids = [r[0] for r in self.db.execute("SELECT id FROM items WHERE document_id = ? ORDER BY ord", (doc_id,))]
            records.save_records(self.db, doc_id, doc, item_ids)
            records.drop_orphans(self.db)
            self.db.execute("DELETE FROM failures WHERE path = ?", (doc.source.path,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return doc_id

    def _upsert_document(self, doc: Document) -> int:
        s = doc.session
        values = (doc.source.file, doc.source.sha256, doc.source.pages, doc.authority, doc.body, s.date, s.time,
                  s.place, s.president, s.secretary, s.present_count, len(doc.warnings),
                  json.dumps(doc.to_dict(), ensure_ascii=False), doc.header_text, _now())
        row = self.db.execute("SELECT id FROM documents WHERE path = ?", (doc.source.path,)).fetchone()
        columns = ("file, sha256, pages, authority, body, date, time, place, president, secretary, present_count, warnings,"
                   " data, header, stored_at")
        if row:
            assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
            self.db.execute(f"UPDATE documents SET {assignments}, indexed = 0 WHERE id = ?", (*values, row["id"]))
            return int(row["id"])
        cursor = self.db.execute(
            f"INSERT INTO documents (path, {columns}) VALUES (?, {', '.join('?' * len(values))})",
            (doc.source.path, *values),
        )
        return int(cursor.lastrowid)

    def _insert_items(self, doc_id: int, doc: Document) -> None:
        rows = [
            (doc_id, ord_, i.number, i.title, i.rapporteur, i.group, i.page_start, i.page_end, i.decision,
             json.dumps(i.vote.to_dict()) if i.vote else None, i.text)
            for ord_, i in enumerate(doc.items)
        ]
        self.db.executemany(
            "INSERT INTO items (document_id, ord, number, title, rapporteur, grp, page_start, page_end, decision, vote, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _insert_attendance(self, doc_id: int, doc: Document) -> None:
        s = doc.session
        rows = [(doc_id, n, "present", None) for n in s.present]
        rows += [(doc_id, n, "excused", None) for n in s.excused]
        rows += [(doc_id, n, "absent", None) for n in s.absent]
        rows += [(doc_id, p.giver, "proxy_given", p.holder) for p in s.proxies]
        rows += [(doc_id, p.holder, "proxy_held", p.giver) for p in s.proxies if p.holder]
        rows += [(doc_id, n, role, None) for role, n in (("president", s.president), ("secretary", s.secretary)) if n]
        self.db.executemany("INSERT INTO attendance (document_id, person, role, other) VALUES (?, ?, ?, ?)", rows)

    def mark_indexed(self, doc_ids: list[int]) -> None:
        self.db.executemany("UPDATE documents SET indexed = 1 WHERE id = ?", [(i,) for i in doc_ids])

    def unindexed_ids(self) -> list[int]:
        return [r["id"] for r in self.db.execute("SELECT id FROM documents WHERE indexed = 0")]

    def document_ids(self) -> set[int]:
        return {r["id"] for r in self.db.execute("SELECT id FROM documents")}

    def record_failure(self, path: str, sha256: str | None, reason: str) -> None:
        self.db.execute(
            "INSERT INTO failures (path, sha256, reason, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, reason = excluded.reason, at = excluded.at",
            (path, sha256, reason, _now()),
        )

    def items_of(self, doc_id: int) -> Iterator[StoredItem]:
        yield from self._items("WHERE i.document_id = ? ORDER BY i.ord", (doc_id,))

    def item(self, item_id: int) -> StoredItem | None:
        return next(self._items("WHERE i.id = ?", (item_id,)), None)

    def _items(self, where: str, args: tuple[Any, ...]) -> Iterator[StoredItem]:
        query = (
            "SELECT i.id, i.document_id, i.number, i.title, i.text, i.page_start, i.decision, i.rapporteur,"
            " d.authority, d.body, d.date, d.file FROM items i JOIN documents d ON d.id = i.document_id " + where
        )
        for row in self.db.execute(query, args):
            yield StoredItem(**dict(row))

    def documents(self) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT d.id, d.path, d.file, d.pages, d.authority, d.body, d.date, d.time, d.place, d.president,"
            " d.secretary, d.present_count, d.warnings, d.indexed, d.stored_at,"
            " (SELECT COUNT(*) FROM items WHERE document_id = d.id) AS item_count"
            " FROM documents d ORDER BY d.date DESC, d.file"
        ).fetchall()

    def document(self, doc_id: int) -> dict[str, Any] | None:
        row = self.db.execute("SELECT id, path, data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if not row:
            return None
        return {"id": row["id"], "path": row["path"], **json.loads(row["data"])}

    def corrections(self, path: str) -> list[Correction]:
        """An archivist's corrections of one file, in the order they were made."""
        rows = self.db.execute("SELECT field, value, note FROM corrections WHERE path = ? ORDER BY at, rowid", (path,))
        return [Correction(row["field"], row["value"], row["note"]) for row in rows]

    def set_correction(self, path: str, correction: Correction) -> None:
        """Keep a correction and have the file read again by the next index run, which applies it."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT OR REPLACE INTO corrections (path, field, value, note, at) VALUES (?, ?, ?, ?, ?)",
                        (path, correction.field, correction.value, correction.note, _now()))
        self.db.execute("UPDATE documents SET sha256 = '' WHERE path = ?", (path,))
        self.db.execute("COMMIT")

    def remove_correction(self, path: str, field: str) -> bool:
        self.db.execute("BEGIN IMMEDIATE")
        removed = self.db.execute("DELETE FROM corrections WHERE path = ? AND field = ?", (path, field)).rowcount
        if removed:
            self.db.execute("UPDATE documents SET sha256 = '' WHERE path = ?", (path,))
        self.db.execute("COMMIT")
        return bool(removed)

    def failures(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM failures ORDER BY path").fetchall()

    def counts(self) -> dict[str, int]:
        one = self.db.execute
        return {
            "documents": one("SELECT COUNT(*) FROM documents").fetchone()[0],
            "items": one("SELECT COUNT(*) FROM items").fetchone()[0],
            "failures": one("SELECT COUNT(*) FROM failures").fetchone()[0],
        }
