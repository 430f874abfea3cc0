"""Items that no numbering announces: a register extract's one deliberation, and headings the agenda names.

- An extract of the register ("Extrait du registre des délibérations", one deliberation per file) prints
  its title block above the rapporteur's line ("Monsieur le Maire, Philippe SAUREL, rapporte :") and its
  number in the header or a margin ("n° 2014 / 238", "Délibération n° 2023-45").
- Minutes without numbers often list the agenda ("Ordre du jour") and then head each item with the same
  words: a body line that repeats an agenda entry opens an item.
"""
from __future__ import annotations

import difflib
import re

from delibsearch.extract.dates import fold
from delibsearch.extract.items import ItemSpan

PRESENTER = re.compile(
    r"^[^\n]{0,120}?\b(?:rapporte|expose|présente\s+le\s+rapport\s+suivant)\s*:\s*$|^\s*Rapporteure?s?\s*:\s*\S",
    re.I | re.M,
)
OBJECT = re.compile(r"(?m)^\s*Objet\s*:\s*(?P<title>\S[^\n]{3,300})$")
REGISTER_NUMBER = re.compile(
    r"\b(?:D[ée]lib[ée]ration\s+)?n[°o]\s*(?P<num>(?:19|20)\d{2}\s*/\s*\d{1,5}|(?:19|20)\d{2}[-_]\d{1,5}|D\d{4}[-_]\d{1,4})\b",
    re.I,
)
AGENDA = re.compile(r"(?mi)^\s*ordre\s+du\s+jour\s*:?\s*$")
NOT_ITEMS = re.compile(r"^(?:questions?\s+diverses|informations?\s+diverses|divers|ordre\s+du\s+jour)\b", re.I)
BULLET = re.compile(r"^\s*(?:[-–•▪·*o]|\d{1,2}\s*[.)°-])\s*")
MAX_TITLE_LINES = 5
MIN_AGENDA_MATCHES = 2


def single_deliberation(text: str) -> ItemSpan | None:
    """The one deliberation of a register extract: its title block, its number, to the end of the file."""
    anchor = PRESENTER.search(text, 0, max(len(text) // 2, 8000))
    obj = OBJECT.search(text, 0, 6000)
    if anchor is None and obj is None:
        return None
    number = REGISTER_NUMBER.search(text, 0, (anchor.start() if anchor else obj.start()) + 400)
    if obj is not None and (anchor is None or obj.start() < anchor.start()):
        start, title = obj.start(), obj.group("title").strip()
    else:
        start, title = _block_above(text, anchor.start())
    if not title:
        return None
    num = re.sub(r"\s+", "", number.group("num")) if number else None
    return ItemSpan(num, title, start, len(text), None)


def _block_above(text: str, end: int) -> tuple[int, str]:
    """The paragraph printed just above a line: (its start, its lines joined)."""
    before = text[:end].rstrip("\n")
    lines = before.split("\n")
    block: list[str] = []
    while lines and len(block) < MAX_TITLE_LINES:
        line = lines.pop()
        if not line.strip():
            if block:
                break
            continue
        block.insert(0, line.strip())
    start = len("\n".join(lines)) + (1 if lines else 0)
    return start, re.sub(r"\s+", " ", " ".join(block)).strip()


def agenda_items(text: str) -> list[ItemSpan]:
    """Items headed by the agenda's entries, in the order the body prints them."""
    agenda = AGENDA.search(text)
    if agenda is None:
        return []
    entries, body_start = _agenda_entries(text, agenda.end())
    headings: list[tuple[int, int, str]] = []
    cursor = body_start
    for entry in entries:
        found = _heading(text, entry, cursor)
        if found:
            headings.append(found)
            cursor = found[1]
    if len(headings) < MIN_AGENDA_MATCHES:
        return []
    spans = []
    for i, (start, end, title) in enumerate(headings):
        stop = headings[i + 1][0] if i + 1 < len(headings) else len(text)
        spans.append(ItemSpan(None, title, start, stop, None))
    return spans


def _agenda_entries(text: str, start: int) -> tuple[list[str], int]:
    """The entries listed after "Ordre du jour" (to the first blank line after them), and where they end."""
    entries: list[str] = []
    offset = start
    for line in text[start:start + 4000].split("\n"):
        offset += len(line) + 1
        stripped = BULLET.sub("", line).strip()
        if not stripped:
            if entries and not _is_continuation_gap(text, offset):
                break
            continue
        if entries and (line[:1].islower() or stripped[:1].islower()):
            entries[-1] += " " + stripped
        else:
            entries.append(stripped)
    return [e for e in entries if len(e.split()) >= 2 and not NOT_ITEMS.match(e)], offset


def _is_continuation_gap(text: str, offset: int) -> bool:
    """A blank line inside an agenda printed with spaced entries: the next line is another entry."""
    following = text[offset:offset + 200].split("\n", 1)[0]
    return bool(BULLET.match(following)) and bool(following.strip())


def _heading(text: str, entry: str, start: int) -> tuple[int, int, str] | None:
    """The first line at or after `start` (with the line after it) that repeats the entry."""
    key = _key(entry)
    offset = start
    lines = text[start:].split("\n")
    for i, line in enumerate(lines):
        for count in (1, 2, 3):
            candidate = " ".join(l.strip() for l in lines[i:i + count])
            if candidate and _same(key, _key(candidate)):
                end = offset + len("\n".join(lines[i:i + count]))
                return offset, end, re.sub(r"\s+", " ", candidate).strip()
        offset += len(line) + 1
    return None


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(BULLET.sub("", text)))


def _same(entry: str, line: str) -> bool:
    if len(line) < 0.7 * len(entry) or len(line) > 1.3 * len(entry) + 10:
        return False
    return difflib.SequenceMatcher(None, entry, line, autojunk=False).ratio() >= 0.88
