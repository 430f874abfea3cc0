"""What the pages show, read from the store: a sitting, an item, a person, a place, an organisation, trips.

Each function returns plain dicts and lists (JSON-ready); the web layer renders them as HTML or JSON.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from delibsearch.store import Store

TRIP_SORTS = {"date": "t.start", "cost": "t.cost", "destination": "t.destination", "authority": "d.authority"}


def _rows(db: sqlite3.Connection, query: str, args: tuple = ()) -> list[dict[str, Any]]:
    return [dict(row) for row in db.execute(query, args)]


def sitting(store: Store, doc_id: int) -> dict[str, Any] | None:
    doc = store.document(doc_id)
    if doc is None:
        return None
    items = _rows(store.db, "SELECT id, number, title, rapporteur, grp, page_start, page_end, decision, vote"
                            " FROM items WHERE document_id = ? ORDER BY ord", (doc_id,))
    for item in items:
        item["vote"] = json.loads(item["vote"]) if item["vote"] else None
    people = {r["name"]: r["id"] for r in store.db.execute(
        "SELECT id, name FROM entities WHERE kind = 'person' AND scope = ?", (doc.get("authority") or "",))}
    return {"id": doc_id, "file": doc["source"]["file"], "pages": doc["source"]["pages"],
            "authority": doc.get("authority"), "body": doc.get("body"), "kind": doc.get("kind", "minutes"),
            "session": doc["session"],
            "warnings": doc.get("warnings", []), "corrections": doc.get("corrections", []), "items": items,
            "people": people,
            "trips": _trip_rows(store, "WHERE t.document_id = ?", (doc_id,))}


def item(store: Store, item_id: int) -> dict[str, Any] | None:
    row = store.db.execute(
        "SELECT i.*, d.authority, d.body, d.date, d.file FROM items i JOIN documents d ON d.id = i.document_id"
        " WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        return None
    data = dict(row)
    data["vote"] = json.loads(data["vote"]) if data["vote"] else None
    data["sitting_id"] = data.pop("document_id")
    data["group"] = data.pop("grp")
    data["mentions"] = _rows(store.db, "SELECT m.type, m.text, m.value, m.number, m.tax, m.page, m.start, m.end,"
                                       " m.entity_id, e.kind AS entity_kind, e.name AS entity_name"
                                       " FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
                                       " WHERE m.item_id = ? ORDER BY m.start", (item_id,))
    data["tables"] = [{"page": t["page"], "page_end": t["page_end"], "header": json.loads(t["header"]),
                       "rows": json.loads(t["rows"])}
                      for t in store.db.execute("SELECT * FROM tables WHERE item_id = ? ORDER BY page", (item_id,))]
    data["trips"] = _trip_rows(store, "WHERE t.item_id = ?", (item_id,))
    return data


def entity(store: Store, entity_id: int, kind: str) -> dict[str, Any] | None:
    row = store.db.execute("SELECT * FROM entities WHERE id = ? AND kind = ?", (entity_id, kind)).fetchone()
    if row is None:
        return None
    records = _same_human(store, entity_id) if kind == "person" else []
    ids = [entity_id, *(r["id"] for r in records)]
    marks = ", ".join("?" * len(ids))
    data = {"id": row["id"], "kind": kind, "name": row["name"], "authority": row["scope"] or None,
            "country": row["country"],
            "aliases": [r[0] for r in store.db.execute(
                f"SELECT DISTINCT alias FROM aliases WHERE entity_id IN ({marks}) ORDER BY alias", ids)],
            "mentions": _mentions(store, ids)}
    if kind == "person":
        data["same_human"] = records
        data["mandates"] = list(dict.fromkeys(s for s in [row["scope"], *(r["authority"] for r in records)] if s))
        data.update(_person(store, [(row["name"], row["scope"]), *((r["name"], r["authority"] or "") for r in records)], ids))
    if kind == "place":
        data["trips"] = _trip_rows(store, "WHERE t.place_id = ?", (entity_id,))
    if kind == "organisation":
        data["amounts"] = _amounts_beside(store, entity_id)
    return data


def human_of(store: Store, entity_id: int) -> int:
    """The person record that names the human of this one (itself unless it was linked to another)."""
    row = store.db.execute("SELECT person_id FROM person_links WHERE member_id = ?", (entity_id,)).fetchone()
    return int(row[0]) if row else entity_id


def _same_human(store: Store, entity_id: int) -> list[dict[str, Any]]:
    """The other records of this person's human, each with why it is the same human."""
    return _rows(store.db, "SELECT l.member_id AS id, e.name, NULLIF(e.scope, '') AS authority, l.rule, l.why"
                           " FROM person_links l JOIN entities e ON e.id = l.member_id WHERE l.person_id = ?"
                           " ORDER BY e.scope, e.name", (entity_id,))


