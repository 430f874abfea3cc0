"""Official trips ("missions", "déplacements"): from trip tables, and from sentences.

A table is a trip table when its header names a destination and dates or a
cost (Invitation / Destination, Objet, Dates, Délégation, Coût ...). A row
gives the destination (the first place of its cell, with the country), the
purpose, the dates, the delegation (persons linked to the sitting's roster),
the cost and the observations.
"""
from __future__ import annotations

import re
from delibsearch.extract.dates import fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.gazetteer import Place, gazetteer
from delibsearch.extract.money import find_amounts, parse_amount_cell
from delibsearch.extract.names import Roster, clean_name
from delibsearch.model import Trip

# Header words, matched at the start of a header cell (folded).
COLUMNS = {
    "destination": r"^(?:invitation|destination|lieu\b|ville\b|pays\b)",
    "purpose": r"^(?:objet|motif|objectif|evenement)",
    "dates": r"^(?:dates?\b|periode)",
    "delegation": r"^(?:delegation|participants?|elus|personnes|membres)",
    "cost": r"^(?:cout|montant|prix|budget|depense)",
    "notes": r"^(?:observations?|remarques?|commentaires?)",
    "follow_up": r"^(?:actions|suivi)",
}
SENTENCE = re.compile(
    r"\b(?:déplacement|mission|voyage|visite)s?\s+(?:officiel(?:le)?s?\s+)?(?:à|en|au|aux)\s+"
    r"(?P<place>[A-ZÀ-Þ][\w'’-]+(?:[ -][A-ZÀ-Þ][\w'’-]+)?)(?P<rest>[^.]{0,120})",
)
NAME = re.compile(r"(?:[A-ZÀ-Þ]\.\s?(?:-\s?[A-ZÀ-Þ]\.\s?)?)?[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){0,3}")


def column_map(header: list[str]) -> dict[str, int]:
    """Which column holds what, from the header's words."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = fold(cell).strip()
        for name, pattern in COLUMNS.items():
            if name not in found and re.search(pattern, key):
                found[name] = index
                break
    return found


def is_trip_table(header: list[str]) -> bool:
    """A destination, dates, and who went, why or at what cost."""
    columns = column_map(header)
    return {"destination", "dates"} <= set(columns) and bool({"delegation", "purpose", "cost"} & set(columns))


def trips_from_table(header: list[str], rows: list[list[str]], roster: Roster, year: int | None) -> list[Trip]:
    columns = column_map(header)
    trips = []
    for row in rows:
        cell = {name: row[i] if i < len(row) else "" for name, i in columns.items()}
        place = first_place(cell.get("destination", ""))
        start, end = date_range(cell.get("dates", ""), year)
        notes = "; ".join(v for v in (cell.get("notes"), cell.get("follow_up")) if v) or None
        trips.append(Trip(
            destination=place.name if place else (cell.get("destination") or None),
            country=place.country if place else None,
            purpose=cell.get("purpose") or None,
            start=start, end=end,
            delegation=delegation(cell.get("delegation", ""), roster),
            cost=parse_amount_cell(cell.get("cost", "")),
            notes=notes, item=None, page=0,
            delegation_text=" ".join(cell.get("delegation", "").split()) or None,
        ))
    return trips


def first_place(text: str) -> Place | None:
    """The first known place of a cell: "Association des villes (AVUF) à Bruxelles" -> Bruxelles."""
    found = []
    for match in re.finditer(r"[A-ZÀ-Þ][\w'’-]+(?:[ -](?:de |du |des )?[A-ZÀ-Þ][\w'’-]+)*", text):
        tokens = match.group().split()
        for size in range(len(tokens), 0, -1):
            place = gazetteer().lookup(" ".join(tokens[:size]))
            if place and place.kind != "continent":
                found.append(place)
                break
    towns = [p for p in found if p.kind == "city"]
    return (towns or found or [None])[0]


def date_range(text: str, year: int | None) -> tuple[str | None, str | None]:
    found = find_dates(re.sub(r"\s+", " ", text), year)
    if not found:
        return None, None
    value = found[0].value
    if "/" in value:
        start, end = value.split("/")
        return start, end
    return value, value


def delegation(text: str, roster: Roster) -> list[str]:
    """Persons of a delegation cell, linked to the roster ("J. Auslender" -> "Jérôme AUSLENDER")."""
    people = []
    for part in re.split(r",|\bet\b|;", text):
        match = NAME.search(part.strip())
        if not match:
            continue
        name = roster.resolve(match.group()) or (clean_name(match.group()) if len(match.group().split()) >= 2 else None)
        if name and name not in people and not re.search(r"agents?|administration|services?", name, re.I):
            people.append(name)
    return people


def trips_from_text(text: str, year: int | None, home: str | None) -> list[tuple[int, Trip]]:
    """Trips told in sentences, with dates: "le déplacement à Montréal du 28 au 30 novembre 2022" (offset, trip).

    A trip to the authority's own town is someone else's visit, not a mission.
    """
    trips = []
    for match in SENTENCE.finditer(text):
        place = gazetteer().lookup(match.group("place"))
        if not place or (home and fold(place.name) == fold(home)):
            continue
        start, end = date_range(match.group("rest"), year)
        if not start:
            continue
        amounts = find_amounts(match.group("rest"))
        trips.append((match.start(), Trip(place.name, place.country, None, start, end, [],
                                          amounts[0].value if amounts else None, None, item=None, page=0)))
    return trips
