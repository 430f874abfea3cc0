"""Facet values of every item, held in memory as columns of codes: filters and counts over the matches in C.

SQL `GROUP BY` over the matching rows cost about 300 ms for a query matching
40 000 of 50 000 items (a B-tree seek per match and facet, then a sort), and
counting in Python about 150 ms; numpy's bincount over columns of value codes
costs a few milliseconds (docs/decisions.md). The index file stores each facet
value once (`facet_values`) and items and links by the value's id, so the
columns are read with a few `group_concat` queries; they are read once per
generation of the index (each write transaction makes a new one), so a server
reads them again only after an ingest run.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import numpy as np

SINGLE_VALUED = ("authority", "year", "body", "decision", "rapporteur")
MULTI_VALUED = ("persons", "places", "organisations")
FACETS = SINGLE_VALUED + MULTI_VALUED
# The day of an ISO date as one number: "2024-03-05" -> 20240305 (0: no date).
DATE_KEY = "CAST(substr(replace(coalesce(date, ''), '-', '') || '00000000', 1, 8) AS INTEGER)"


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


def value_token(value_id: int) -> str:
    """The token of a facet value in the FTS5 table's `facets` column: "v12"."""
    return f"v{value_id}"


def _day(prefix: str | None, fill: str) -> int | None:
    """"2024" -> 20240000 or 20249999 with fill "9"; None when the prefix has no digits."""
    digits = re.sub(r"\D", "", prefix or "")[:8]
    return int(digits.ljust(8, fill)) if digits else None


def _integers(text: str | None) -> np.ndarray:
    return np.fromstring(text, sep=",", dtype=np.int64) if text else np.zeros(0, dtype=np.int64)


class FacetColumns:
    """Every item's facet values, by position in the sorted item ids; value ids are shared by all facets."""

    def __init__(self, db: sqlite3.Connection, generation: int) -> None:
        self.generation = generation
        self.values: dict[int, tuple[str, str]] = {}
        self.codes: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        for value_id, facet, value in db.execute("SELECT id, facet, value FROM facet_values"):
            self.values[value_id] = (facet, value)
            self.codes[facet][value] = value_id
        self.size = max(self.values, default=0) + 1
        columns = ", ".join(f"group_concat(coalesce({name}, 0))" for name in SINGLE_VALUED)
        row = db.execute(f"SELECT group_concat(id), group_concat({DATE_KEY}), {columns} FROM items").fetchone()
        ids = _integers(row[0])
        order = np.argsort(ids)
        self.ids = ids[order]
        self.days = _integers(row[1])[order]
        self.single = {name: _integers(text)[order] for name, text in zip(SINGLE_VALUED, row[2:])}
        item_ids, value_ids = db.execute("SELECT group_concat(item_id), group_concat(value_id) FROM item_links").fetchone()
        self.link_positions = np.searchsorted(self.ids, _integers(item_ids))
        self.link_values = _integers(value_ids)
        # Newest first, undated last: the rank of each item's day among the distinct days, -1 for none.
        _, rank = np.unique(self.days, return_inverse=True)
        self.date_rank = np.where(self.days == 0, -1, rank.reshape(-1))

    def positions(self, item_ids: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.ids, item_ids)

    def filter_tokens(self, filters: Filters) -> list[str]:
        """FTS5 conditions for the filters' facet values ("v0" is no value's token: it matches nothing)."""
        return [f'facets : "{value_token(self.codes[name].get(value, 0))}"' for name in FACETS
                if (value := getattr(filters, name))]

    def allowed(self, filters: Filters) -> np.ndarray | None:
        """Which items the filters let through (None: all of them)."""
        keep = np.ones(len(self.ids), dtype=bool)
        narrowed = False
        for name in FACETS:
            value = getattr(filters, name)
            if not value:
                continue
            narrowed = True
            code = self.codes[name].get(value, -1)
            if name in self.single:
                keep &= self.single[name] == code
            else:
                having = np.zeros(len(self.ids), dtype=bool)
                having[self.link_positions[self.link_values == code]] = True
                keep &= having
        start, end = _day(filters.date_from, "0"), _day(filters.date_to, "9")
        if start is not None:
            keep &= (self.days >= start) & (self.days > 0)
            narrowed = True
        if end is not None:
            keep &= (self.days <= end) & (self.days > 0)
            narrowed = True
        return keep if narrowed else None

    def counts(self, positions: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        """Per facet, (value, number of matches) by count then value."""
        inside = np.zeros(len(self.ids), dtype=bool)
        inside[positions] = True
        codes = [column[positions] for column in self.single.values()]
        codes.append(self.link_values[inside[self.link_positions]])
        tally = np.bincount(np.concatenate(codes), minlength=self.size)
        counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
        for code in np.flatnonzero(tally[1:]) + 1:
            facet, value = self.values[int(code)]
            counts[facet].append((value, int(tally[code])))
        return {name: sorted(pairs, key=lambda pair: (-pair[1], pair[0])) for name, pairs in counts.items()}