def _mentions(store: Store, ids: list[int]) -> list[dict[str, Any]]:
    marks = ", ".join("?" * len(ids))
    return _rows(store.db,
                 "SELECT m.text, m.page, m.item_id, i.number, i.title, d.id AS sitting_id, d.date, d.authority, d.file"
                 " FROM mentions m JOIN documents d ON d.id = m.document_id LEFT JOIN items i ON i.id = m.item_id"
                 f" WHERE m.entity_id IN ({marks}) ORDER BY d.date, m.page, m.start", tuple(ids))


def _person(store: Store, names: list[tuple[str, str]], ids: list[int]) -> dict[str, Any]:
    """Attendance, proxies, items reported, votes against and abstentions, and the whole voting record (each
    vote's position: printed for dissent, derived from attendance for the rest) of one councillor, over
    every record of the human (names: (name, authority) of each)."""
    named = " OR ".join("(a.person = ? AND COALESCE(d.authority, '') = ?)" for _ in names)
    reporting = " OR ".join("(i.rapporteur = ? AND COALESCE(d.authority, '') = ?)" for _ in names)
    pairs = tuple(part for pair in names for part in pair)
    marks = ", ".join("?" * len(ids))
    attendance = _rows(store.db,
                       "SELECT a.role, a.other, d.id AS sitting_id, d.date, d.authority, d.body FROM attendance a"
                       f" JOIN documents d ON d.id = a.document_id WHERE {named} ORDER BY d.date", pairs)
    reported = _rows(store.db,
                     "SELECT i.id AS item_id, i.number, i.title, i.page_start, d.id AS sitting_id, d.date FROM items i"
                     f" JOIN documents d ON d.id = i.document_id WHERE {reporting} ORDER BY d.date", pairs)
    record = _rows(store.db,
                   "SELECT p.position, p.printed, i.id AS item_id, i.number, i.title, d.id AS sitting_id, d.date"
                   " FROM positions p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = i.document_id"
                   f" WHERE p.entity_id IN ({marks}) ORDER BY d.date, i.ord", tuple(ids))
    votes = [row for row in record if row["printed"]]
    by_role = lambda role: [a for a in attendance if a["role"] == role]  # noqa: E731
    return {
        "present": by_role("present"), "excused": by_role("excused"), "absent": by_role("absent"),
        "presided": by_role("president"), "secretary": by_role("secretary"),
        "proxies_given": by_role("proxy_given"), "proxies_held": by_role("proxy_held"),
        "reported": reported, "votes": votes,
        "voting_record": {"positions": record,
                          "counts": {p: sum(r["position"] == p for r in record) for p in ("for", "against", "abstention")}},
        "trips": _trip_rows(store, f"WHERE t.id IN (SELECT trip_id FROM trip_people WHERE entity_id IN ({marks}))", tuple(ids)),
        "timeline": _timeline(attendance, reported, votes),
    }


def _timeline(attendance: list[dict], reported: list[dict], votes: list[dict]) -> list[dict[str, Any]]:
    """One line per dated event, newest first."""
    events = [{"date": a["date"], "sitting_id": a["sitting_id"], "what": a["role"], "other": a["other"]} for a in attendance]
    events += [{"date": r["date"], "sitting_id": r["sitting_id"], "what": "reported", "item_id": r["item_id"],
                "title": r["title"]} for r in reported]
    events += [{"date": v["date"], "sitting_id": v["sitting_id"], "what": v["position"], "item_id": v["item_id"],
                "title": v["title"]} for v in votes]
    return sorted(events, key=lambda e: e["date"] or "", reverse=True)


