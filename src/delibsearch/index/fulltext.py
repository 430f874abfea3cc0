"""The FTS5 file of the index: items as whoosh-analysed stems, ranked by bm25; their facet values beside them.

whoosh's analyzer turns each item into its stems, joined by spaces; an FTS5
table (whose tokenizer just splits them again) stores them and ranks matches
with bm25 in C. Facet values sit in plain tables beside it, read into memory
as columns (index/facets.py), and as tokens ("v12") in the FTS5 table's
`facets` column, so that a facet filter narrows the matches before bm25
scores them (a query's words are looked for in the title and text only).
The file is derived from the store: a whoosh index or a file of another
layout is discarded, and the ingest run refills it from the store
(ingest.Ingest.reconcile).
"""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from delibsearch.errors import BadQuery
from delibsearch.index.analysis import french_analyzer
from delibsearch.index.facets import FACETS, MULTI_VALUED, SINGLE_VALUED, FacetColumns, Filters, value_token

FILE = "items.sqlite3"
LAYOUT = 3  # PRAGMA user_version of the index file; another value means an older layout, rebuilt from the store
TITLE_WEIGHT = 2.0  # bm25 weight of the title column against the text's 1.0
WORDS = "{title text}"  # the columns a query's words are looked for in; `facets` holds value tokens

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS generation (number INTEGER NOT NULL);
INSERT INTO generation (number) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM generation);
CREATE TABLE IF NOT EXISTS facet_values (
    id INTEGER PRIMARY KEY,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (facet, value)
);
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL,
    date TEXT,
    {", ".join(f"{name} INTEGER REFERENCES facet_values(id)" for name in SINGLE_VALUED)}
);
CREATE INDEX IF NOT EXISTS items_doc ON items(doc_id);
CREATE TABLE IF NOT EXISTS item_links (
    item_id INTEGER NOT NULL,
    value_id INTEGER NOT NULL REFERENCES facet_values(id),
    PRIMARY KEY (item_id, value_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS item_words USING fts5(title, text, facets, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS item_vocabulary USING fts5vocab(item_words, 'col');
PRAGMA user_version = {LAYOUT};
"""


@dataclass
class IndexedItem:
    """What the index holds of one item."""

    item_id: int
    doc_id: int
    authority: str | None
    body: str | None
    date: str | None
    decision: str | None
    number: str | None
    rapporteur: str | None
    title: str | None
    text: str
    page: int | None
    file: str
    persons: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()

    def facet_values(self) -> dict[str, str | None]:
        return {"authority": self.authority, "year": (self.date or "")[:4] or None, "body": self.body,
                "decision": self.decision, "rapporteur": self.rapporteur}


@dataclass
class Matches:
    """The matches of one search: how many, the page asked for (item id, score), facet counts over all."""

    total: int
    ranked: list[tuple[int, float]]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class IndexWriter:
    """Writes inside one transaction of the index file (see FullTextIndex.writer)."""

    def __init__(self, db: sqlite3.Connection, analyse) -> None:
        self.db, self.analyse = db, analyse
        self._value_ids: dict[tuple[str, str], int] = {}

    def _value_id(self, facet: str, value: str | None) -> int | None:
        if not value:
            return None
        key = (facet, value)
        if key not in self._value_ids:
            self.db.execute("INSERT OR IGNORE INTO facet_values (facet, value) VALUES (?, ?)", key)
            self._value_ids[key] = self.db.execute("SELECT id FROM facet_values WHERE facet = ? AND value = ?", key).fetchone()[0]
        return self._value_ids[key]

    def replace_document(self, doc_id: int, items: Iterable[IndexedItem]) -> None:
        self.remove_document(doc_id)
        self.db.execute("INSERT INTO documents (id) VALUES (?)", (doc_id,))
        for item in items:
            values = [self._value_id(name, value) for name, value in item.facet_values().items()]
            self.db.execute(f"INSERT INTO items (id, doc_id, date, {', '.join(SINGLE_VALUED)})"
                            f" VALUES (?, ?, ?{', ?' * len(SINGLE_VALUED)})", (item.item_id, doc_id, item.date or None, *values))
            links = {self._value_id(name, value) for name in MULTI_VALUED for value in getattr(item, name) if value}
            self.db.executemany("INSERT INTO item_links (item_id, value_id) VALUES (?, ?)",
                                [(item.item_id, value_id) for value_id in sorted(links)])
            tokens = " ".join(value_token(v) for v in sorted({*values, *links} - {None}))
            self.db.execute("INSERT INTO item_words (rowid, title, text, facets) VALUES (?, ?, ?, ?)",
                            (item.item_id, self.analyse(item.title or ""), self.analyse(item.text), tokens))

    def remove_document(self, doc_id: int) -> None:
        ids = [(row[0],) for row in self.db.execute("SELECT id FROM items WHERE doc_id = ?", (doc_id,))]
        self.db.executemany("DELETE FROM item_words WHERE rowid = ?", ids)
        self.db.executemany("DELETE FROM item_links WHERE item_id = ?", ids)
        self.db.execute("DELETE FROM items WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


class FullTextIndex:
    """Add, replace and remove a document's items; find matches with their facet counts.

    One SQLite connection per thread (the web app searches from several threads).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / FILE
        directory.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._facet_columns: FacetColumns | None = None
        self._analyzer = french_analyzer()
        self._discard_older_layouts()
        db = self._db()
        if db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:  # a new file
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    def _discard_older_layouts(self) -> None:
        """Remove a whoosh index or an index file of another layout; the ingest run refills it from the store."""
        for path in self.directory.iterdir():
            if path.is_file() and not path.name.startswith(FILE):
                path.unlink()  # whoosh's segments, table of contents and locks
        if self.path.exists() and self._db().execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
            self.close()
            for path in self.directory.glob(FILE + "*"):
                path.unlink()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA temp_store=MEMORY")
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    def analyse(self, text: str) -> str:
        """The text as the index stores it: its stems, joined by spaces."""
        return " ".join(token.text for token in self._analyzer(text))

    @contextmanager
    def writer(self) -> Iterator[IndexWriter]:
        """One transaction: every change inside it is committed together, or none is."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("UPDATE generation SET number = number + 1")
            yield IndexWriter(db, self.analyse)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def optimize(self) -> None:
        """Merge FTS5's segments into one: every search reads each segment."""
        self._db().execute("INSERT INTO item_words (item_words) VALUES ('optimize')")

    def document_ids(self) -> set[int]:
        return {row[0] for row in self._db().execute("SELECT id FROM documents")}

    def item_count(self) -> int:
        return self._db().execute("SELECT count(*) FROM items").fetchone()[0]

    def vocabulary(self) -> list[str]:
        """Every stem in the index, sorted."""
        return [row[0] for row in self._db().execute(
            "SELECT DISTINCT term FROM item_vocabulary WHERE col != 'facets' ORDER BY term")]

    def has_term(self, term: str) -> bool:
        found = self._db().execute("SELECT 1 FROM item_vocabulary WHERE term = ? AND col != 'facets'", (term,))
        return found.fetchone() is not None

    def find(self, include: str | None, exclude: str | None, filters: Filters, sort: str = "relevance",
             offset: int = 0, limit: int = 20) -> Matches:
        """Items matching the FTS5 expression `include` (None: every item) and not `exclude`, within filters.

        Raises BadQuery when an expression is not valid FTS5.
        """
        db = self._db()
        db.execute("BEGIN")  # one snapshot for the matches and the facet columns
        try:
            columns = self._columns(db)
            if include is None:
                ids, scores = columns.ids, np.zeros(len(columns.ids))
            else:
                # The facet filters go into the expression too, so that bm25 scores only the items they let through.
                expression = " AND ".join([f"{WORDS} : ({include})"] + columns.filter_tokens(filters))
                rows = db.execute(f"SELECT rowid, bm25(item_words, {TITLE_WEIGHT}, 1.0, 0.0) FROM item_words"
                                  " WHERE item_words MATCH ?", (expression,)).fetchall()
                ids = np.array([row[0] for row in rows], dtype=np.int64)
                scores = np.array([row[1] for row in rows], dtype=float)
            excluded = [] if exclude is None else [row[0] for row in db.execute(
                "SELECT rowid FROM item_words WHERE item_words MATCH ?", (f"{WORDS} : ({exclude})",))]
        except sqlite3.OperationalError as exc:
            raise BadQuery(str(exc)) from exc
        finally:
            db.execute("COMMIT")
        positions = columns.positions(ids)
        keep = columns.allowed(filters)
        if excluded:
            keep = np.ones(len(columns.ids), dtype=bool) if keep is None else keep
            keep[columns.positions(np.array(excluded, dtype=np.int64))] = False
        if keep is not None:
            inside = keep[positions]
            positions, scores = positions[inside], scores[inside]
        if not len(positions):
            return Matches(0, [], {name: [] for name in FACETS})
        # bm25 is negative, better matches lower; ties by item id so that pages do not overlap
        keys = (positions, scores, -columns.date_rank[positions]) if sort == "date" else (positions, scores)
        page = np.lexsort(keys)[offset:offset + limit]
        ranked = [(int(columns.ids[positions[n]]), -float(scores[n])) for n in page]
        return Matches(len(positions), ranked, columns.counts(positions))

    def _columns(self, db: sqlite3.Connection) -> FacetColumns:
        """The facet columns of the index's current generation, read again after a write."""
        generation = db.execute("SELECT number FROM generation").fetchone()[0]
        with self._lock:
            if self._facet_columns is None or self._facet_columns.generation != generation:
                self._facet_columns = FacetColumns(db, generation)
            return self._facet_columns
