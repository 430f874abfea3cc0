"""Facet values of every item, held in memory as columns: filters and counts over the matches in C.

SQL `GROUP BY` over the matching rows cost about 300 ms for a query matching
40 000 of 50 000 items (a B-tree seek per match and facet, then a sort), and
counting in Python about 150 ms; numpy's bincount over columns of value codes
costs a few milliseconds (docs/benchmarks.md). The columns are read from the
index file once per generation of the index (each write transaction makes a
new one), so a server reads them again only after an ingest run.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

SINGLE_VALUED = ("authority", "year", "body", "decision", "rapporteur")
MULTI_VALUED = ("persons", "places", "organisations")
FACETS = SINGLE_VALUED + MULTI_VALUED


@dataclass
class Filters:
    """Facet values the matches must have, and a period (an ISO prefix at either end, both included)."""

    authority: str | None = None
    year: str | None = None
    body: str | None = None
    decision: str | None = None
    rapporteur: str | None = None
    persons: str | None = None
    places: str | None = None
    organisations: str | None = None
    date_from: str | None = None
    date_to: str | None = None


@dataclass
class Facet:
    """One facet's values (code 0 is "no value") and, for every item or link, its value's code."""

    values: list[str]
    codes: np.ndarray
    positions: np.ndarray | None = None  # multi-valued: the item position of each link

    def code(self, value: str) -> int:
        try:
            return self.values.index(value, 1)
        except ValueError:
            return -1


def _coded(values: list[str | None]) -> tuple[list[str], np.ndarray]:
    known: dict[str | None, int] = {None: 0, "": 0}
    names = [""]
    codes = np.empty(len(values), dtype=np.int32)
    for n, value in enumerate(values):
        code = known.get(value)
        if code is None:
            code = known[value] = len(names)
            names.append(value)  # type: ignore[arg-type]
        codes[n] = code
    return names, codes


class FacetColumns:
    """Every item's facet values, by position in the sorted item ids."""

    def __init__(self, db: sqlite3.Connection, generation: int) -> None:
        self.generation = generation
        rows = db.execute(f"SELECT id, date, {', '.join(SINGLE_VALUED)} FROM items ORDER BY id").fetchall()
        self.ids = np.array([row[0] for row in rows], dtype=np.int64)
        self.dates = np.array([row[1] or "" for row in rows], dtype="U10")
        self.facets: dict[str, Facet] = {}
        for n, name in enumerate(SINGLE_VALUED, start=2):
            self.facets[name] = Facet(*_coded([row[n] for row in rows]))
        for name in MULTI_VALUED:
            links = db.execute("SELECT item_id, value FROM item_links WHERE facet = ?", (name,)).fetchall()
            values, codes = _coded([value for _, value in links])
            item_ids = np.array([item_id for item_id, _ in links], dtype=np.int64)
            self.facets[name] = Facet(values, codes, np.searchsorted(self.ids, item_ids))
        # Newest first, undated last: rank of each item's date among the distinct dates.
        distinct, rank = np.unique(self.dates, return_inverse=True)
        self.date_rank = np.where(self.dates == "", -1, rank.reshape(-1))

    def positions(self, item_ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ids, item_ids)

    def allowed(self, filters: Filters) -> np.ndarray | None:
        """Which items the filters let through (None: all of them)."""
        keep = np.ones(len(self.ids), dtype=bool)
        narrowed = False
        for name in FACETS:
            value = getattr(filters, name)
            if not value:
                continue
            narrowed = True
            facet = self.facets[name]
            code = facet.code(value)
            if facet.positions is None:
                keep &= facet.codes == code
            else:
                having = np.zeros(len(self.ids), dtype=bool)
                having[facet.positions[facet.codes == code]] = True
                keep &= having
        if filters.date_from:
            keep &= (self.dates >= filters.date_from) & (self.dates != "")
            narrowed = True
        if filters.date_to:
            keep &= (self.dates <= filters.date_to + "~") & (self.dates != "")  # "2024" takes in all of 2024
            narrowed = True
        return keep if narrowed else None

    def counts(self, positions: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        """Per facet, (value, number of matches) by count then value."""
        inside = np.zeros(len(self.ids), dtype=bool)
        inside[positions] = True
        counts = {}
        for name, facet in self.facets.items():
            codes = facet.codes[positions] if facet.positions is None else facet.codes[inside[facet.positions]]
            tally = np.bincount(codes, minlength=len(facet.values))
            pairs = [(facet.values[code], int(tally[code])) for code in np.flatnonzero(tally) if code]
            counts[name] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
        return counts