def _amounts_beside(store: Store, entity_id: int) -> list[dict[str, Any]]:
    """Amounts mentioned in the same item within a sentence's reach of the organisation."""
    return _rows(store.db,
                 "SELECT DISTINCT a.text, a.number, a.tax, a.page, a.item_id, i.title, d.id AS sitting_id, d.date"
                 " FROM mentions m JOIN mentions a ON a.item_id = m.item_id AND a.type = 'amount'"
                 " AND ABS(a.start - m.start) < 200 JOIN items i ON i.id = a.item_id JOIN documents d ON d.id = a.document_id"
                 " WHERE m.entity_id = ? ORDER BY d.date, a.page", (entity_id,))


@dataclass
class TripFilters:
    year: str | None = None
    destination: str | None = None
    person: str | None = None
    authority: str | None = None
    sort: str = "date"
    descending: bool = False


def trips(store: Store, filters: TripFilters) -> dict[str, Any]:
    conditions = [
        ("substr(t.start, 1, 4) = ?", filters.year),
        ("t.destination = ?", filters.destination),
        ("d.authority = ?", filters.authority),
        ("t.id IN (SELECT tp.trip_id FROM trip_people tp JOIN entities e ON e.id = tp.entity_id WHERE e.name = ?)",
         filters.person),
    ]
    where = ["1 = 1"] + [condition for condition, value in conditions if value]
    args = [value for _, value in conditions if value]
    column = TRIP_SORTS.get(filters.sort, "t.start")
    order = f"{column} IS NULL, {column}" + (" DESC" if filters.descending else "")
    rows = _trip_rows(store, "WHERE " + " AND ".join(where), tuple(args), order)
    return {"total": len(rows), "total_cost": sum(r["cost"] or 0 for r in rows), "trips": rows,
            "by_year": _totals(rows, lambda r: (r["start"] or "")[:4] or "?"),
            "by_destination": _totals(rows, lambda r: r["destination"] or "?"),
            "choices": _trip_choices(store)}


def _trip_rows(store: Store, where: str, args: tuple, order: str = "t.start") -> list[dict[str, Any]]:
    rows = _rows(store.db,
                 "SELECT t.id, t.destination, t.country, t.purpose, t.start, t.end, t.cost, t.notes, t.page, t.place_id,"
                 " t.delegation_text,"
                 " t.item_id, i.number AS item_number, d.id AS sitting_id, d.authority, d.date AS sitting_date, d.file"
                 f" FROM trips t JOIN documents d ON d.id = t.document_id LEFT JOIN items i ON i.id = t.item_id {where}"
                 f" ORDER BY {order}, t.id", args)
    for row in rows:
        row["delegation"] = [{"id": r[0], "name": r[1]} for r in store.db.execute(
            "SELECT e.id, e.name FROM trip_people tp JOIN entities e ON e.id = tp.entity_id WHERE tp.trip_id = ?",
            (row["id"],))]
    return rows


def _totals(rows: list[dict], key) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, Any]] = {}
    for row in rows:
        bucket = totals.setdefault(key(row), {"value": key(row), "count": 0, "cost": 0.0})
        bucket["count"] += 1
        bucket["cost"] += row["cost"] or 0
    return sorted(totals.values(), key=lambda b: b["value"])


def _trip_choices(store: Store) -> dict[str, list[str]]:
    one = lambda q: [r[0] for r in store.db.execute(q) if r[0]]  # noqa: E731
    return {
        "year": one("SELECT DISTINCT substr(start, 1, 4) FROM trips ORDER BY 1"),
        "destination": one("SELECT DISTINCT destination FROM trips ORDER BY 1"),
        "authority": one("SELECT DISTINCT d.authority FROM trips t JOIN documents d ON d.id = t.document_id ORDER BY 1"),
        "person": one("SELECT DISTINCT e.name FROM trip_people tp JOIN entities e ON e.id = tp.entity_id ORDER BY 1"),
    }

