"""Records of persons, places and organisations, with their aliases and every mention; tables and trips.

A person is one record per authority, whatever the printed form ("M. PAPIN",
"Monsieur Gilles PAPIN", "Gilles Papin" all link to "Gilles PAPIN" of
Pierrefonds); places and organisations are shared by all authorities. The
functions here write inside the caller's transaction (see store.Store.save).
"""
from __future__ import annotations

import json
import re
import sqlite3

from delibsearch import identity
from delibsearch.extract.dates import fold
from delibsearch.extract.given_names import is_given_name
from delibsearch.model import Document

SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    UNIQUE (kind, scope, key)
);
CREATE TABLE IF NOT EXISTS aliases (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    UNIQUE (entity_id, alias)
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    entity_id INTEGER REFERENCES entities(id),
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    number REAL,
    tax TEXT,
    page INTEGER,
    start INTEGER,
    end INTEGER
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_item ON mentions(item_id);
CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    page INTEGER,
    page_end INTEGER,
    header TEXT NOT NULL,
    rows TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trips (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    place_id INTEGER REFERENCES entities(id),
    destination TEXT,
    country TEXT,
    purpose TEXT,
    start TEXT,
    end TEXT,
    cost REAL,
    notes TEXT,
    page INTEGER,
    delegation_text TEXT
);
CREATE TABLE IF NOT EXISTS positions (
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    position TEXT NOT NULL,
    printed INTEGER NOT NULL,
    PRIMARY KEY (item_id, entity_id)
);
CREATE INDEX IF NOT EXISTS positions_entity ON positions(entity_id);
CREATE TABLE IF NOT EXISTS trip_people (
    trip_id INTEGER NOT NULL REFERENCES trips(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entities(id)
);
"""
LINKED = ("person", "place", "organisation")
CIVILITY_START = re.compile(r"^\s*(?:M\.|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mademoiselle|Maître|Me|Dr|Docteur)\b")


def entity_id(db: sqlite3.Connection, kind: str, name: str, authority: str | None,
              country: str | None = None, alias: str | None = None) -> int:
    """The record for this name (created if new); persons are per authority, the rest shared."""
    scope = (authority or "") if kind == "person" else ""
    key = fold(name)
    row = db.execute("SELECT id FROM entities WHERE kind = ? AND scope = ? AND key = ?", (kind, scope, key)).fetchone()
    if row:
        record = int(row[0])
        if country:
            db.execute("UPDATE entities SET country = COALESCE(country, ?) WHERE id = ?", (country, record))
    else:
        record = identity.entity_id(kind, scope, key)
        db.execute("INSERT INTO entities (id, kind, scope, key, name, country) VALUES (?, ?, ?, ?, ?, ?)",
                   (record, kind, scope, key, name, country))
    db.execute("INSERT OR IGNORE INTO aliases (entity_id, alias) VALUES (?, ?)", (record, alias or name))
    return record


def is_evidenced_person(name: str, printed: str, roster: set[str]) -> bool:
    """A name is a person's record only with evidence: the sitting's lists print it, a civility introduces
    it, or it opens with a common French given name and a surname; else it stays a mention ("Taxe
    FONCIÈRE", "Père NOËL", a lone "Nelly" that no list names)."""
    if name in roster or CIVILITY_START.match(printed):
        return True
    return " " in name.strip() and is_given_name(name.split()[0])


def save_records(db: sqlite3.Connection, doc_id: int, doc: Document, item_ids: list[int]) -> None:
    """Mentions, tables and trips of a document whose items were just written with item_ids."""
    db.execute("DELETE FROM mentions WHERE document_id = ?", (doc_id,))
    db.execute("DELETE FROM trips WHERE document_id = ?", (doc_id,))
    db.execute("DELETE FROM tables WHERE document_id = ?", (doc_id,))
    for name in doc.session.roster():
        entity_id(db, "person", name, doc.authority)
    item_of = lambda index: item_ids[index] if 0 <= index < len(item_ids) else None  # noqa: E731
    roster = set(doc.session.roster())
    rows = []
    for e in doc.entities:
        recorded = e.type in LINKED and e.value and (e.type != "person" or is_evidenced_person(str(e.value), e.text, roster))
        linked = entity_id(db, e.type, str(e.value), doc.authority, e.country, e.text) if recorded else None
        number = float(e.value) if e.type == "amount" and e.value is not None else None
        rows.append((doc_id, item_of(e.item_index), linked, e.type, e.text, None if number is not None else e.value,
                     number, e.tax, e.page, e.start, e.end))
    db.executemany(
        "INSERT INTO mentions (document_id, item_id, entity_id, type, text, value, number, tax, page, start, end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    for t in doc.tables:
        db.execute("INSERT INTO tables (document_id, item_id, page, page_end, header, rows) VALUES (?, ?, ?, ?, ?, ?)",
                   (doc_id, item_of(t.item_index), t.page, t.page_end, json.dumps(t.header, ensure_ascii=False),
                    json.dumps(t.rows, ensure_ascii=False)))
    save_positions(db, doc.authority, doc.session.present, [p.giver for p in doc.session.proxies],
                   [(item_ids[i], item.vote.to_dict() if item.vote else None) for i, item in enumerate(doc.items)])
    for trip in doc.trips:
        place = entity_id(db, "place", trip.destination, None, trip.country) if trip.destination else None
        trip_id = db.execute(
            "INSERT INTO trips (document_id, item_id, place_id, destination, country, purpose, start, end, cost, notes,"
            " page, delegation_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, item_of(trip.item_index), place, trip.destination, trip.country, trip.purpose, trip.start,
             trip.end, trip.cost, trip.notes, trip.page, trip.delegation_text)).lastrowid
        db.executemany("INSERT INTO trip_people (trip_id, entity_id) VALUES (?, ?)",
                       [(trip_id, entity_id(db, "person", name, doc.authority)) for name in trip.delegation])


def vote_positions(present: list[str], represented: list[str], vote: dict | None) -> list[tuple[str, str, bool]]:
    """(name, position, printed) of the members on one vote, from the vote as `Vote.to_dict` writes it.

    The dissenters are as printed. The other members present or represented voted for only where that is
    certain: the vote is unanimous, or every count against and abstaining is named and the count for (when
    printed) is the rest of them. A secret ballot gives no one's position.
    """
    if not vote or vote.get("ballot"):
        return []
    named = [(n, "against", True) for n in vote["against_names"]]
    named += [(n, "abstention", True) for n in vote["abstention_names"] if n not in vote["against_names"]]
    dissent = {n for n, _, _ in named}
    others = [n for n in dict.fromkeys([*present, *represented]) if n not in dissent]
    every_dissenter_named = (len(vote["against_names"]) == (vote["against"] or 0)
                             and len(vote["abstention_names"]) == (vote["abstention"] or 0))
    if (vote["unanimous"] or every_dissenter_named) and vote["for"] in (None, len(others)) and not vote.get("conflict"):
        named += [(n, "for", False) for n in others]
    return named


def save_positions(db: sqlite3.Connection, authority: str | None, present: list[str], represented: list[str],
                   item_votes: list[tuple[int, dict | None]]) -> None:
    """Each member's position on each vote, one row per item and person (a voting record is one query)."""
    rows = {}
    for item_id, vote in item_votes:
        for name, position, printed in vote_positions(present, represented, vote):
            rows[(item_id, entity_id(db, "person", name, authority))] = (position, int(printed))
    db.executemany("INSERT INTO positions (item_id, entity_id, position, printed) VALUES (?, ?, ?, ?)",
                   [(item, person, position, printed) for (item, person), (position, printed) in rows.items()])


def drop_orphans(db: sqlite3.Connection) -> None:
    """Records no longer mentioned, attending or travelling anywhere."""
    db.execute(
        "DELETE FROM entities WHERE id NOT IN (SELECT entity_id FROM mentions WHERE entity_id IS NOT NULL)"
        " AND id NOT IN (SELECT entity_id FROM trip_people) AND id NOT IN (SELECT place_id FROM trips WHERE place_id IS NOT NULL)"
        " AND id NOT IN (SELECT entity_id FROM positions)"
        " AND NOT (kind = 'person' AND EXISTS (SELECT 1 FROM attendance a JOIN documents d ON d.id = a.document_id"
        " WHERE a.person = entities.name AND COALESCE(d.authority, '') = entities.scope))"
    )


def item_entities(db: sqlite3.Connection, item_id: int) -> dict[str, list[str]]:
    """Names of the persons, places and organisations an item mentions, for its facets."""
    found: dict[str, list[str]] = {kind: [] for kind in LINKED}
    for row in db.execute(
        "SELECT DISTINCT e.kind, e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.item_id = ?",
        (item_id,),
    ):
        found[row[0]].append(row[1])
    return found
