"""An archivist's corrections of what the parser read, kept apart from the parse so that they survive it.

A correction names one field of a sitting ("authority", "session.date", "session.president") or of one
of its items ("item.D2024-45.title", "item.6.decision") and the value to put there. Corrections are kept
per file in the store and applied each time the file is read again, so re-indexing never loses them;
the document records what was read and what replaced it, for the sitting's page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from delibsearch.errors import DelibError
from delibsearch.model import Corrected, Document, Item

DECISIONS = ("adopted", "rejected", "noted", "withdrawn")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^\d{2}:\d{2}$")
DOCUMENT_FIELDS = ("authority", "body")
SESSION_FIELDS = ("date", "time", "place", "convened_on", "president", "secretary")
ITEM_FIELDS = ("title", "rapporteur", "decision")
ITEM_FIELD = re.compile(r"^item\.(?P<number>.+)\.(?P<name>title|rapporteur|decision)$")
FIELDS_HELP = ("authority, body, session.date (YYYY-MM-DD), session.time (HH:MM), session.place, session.convened_on,"
               " session.president, session.secretary, item.<number>.title, item.<number>.rapporteur,"
               " item.<number>.decision (adopted, rejected, noted, withdrawn)")


class BadCorrection(DelibError):
    """A correction that names no known field or gives a value of the wrong shape."""


@dataclass
class Correction:
    field: str
    value: str
    note: str | None = None


def check(field: str, value: str, note: str | None = None) -> Correction:
    """A correction with a known field and a value of the right shape; raises BadCorrection otherwise."""
    value = value.strip()
    if not value:
        raise BadCorrection(f"empty value for {field}")
    name = field.removeprefix("session.")
    if field.startswith("session.") and name in SESSION_FIELDS:
        if name in ("date", "convened_on") and not ISO_DATE.match(value):
            raise BadCorrection(f"{field} is a date written YYYY-MM-DD, not {value!r}")
        if name == "time" and not TIME.match(value):
            raise BadCorrection(f"{field} is a time written HH:MM, not {value!r}")
    elif field in DOCUMENT_FIELDS:
        pass
    elif match := ITEM_FIELD.match(field):
        if match.group("name") == "decision" and value not in DECISIONS:
            raise BadCorrection(f"{field} is one of {', '.join(DECISIONS)}, not {value!r}")
    else:
        raise BadCorrection(f"unknown field {field!r}; the fields are: {FIELDS_HELP}")
    return Correction(field, value, note)


def apply(doc: Document, corrections: list[Correction]) -> None:
    """Put each correction in place and note it on the document; one naming a missing item is a warning."""
    for correction in corrections:
        target = _target(doc, correction.field)
        if target is None:
            doc.warnings.append(f"correction of {correction.field}: the document has no such item")
            continue
        holder, name = target
        doc.corrections.append(Corrected(correction.field, getattr(holder, name), correction.value, correction.note))
        setattr(holder, name, correction.value)


def _target(doc: Document, field: str) -> tuple[object, str] | None:
    """The object and attribute a field names: (doc, "authority"), (doc.session, "date"), (item, "title")."""
    if field in DOCUMENT_FIELDS:
        return doc, field
    if field.startswith("session."):
        return doc.session, field.removeprefix("session.")
    match = ITEM_FIELD.match(field)
    item = _item(doc, match.group("number")) if match else None
    return (item, match.group("name")) if item is not None else None


def _item(doc: Document, number: str) -> Item | None:
    wanted = re.sub(r"\s+", "", number)
    return next((item for item in doc.items if re.sub(r"\s+", "", item.number or "") == wanted), None)
