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

from delibsearch import humans, identity
from delibsearch.extract.dates import fold
from delibsearch.extract.given_names import is_given_name
from delibsearch.extract.orgshapes import is_surname_of, without_table_residue
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
CREATE TABLE IF NOT EXISTS person_links (
    member_id INTEGER PRIMARY KEY REFERENCES entities(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    into_id INTEGER NOT NULL,
    rule TEXT NOT NULL,
    why TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS person_links_person ON person_links(person_id);
CREATE TABLE IF NOT EXISTS person_decisions (
    entity_id INTEGER NOT NULL,
    other_id INTEGER NOT NULL,
    note TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (entity_id, other_id)
);
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
    people = roster | {str(e.value) for e in doc.entities if e.type == "person" and e.value}
    rows = []
    for e in doc.entities:
        name = without_table_residue(str(e.value)) if e.type in ("place", "organisation") and e.value else e.value
        recorded = e.type in LINKED and name and (is_evidenced_person(str(name), e.text, roster) if e.type == "person"
                                                  else e.type != "organisation" or not is_surname_of(str(name), people))
        linked = entity_id(db, e.type, str(name), doc.authority, e.country, e.text) if recorded else None
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


APART = 0  # person_decisions.other_id of "keep this record apart from every other"


def person_records(db: sqlite3.Connection) -> list[humans.PersonRecord]:
    listed: dict[tuple[str, str], set[int]] = {}
    for row in db.execute("SELECT DISTINCT a.person, COALESCE(d.authority, ''), d.id FROM attendance a"
                          " JOIN documents d ON d.id = a.document_id"):
        listed.setdefault((row[0], row[1]), set()).add(row[2])
    return [humans.PersonRecord(row[0], row[1], row[2], frozenset(listed.get((row[1], row[2]), ())))
            for row in db.execute("SELECT id, name, scope FROM entities WHERE kind = 'person' ORDER BY id")]


def places_mentioned(db: sqlite3.Connection) -> dict[str, set[str]]:
    """Per authority, the folded names of the places its documents mention."""
    found: dict[str, set[str]] = {}
    for row in db.execute("SELECT DISTINCT COALESCE(d.authority, ''), e.key FROM mentions m"
                          " JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id"
                          " WHERE e.kind = 'place'"):
        found.setdefault(row[0], set()).add(row[1])
    return found


def link_people(db: sqlite3.Connection) -> set[int]:
    """Rewrite person_links from the rules and the archivist's decisions; returns the records whose human
    changed, whose documents' facets are then marked stale for the full-text index."""
    people = person_records(db)
    decisions = db.execute("SELECT entity_id, other_id, note FROM person_decisions").fetchall()
    apart = {row[0] for row in decisions if row[1] == APART}
    found = [link for link in humans.links(people, places_mentioned(db))
             if link.member not in apart and link.into not in apart]
    found += [humans.Link(row[0], row[1], "archivist", row[2] or "réunies par un archiviste")
              for row in decisions if row[1] != APART]
    direct: dict[int, humans.Link] = {}
    for link in found:
        direct.setdefault(link.member, link)
        direct.setdefault(link.into, link)
    roots = humans.groups(people, found)
    before = {row[0]: row[1] for row in db.execute("SELECT member_id, person_id FROM person_links")}
    db.execute("DELETE FROM person_links")
    db.executemany("INSERT INTO person_links (member_id, person_id, into_id, rule, why) VALUES (?, ?, ?, ?, ?)",
                   [_link_row(member, root, direct) for member, root in roots.items()])
    changed = {m for m in set(before) | set(roots) if before.get(m) != roots.get(m)}
    db.executemany("UPDATE documents SET indexed = 0 WHERE id IN (SELECT document_id FROM mentions WHERE entity_id = ?)",
                   [(i,) for i in changed])
    return changed


def _link_row(member: int, root: int, direct: dict[int, humans.Link]) -> tuple[int, int, int, str, str]:
    """A member's row: its human's record, and a link that brought it in (from either side)."""
    link = direct[member]
    return (member, root, link.into if link.member == member else link.member, link.rule, link.why)


def decide_people(db: sqlite3.Connection, entity_id: int, other_id: int, note: str | None, at: str) -> None:
    """An archivist's decision: other_id is the same human as entity_id, or APART: entity_id stands alone."""
    if other_id == APART:
        db.execute("DELETE FROM person_decisions WHERE entity_id = ? OR other_id = ?", (entity_id, entity_id))
    else:
        db.execute("DELETE FROM person_decisions WHERE entity_id IN (?, ?) AND other_id = ?", (entity_id, other_id, APART))
    db.execute("INSERT OR REPLACE INTO person_decisions (entity_id, other_id, note, at) VALUES (?, ?, ?, ?)",
               (entity_id, other_id, note, at))


def item_entities(db: sqlite3.Connection, item_id: int) -> dict[str, list[str]]:
    """Names of the persons (as their human's record names them), places and organisations an item
    mentions, for its facets."""
    found: dict[str, list[str]] = {kind: [] for kind in LINKED}
    for row in db.execute(
        "SELECT DISTINCT e.kind, e.name FROM mentions m"
        " JOIN entities e ON e.id = COALESCE((SELECT person_id FROM person_links WHERE member_id = m.entity_id),"
        " m.entity_id) WHERE m.item_id = ?",
        (item_id,),
    ):
        found[row[0]].append(row[1])
    return found
