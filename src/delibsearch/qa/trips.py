"""Answers from the trip register: a trip's cost, delegation, dates or destination, quoted from its table row."""
from __future__ import annotations

import json
import re
from typing import Any, Callable

from delibsearch.extract.dates import fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.money import format_euros
from delibsearch.extract.sentences import flat
from delibsearch.qa.answer import Answer, make_source
from delibsearch.qa.question import Question
from delibsearch.qa.records import _line_with
from delibsearch.store import Store


class TripAnswers:
    """The trip the question names (by destination, or by cost for its destination)."""

    def __init__(self, store: Store, stems: Callable[[str], set[str]]) -> None:
        self.store, self.stems = store, stems

    def trip(self, q: Question) -> Answer | None:
        rows = self.store.db.execute(
            "SELECT t.*, d.authority, d.date AS sitting_date FROM trips t JOIN documents d ON d.id = t.document_id").fetchall()
        folded = fold(q.text)
        if q.kind == "trip_destination":
            digits = re.sub(r"\D", "", " ".join(re.findall(r"\d[\d\s.]*\d|\d", q.text)))
            candidates = [r for r in rows if r["cost"] is not None and digits and str(int(r["cost"])) in digits]
        else:
            candidates = [r for r in rows if r["destination"] and re.search(rf"\b{re.escape(fold(r['destination']))}\b", folded)]
        if q.authority:
            candidates = [r for r in candidates if r["authority"] == q.authority]
        if len(candidates) > 1:
            stems = self.stems(" ".join(q.words))
            candidates.sort(key=lambda r: -len(stems & self.stems((r["purpose"] or "") + " " + (r["start"] or ""))))
            if q.year:
                candidates = [r for r in candidates if (r["start"] or "").startswith(q.year)] or candidates
        if not candidates:
            return None
        trip = candidates[0]
        value, shown = self._trip_value(q, trip)
        if shown is None:
            return None
        confidence = 0.85 if len(candidates) == 1 else 0.6
        item = self.store.item(trip["item_id"]) if trip["item_id"] else None
        quote = self._trip_row(trip) or (_line_with(item.text, trip["destination"]) if item else trip["destination"])
        if q.kind == "trip_date":
            shown = next((quote[d.start:d.end] for d in find_dates(quote, int(value[:4])) if d.value == value), shown)
        source = make_source(trip["item_id"], trip["document_id"], trip["authority"], trip["sitting_date"],
                             item.title if item else None, trip["page"], quote)
        alternatives = [{"answer": _euros(r["cost"]), "value": r["cost"]} for r in candidates[1:3]]
        return Answer(shown, q.type, value, confidence, [source], alternatives)

    def _trip_value(self, q: Question, trip) -> tuple[Any, str | None]:
        if q.kind == "trip_cost":
            return trip["cost"], _euros(trip["cost"]) if trip["cost"] is not None else None
        if q.kind == "trip_destination":
            return trip["destination"], trip["destination"]
        if q.kind == "trip_date":
            value = trip["start"] if trip["start"] == trip["end"] or not trip["end"] else f"{trip['start']}/{trip['end']}"
            return value, value
        people = [r[0] for r in self.store.db.execute(
            "SELECT e.name FROM trip_people tp JOIN entities e ON e.id = tp.entity_id WHERE tp.trip_id = ?", (trip["id"],))]
        return people, " et ".join(people) or None

    def _trip_row(self, trip) -> str | None:
        """The table row the trip was read from, cells joined, as the quote."""
        for table in self.store.db.execute("SELECT rows FROM tables WHERE item_id = ? AND page <= ?", (trip["item_id"], trip["page"])):
            for row in json.loads(table[0]):
                joined = " | ".join(cell for cell in row if cell)
                cost = re.sub(r"\D", "", str(int(trip["cost"]))) if trip["cost"] is not None else ""
                if fold(trip["destination"] or "")[:5] in fold(joined) and cost in re.sub(r"\D", "", joined):
                    return flat(joined)
        return None


def _euros(value: float | None) -> str:
    return "" if value is None else format_euros(value)
