"""The document model: what a council PDF becomes once read.

`Document.to_dict()` is the JSON contract of `delibsearch parse`: keys may be
added, never renamed; unknown values are None, lists are empty rather than
missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Source:
    file: str
    sha256: str
    pages: int
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "pages": self.pages}


@dataclass
class Proxy:
    """A member absent from the sitting who gave a proxy ("pouvoir") to another (None: not printed)."""

    giver: str
    holder: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.giver, "to": self.holder}


@dataclass
class Movement:
    """An arrival or departure during the sitting, as printed."""

    text: str
    page: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "page": self.page}


@dataclass
class Session:
    date: str | None = None
    time: str | None = None
    place: str | None = None
    convened_on: str | None = None
    president: str | None = None
    secretary: str | None = None
    in_office: int | None = None
    present_count: int | None = None
    present: list[str] = field(default_factory=list)
    proxies: list[Proxy] = field(default_factory=list)
    excused: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)

    def roster(self) -> list[str]:
        """Every member named in the header, for resolving short forms such as "Mme DEFOSSEZ"."""
        names = [*self.present, *(p.giver for p in self.proxies), *(p.holder for p in self.proxies if p.holder)]
        names += [*self.excused, *self.absent]
        for name in (self.president, self.secretary):
            if name:
                names.append(name)
        return list(dict.fromkeys(names))

    def voters(self) -> int | None:
        """Members entitled to vote at the opening: present plus represented."""
        if self.present_count is None:
            return None
        return self.present_count + len(self.proxies)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "time": self.time,
            "place": self.place,
            "convened_on": self.convened_on,
            "president": self.president,
            "secretary": self.secretary,
            "in_office": self.in_office,
            "present_count": self.present_count,
            "present": list(self.present),
            "proxies": [p.to_dict() for p in self.proxies],
            "excused": list(self.excused),
            "absent": list(self.absent),
            "movements": [m.to_dict() for m in self.movements],
        }


@dataclass
class Ballot:
    """A secret ballot's figures as printed (an election): None for what is not printed."""
    voters: int | None = None
    blank: int | None = None
    spoilt: int | None = None
    expressed: int | None = None
    results: list[tuple[str, int]] = field(default_factory=list)  # candidate or list, votes

    def to_dict(self) -> dict[str, Any]:
        return {"voters": self.voters, "blank": self.blank, "spoilt": self.spoilt, "expressed": self.expressed,
                "results": [[who, count] for who, count in self.results]}


@dataclass
class Vote:
    present: int | None = None
    represented: int | None = None
    voters: int | None = None
    for_: int | None = None
    against: int | None = None
    abstention: int | None = None
    not_voting: int | None = None
    unanimous: bool = False
    against_names: list[str] = field(default_factory=list)
    abstention_names: list[str] = field(default_factory=list)
    ballot: Ballot | None = None
    conflict: str | None = None  # what the printed vote says against itself ("à l'unanimité" and named dissent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "present": self.present,
            "represented": self.represented,
            "voters": self.voters,
            "for": self.for_,
            "against": self.against,
            "abstention": self.abstention,
            "not_voting": self.not_voting,
            "unanimous": self.unanimous,
            "against_names": list(self.against_names),
            "abstention_names": list(self.abstention_names),
            "ballot": self.ballot.to_dict() if self.ballot else None,
            "conflict": self.conflict,
        }


@dataclass
class Section:
    heading: str
    level: int
    page: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "level": self.level, "page": self.page, "text": self.text}


@dataclass
class Item:
    number: str | None
    title: str | None
    page_start: int
    page_end: int
    text: str = ""
    rapporteur: str | None = None
    group: str | None = None
    sections: list[Section] = field(default_factory=list)
    vote: Vote | None = None
    decision: str | None = None
    offset: int = 0  # where the item's text starts in the document's text, for pages of entities

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "rapporteur": self.rapporteur,
            "group": self.group,
            "page_start": self.page_start,
            "page_end": self.page_end,
            "text": self.text,
            "sections": [s.to_dict() for s in self.sections],
            "vote": self.vote.to_dict() if self.vote else None,
            "decision": self.decision,
        }


ENTITY_TYPES = ("person", "place", "organisation", "date", "amount")


@dataclass
class Entity:
    """A mention in an item's text; start and end are offsets in that text."""

    type: str
    text: str
    value: str | float | None
    item: str | None
    page: int
    start: int
    end: int
    unit: str | None = None
    country: str | None = None
    tax: str | None = None
    item_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "value": self.value, "unit": self.unit,
                "country": self.country, "tax": self.tax, "item": self.item, "page": self.page,
                "start": self.start, "end": self.end}


@dataclass
class Table:
    item: str | None
    page: int
    header: list[str]
    rows: list[list[str]]
    page_end: int | None = None
    item_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"item": self.item, "page": self.page, "page_end": self.page_end or self.page,
                "header": list(self.header), "rows": [list(r) for r in self.rows]}


@dataclass
class Trip:
    """An official trip ("mission", "déplacement"), from a table row or a sentence."""

    destination: str | None
    country: str | None
    purpose: str | None
    start: str | None
    end: str | None
    delegation: list[str]
    cost: float | None
    notes: str | None
    item: str | None
    page: int
    item_index: int = 0
    delegation_text: str | None = None  # the delegation as printed: "J. Auslender et un agent de l'administration"

    def to_dict(self) -> dict[str, Any]:
        return {"destination": self.destination, "country": self.country, "purpose": self.purpose,
                "start": self.start, "end": self.end, "delegation": list(self.delegation),
                "delegation_text": self.delegation_text, "cost": self.cost,
                "notes": self.notes, "item": self.item, "page": self.page}


@dataclass
class Corrected:
    """A field an archivist corrected (delibsearch.corrections): what the parser read and what replaced it."""

    field: str
    read: Any
    value: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "read": self.read, "value": self.value, "note": self.note}


@dataclass
class Document:
    source: Source
    authority: str | None = None
    body: str | None = None
    kind: str = "minutes"  # "minutes": the record of a sitting; "other": a convocation, an annex (no sitting)
    session: Session = field(default_factory=Session)
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    trips: list[Trip] = field(default_factory=list)
    corrections: list[Corrected] = field(default_factory=list)
    header_text: str = ""  # the sitting's header as printed, for quoting attendance; not in the JSON contract

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "authority": self.authority,
            "body": self.body,
            "kind": self.kind,
            "session": self.session.to_dict(),
            "items": [i.to_dict() for i in self.items],
            "entities": [e.to_dict() for e in self.entities],
            "tables": [t.to_dict() for t in self.tables],
            "trips": [t.to_dict() for t in self.trips],
            "warnings": list(self.warnings),
            "corrections": [c.to_dict() for c in self.corrections],
        }
