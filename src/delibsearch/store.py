"""SQLite records of documents, items, attendance and failures.

A document is its bytes: its id comes from their hash, the paths it was seen at are a history
(`document_paths`), and the same PDF copied elsewhere is the same sitting. One transaction per
document: a document is replaced whole or not at all. `indexed` says whether the full-text index
already holds the document's current items (the ingest run reconciles the two after a crash);
`reread` that a correction waits for the next index run. Ids that no longer name a record are kept
in `retired` with what replaced them, so that an old URL redirects instead of failing.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from delibsearch import identity, migrations, records
from delibsearch.corrections import Correction
from delibsearch.errors import DelibError
from delibsearch.model import Document

VERSION = 2  # PRAGMA user_version of the database; migrations.py takes an older one up to it
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
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
    reread INTEGER NOT NULL DEFAULT 0,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS document_paths (
    path TEXT PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_paths_document ON document_paths(document_id);
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
CREATE TABLE IF NOT EXISTS retired (
    kind TEXT NOT NULL,
    id INTEGER NOT NULL,
    sitting_id INTEGER,
    successor INTEGER,
    at TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
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
    sha256 TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (sha256, field)
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
        migrations.upgrade(self.db, SCHEMA + records.SCHEMA, VERSION)
        self.db.execute("PRAGMA foreign_keys=ON")

    def close(self) -> None:
        self.db.close()

    def is_current(self, sha256: str) -> bool:
        """Whether the document of these bytes is stored, indexed and owes no re-reading."""
        row = self.db.execute("SELECT indexed, reread FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return bool(row and row["indexed"] and not row["reread"])

    def sha_at(self, path: str) -> str | None:
        """The content hash of the document last seen at path, if any."""
        row = self.db.execute("SELECT d.sha256 FROM document_paths p JOIN documents d ON d.id = p.document_id"
                              " WHERE p.path = ?", (path,)).fetchone()
        return row["sha256"] if row else None

    def paths_of(self, doc_id: int) -> list[str]:
        """Every path the document's bytes were seen at, the latest first."""
        return [r["path"] for r in self.db.execute(
            "SELECT path FROM document_paths WHERE document_id = ? ORDER BY seen_at DESC, rowid DESC", (doc_id,))]

    def note_path(self, path: str, sha256: str) -> None:
        """The stored document of these bytes was seen at path (a copy or a move keeps its records); a path
        already known for it costs a read, not a write (an unchanged archive is re-run often)."""
        if self.sha_at(path) == sha256:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            doc_id = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()["id"]
            self._claim_path(path, doc_id)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def save(self, doc: Document) -> int:
        """Replace the records of the document of doc's bytes in one transaction; returns its id."""
        doc_id = identity.document_id(doc.source.sha256)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._upsert_document(doc_id, doc)
            before = [item_id for item_id, _ in self._item_keys(doc_id)]
            self.db.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
            self.db.execute("DELETE FROM items WHERE document_id = ?", (doc_id,))
            self.db.execute("DELETE FROM attendance WHERE document_id = ?", (doc_id,))
            item_ids = self._insert_items(doc_id, doc)
            self._retire_items(doc_id, before, item_ids)
            self._insert_attendance(doc_id, doc)
            records.save_records(self.db, doc_id, doc, item_ids)
            self._claim_path(doc.source.path, doc_id)
            records.drop_orphans(self.db)
            self.db.execute("DELETE FROM failures WHERE path = ?", (doc.source.path,))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return doc_id

    def _upsert_document(self, doc_id: int, doc: Document) -> None:
        s = doc.session
        values = (doc.source.path, doc.source.file, doc.source.sha256, doc.source.pages, doc.authority, doc.body,
                  s.date, s.time, s.place, s.president, s.secretary, s.present_count, len(doc.warnings),
                  json.dumps(doc.to_dict(), ensure_ascii=False), doc.header_text, _now())
        columns = ("path", "file", "sha256", "pages", "authority", "body", "date", "time", "place", "president",
                   "secretary", "present_count", "warnings", "data", "header", "stored_at")
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
        self.db.execute(
            f"INSERT INTO documents (id, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})"
            f" ON CONFLICT(id) DO UPDATE SET {updates}, indexed = 0, reread = 0", (doc_id, *values))
        self.db.execute("DELETE FROM retired WHERE kind = 'sitting' AND id = ?", (doc_id,))

    def _claim_path(self, path: str, doc_id: int) -> None:
        """Path now holds doc_id's bytes; a document no path holds any longer gives way to it."""
        row = self.db.execute("SELECT document_id FROM document_paths WHERE path = ?", (path,)).fetchone()
        self.db.execute("INSERT INTO document_paths (path, document_id, seen_at) VALUES (?, ?, ?)"
                        " ON CONFLICT(path) DO UPDATE SET document_id = excluded.document_id, seen_at = excluded.seen_at",
                        (path, doc_id, _now()))
        self.db.execute("UPDATE documents SET path = ? WHERE id = ?", (path, doc_id))
        previous = row["document_id"] if row else None
        if previous is not None and previous != doc_id and not self.paths_of(previous):
            self._replace_document(previous, doc_id)

    def _replace_document(self, old: int, new: int) -> None:
        """The bytes at a path changed: the old reading goes, and its URLs lead to the new one."""
        successors = {key: item_id for item_id, key in self._item_keys(new)}
        at = _now()
        rows = [(item_id, "item", new, successors.get(key), at) for item_id, key in self._item_keys(old)]
        rows.append((old, "sitting", new, new, at))
        self.db.execute("INSERT OR IGNORE INTO corrections (sha256, field, value, note, at)"
                        " SELECT n.sha256, c.field, c.value, c.note, c.at FROM corrections c, documents o, documents n"
                        " WHERE o.id = ? AND n.id = ? AND c.sha256 = o.sha256", (old, new))
        self.db.executemany("INSERT OR REPLACE INTO retired (id, kind, sitting_id, successor, at) VALUES (?, ?, ?, ?, ?)", rows)
        self.db.execute("DELETE FROM documents WHERE id = ?", (old,))

    def _item_keys(self, doc_id: int) -> list[tuple[int, str]]:
        """(id, key) of a document's stored items: what names each within its document (identity.item_keys)."""
        rows = self.db.execute("SELECT id, number FROM items WHERE document_id = ? ORDER BY ord", (doc_id,)).fetchall()
        return list(zip([r["id"] for r in rows], identity.item_keys([r["number"] for r in rows])))

    def _insert_items(self, doc_id: int, doc: Document) -> list[int]:
        keys = identity.item_keys([i.number for i in doc.items])
        ids = [identity.item_id(doc.source.sha256, key) for key in keys]
        rows = [
            (item_id, doc_id, ord_, i.number, i.title, i.rapporteur, i.group, i.page_start, i.page_end, i.decision,
             json.dumps(i.vote.to_dict()) if i.vote else None, i.text)
            for ord_, (item_id, i) in enumerate(zip(ids, doc.items))
        ]
        self.db.executemany(
            "INSERT INTO items (id, document_id, ord, number, title, rapporteur, grp, page_start, page_end, decision,"
            " vote, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return ids

    def _retire_items(self, doc_id: int, before: list[int], now: list[int]) -> None:
        """Items that a new reading of the same bytes no longer finds: their URL says so and names the sitting."""
        at = _now()
        gone = [(item_id, "item", doc_id, None, at) for item_id in set(before) - set(now)]
        self.db.executemany("INSERT OR REPLACE INTO retired (id, kind, sitting_id, successor, at) VALUES (?, ?, ?, ?, ?)", gone)
        self.db.executemany("DELETE FROM retired WHERE kind = 'item' AND id = ?", [(i,) for i in now])

    def retired(self, kind: str, record_id: int) -> sqlite3.Row | None:
        """What became of a sitting's or an item's id that no longer names one: (sitting_id, successor), if it ever did."""
        return self.db.execute("SELECT sitting_id, successor FROM retired WHERE kind = ? AND id = ?",
                               (kind, record_id)).fetchone()

    def _insert_attendance(self, doc_id: int, doc: Document) -> None:
        s = doc.session
        rows = [(doc_id, n, "present", None) for n in s.present]
        rows += [(doc_id, n, "excused", None) for n in s.excused]
        rows += [(doc_id, n, "absent", None) for n in s.absent]
        rows += [(doc_id, p.giver, "proxy_given", p.holder) for p in s.proxies]
        rows += [(doc_id, p.holder, "proxy_held", p.giver) for p in s.proxies if p.holder]
        rows += [(doc_id, n, role, None) for role, n in (("president", s.president), ("secretary", s.secretary)) if n]
        self.db.executemany("INSERT INTO attendance (document_id, person, role, other) VALUES (?, ?, ?, ?)", rows)

    def link_people(self) -> set[int]:
        """Recompute which person records are one human (humans.py), in one transaction; the documents that
        mention a record whose human changed are left to the next reconcile of the full-text index."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            changed = records.link_people(self.db)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return changed

    def decide_people(self, entity_id: int, other_id: int, note: str | None) -> None:
        """An archivist's decision on two person records (other_id records.APART: keep entity_id alone);
        kept across re-reads, it overrides the rules."""
        for record in {entity_id, other_id} - {records.APART}:
            row = self.db.execute("SELECT kind FROM entities WHERE id = ?", (record,)).fetchone()
            if row is None or row[0] != "person":
                raise DelibError(f"no person record n°{record}")
        if entity_id == other_id:
            raise DelibError("a record is already the same person as itself")
        records.decide_people(self.db, entity_id, other_id, note, _now())
        self.link_people()

    def person_links(self) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT l.member_id, m.name AS member, m.scope AS member_scope, l.person_id, p.name AS person,"
            " p.scope AS person_scope, l.rule, l.why FROM person_links l JOIN entities m ON m.id = l.member_id"
            " JOIN entities p ON p.id = l.person_id ORDER BY p.scope, p.name, m.name").fetchall()

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

    def corrections(self, sha256: str, path: str | None = None) -> list[Correction]:
        """An archivist's corrections of one document's content, in the order they were made.

        Given the path the content was read from, the corrections of the version it replaces there come
        too (a republished PDF keeps what the archivist fixed), where the new version has none of its own.
        """
        shas = [sha256]
        previous = self.sha_at(path) if path else None
        if previous and previous != sha256:
            shas.append(previous)
        found: dict[str, Correction] = {}
        for sha in shas:
            for row in self.db.execute("SELECT field, value, note FROM corrections WHERE sha256 = ? ORDER BY at, rowid", (sha,)):
                found.setdefault(row["field"], Correction(row["field"], row["value"], row["note"]))
        return list(found.values())

    def set_correction(self, sha256: str, correction: Correction) -> None:
        """Keep a correction and have the document read again by the next index run, which applies it."""
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT OR REPLACE INTO corrections (sha256, field, value, note, at) VALUES (?, ?, ?, ?, ?)",
                        (sha256, correction.field, correction.value, correction.note, _now()))
        self.db.execute("UPDATE documents SET reread = 1 WHERE sha256 = ?", (sha256,))
        self.db.execute("COMMIT")

    def remove_correction(self, sha256: str, field: str) -> bool:
        self.db.execute("BEGIN IMMEDIATE")
        removed = self.db.execute("DELETE FROM corrections WHERE sha256 = ? AND field = ?", (sha256, field)).rowcount
        if removed:
            self.db.execute("UPDATE documents SET reread = 1 WHERE sha256 = ?", (sha256,))
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
