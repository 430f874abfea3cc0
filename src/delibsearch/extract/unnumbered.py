"""Items that no numbering announces: a register extract's one deliberation, and headings the agenda names.

- An extract of the register ("Extrait du registre des délibérations", one deliberation per file) prints
  its title block above the rapporteur's line ("Monsieur le Maire, Philippe SAUREL, rapporte :") and its
  number in the header or a margin ("n° 2014 / 238", "Délibération n° 2023-45").
- Minutes without numbers often list the agenda ("Ordre du jour") and then head each item with the same
  words: a body line that repeats an agenda entry opens an item.
- Or each item opens with "Objet : title" (a procès-verbal without numbers): one item per object line.
- Or the body's headings shorten or reword the agenda ("RPQS Eau 2020" for "Rapport sur le Prix et la
  Qualité du Service public (RPQS) Eau Potable"), and points are added at the sitting; then each item is
  what lies between two votes ("Vote : à l'unanimité"), headed by its first line.
"""
from __future__ import annotations

import difflib
import re
from typing import Callable

from delibsearch.extract.attendance import LABELS
from delibsearch.extract.dates import fold
from delibsearch.extract.items import ItemSpan, continues_title

PRESENTER = re.compile(
    r"^[^\n]{0,120}?\b(?:rapporte|expose|présente\s+le\s+rapport\s+suivant)\s*:\s*$|^\s*Rapporteure?s?\s*:\s*\S",
    re.I | re.M,
)
OBJECT = re.compile(r"(?m)^\s*Objet\s*:\s*(?P<title>\S[^\n]{3,300})$")
REGISTER_NUMBER = re.compile(
    r"\b(?:D[ée]lib[ée]ration\s+)?n[°o](?:[^\S\n]+[^\W\d][\w']*(?:[^\S\n]+[\w']+){0,3}[^\S\n]*:)?\s*(?P<num>(?:19|20)\d{2}\s*/\s*\d{1,5}|(?:19|20)\d{2}[-_]\d{1,5}|D\d{4}[-_]\d{1,4})\b",
    re.I,
)
AGENDA = re.compile(r"(?mi)^\s*ordre\s+du\s+[jiy]ou[a-z]\s*:?\s*$")  # "jout", "iour": a scan's misreadings
# A line that records a vote: "Vote : à l'unanimité", "Adopté à la majorité", "Accord à l'unanimité : 13 pour".
# A "Vote :" label may have its result on the next line (a scan's stamp between them).
VOTE_LINE = re.compile(r"(?mi)^[^\S\n]*(?:(?:vote|vot[ée]e?s?|adopt[ée]e?s?|accord|approuv[ée]e?s?|approbation|accept[ée]e?s?)\b"
                       r"(?=[^\n]{0,80}(?:unanimit|majorit|\bpour\b|\bcontre\b))"
                       r"|vote\s*:(?=[^\n]{0,40}\n[^\S\n]*(?:à\s+l.)?unanimit))[^\n]*$")
NOT_ITEMS = re.compile(r"^(?:questions?\s+diverses|informations?\s+diverses|divers|ordre\s+du\s+jour"
                       r"|ouverture\s+de\s+la\s+s[ée]ance|(?:nomination|d[ée]signation|[ée]lection)\s+du\s+secr[ée]taire)\b", re.I)
BULLET = re.compile(r"^\s*(?:[-–•▪·*o]|\d{1,2}\s*[.)°-])\s*")
# Where a register extract begins: a file may bind the extracts of one sitting one after another.
EXTRACT_START = re.compile(r"(?mi)^[^\n]{0,40}\bextrait\s+du\s+registre\s+des\s+d[ée]lib[ée]rations")
MAX_TITLE_LINES = 5
# Lines in capitals that head a document or its parts, not an item.
BULLET_HEADING = re.compile(r"^\s*[➢►▶➤■□◆❖✓✔→●]\s*(?P<title>[A-ZÀ-Þ«\"].{3,})$")
NOT_HEADINGS = re.compile(r"\b(?:COMPTE[- ]RENDU|PROC[ÈE]S[- ]VERBAL|S[ÉE]ANCE\s+DU|CONSEIL\s+MUNICIPAL\s+DU|ORDRE\s+DU\s+JOUR"
                          r"|R[ÉE]PUBLIQUE\s+FRAN[ÇC]AISE|EXTRAIT\s+DU\s+REGISTRE|D[ÉE]LIB[ÉE]RATIONS?\s+DU\s+CONSEIL)\b")
HEADER_SPAN = 5000  # characters: where a sitting's header labels may be
MIN_AGENDA_MATCHES = 2
MIN_SIDE_KEPT = 20  # letters of an agenda entry found at the end of a line that a side column opens


def single_deliberation(text: str) -> ItemSpan | None:
    """The one deliberation of a register extract: its title block, its number, to the end of the file."""
    anchor = PRESENTER.search(text, 0, max(len(text) // 2, 8000))
    obj = OBJECT.search(text, 0, 6000)
    if anchor is None and obj is None:
        return None
    number = REGISTER_NUMBER.search(text, 0, (anchor.start() if anchor else obj.start()) + 400)
    if obj is not None and (anchor is None or obj.start() < anchor.start()):
        start, title = obj.start(), _object_title(text, obj)
    else:
        start, title = _block_above(text, anchor.start())
    if not title:
        return None
    num = re.sub(r"\s+", "", number.group("num")) if number else None
    return ItemSpan(num, title, start, len(text), None)


def _object_title(text: str, obj: re.Match[str]) -> str:
    """The object's title with the lines that carry it on ("Objet : Tarifs ... de la salle" / "polyvalente")."""
    title = obj.group("title").strip(" |")
    lines = text[obj.end():obj.end() + 600].split("\n")[1:]
    for i, line in enumerate(lines[:3]):
        line = line.strip(" |")
        following = lines[i + 1].strip(" |") if i + 1 < len(lines) else ""
        if not line or not continues_title(title, line, following):
            break
        title = f"{title} {line}"
    number = REGISTER_NUMBER.search(title)
    if number and number.start() > len(title) // 2:  # "... à compter du 1er janvier 2024 N° interne de l'acte : 2023-37"
        title = title[:number.start()]
    return re.sub(r"\s+", " ", title).strip(" –-:")


def object_items(text: str) -> list[ItemSpan]:
    """Minutes whose every item opens with "Objet : title" and no number: one item per object line."""
    objects = list(OBJECT.finditer(text))
    if len(objects) < MIN_AGENDA_MATCHES:
        return []
    ends = [match.start() for match in objects[1:]] + [len(text)]
    return [ItemSpan(None, _object_title(text, match), match.start(), end, None)
            for match, end in zip(objects, ends) if not NOT_ITEMS.match(match.group("title"))]


def register_extracts(text: str) -> list[ItemSpan]:
    """The deliberations of a file that binds several register extracts, one item each (none for one extract)."""
    starts = [match.start() for match in EXTRACT_START.finditer(text)]
    if len(starts) < 2:
        return []
    items = []
    for start, end in zip(starts, [*starts[1:], len(text)]):
        single = single_deliberation(text[start:end])
        if single is None:  # its object unread (a scan's margin run into it): the extract is still an item
            number = REGISTER_NUMBER.search(text, start, min(end, start + 3000))
            items.append(ItemSpan(re.sub(r"\s+", "", number.group("num")) if number else None, None, start, end, None))
            continue
        items.append(ItemSpan(single.number, single.title, start + single.start, end, None))
    return items


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


def agenda_items(text: str, side_spans: list[tuple[int, int]] | None = None) -> list[ItemSpan]:
    """Items headed by the agenda's entries, in the order the body prints them.

    Lines of a side column (`side_spans`: a margin's "Compte rendu du conseil du ...", a page number) are
    neither entries nor headings: a margin printed beside the agenda would otherwise end it.
    """
    agenda = AGENDA.search(text)
    if agenda is None:
        return []
    side = {start for start, _ in side_spans or []}
    entries, body_start = _agenda_entries(text, agenda.end(), side)
    headings: list[tuple[int, int, str]] = []
    cursor = body_start
    for entry in entries:
        found = _heading(text, entry, cursor, side)
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


def vote_closed_items(text: str, side_spans: list[tuple[int, int]] | None = None) -> list[ItemSpan]:
    """After the agenda (or the header's attendance when no agenda is printed), every part of the body that a
    vote closes is an item, headed by its first lines;
    what follows the last vote (questions diverses) stays with the last item, as the last numbered item
    keeps it."""
    side = {start for start, _ in side_spans or []}
    agenda = AGENDA.search(text)
    start = _agenda_entries(text, agenda.end(), side)[1] if agenda else _after_attendance(text)
    spans: list[ItemSpan] = []
    for vote in VOTE_LINE.finditer(text, start):
        if vote.start() < start:  # a line of the vote's paragraph already read
            continue
        heading = _first_lines(text, start, vote.start(), side)
        end = _vote_end(text, vote.end())
        if heading and not NOT_ITEMS.match(heading[1]):
            spans.append(ItemSpan(None, heading[1], heading[0], end, None))
        start = end
    if len(spans) < MIN_AGENDA_MATCHES:
        return []
    spans[-1].end = len(text)
    return spans


def capital_headings(text: str, side_spans: list[tuple[int, int]] | None = None) -> list[ItemSpan]:
    """Items headed by a line or a few in capitals between paragraphs ("VOIRIE : PROGRAMME 2022 ET DEMANDE
    DE SUBVENTION" over a paragraph in small letters), as small communes print them without numbers."""
    return _headed_parts(text, side_spans, _capitals_title,
                         lambda title, line, following: _in_capitals(line, min_letters=3, min_words=1))


def bullet_headings(text: str, side_spans: list[tuple[int, int]] | None = None) -> list[ItemSpan]:
    """Items headed by a line that a bullet opens ("➢ Tarifs de l'eau potable au 1er juillet 2021")."""
    return _headed_parts(text, side_spans, _bullet_title, continues_title)


def _capitals_title(line: str) -> str | None:
    return line.strip() if _in_capitals(line) else None


def _bullet_title(line: str) -> str | None:
    found = BULLET_HEADING.match(line)
    return found.group("title").strip() if found else None


def _headed_parts(text: str, side_spans: list[tuple[int, int]] | None, title_of: Callable[[str], str | None],
                  continues: Callable[[str, str, str], bool]) -> list[ItemSpan]:
    """After the attendance, each heading that opens a paragraph of body text starts an item: a line that
    `title_of` reads as a title, with the lines after it that `continues` says carry it on."""
    side = {start for start, _ in side_spans or []}
    start = _after_attendance(text)
    lines, offset = [], start
    for line in text[start:].split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    headings: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        at, line = lines[i]
        opens = i == 0 or not lines[i - 1][1].strip() or lines[i - 1][1].rstrip().endswith((".", ":"))
        first = title_of(line) if opens and at not in side else None
        if first is None:
            i += 1
            continue
        block = [first]
        while i + len(block) < len(lines) and len(block) < MAX_TITLE_LINES:
            line, following = lines[i + len(block)][1].strip(), _line_after(lines, i + len(block))
            if not line or not continues(" ".join(block), line, following):
                break
            block.append(line)
        title = " ".join(block).strip(" :")
        if _is_body_line(_line_after(lines, i + len(block) - 1)) and not NOT_HEADINGS.search(title):
            headings.append((at, title))
        i += len(block)
    if len(headings) < MIN_AGENDA_MATCHES:
        return []
    return [ItemSpan(None, title, at, headings[n + 1][0] if n + 1 < len(headings) else len(text), None)
            for n, (at, title) in enumerate(headings)]


def _line_after(lines: list[tuple[int, str]], index: int) -> str:
    return lines[index + 1][1] if index + 1 < len(lines) else ""


def _in_capitals(line: str, min_letters: int = 10, min_words: int = 3) -> bool:
    letters = [c for c in line if c.isalpha()]
    words = re.findall(r"[^\W\d_]{2,}", line)
    return (len(letters) >= min_letters and len(words) >= min_words
            and sum(c.isupper() for c in letters) >= 0.9 * len(letters))


def _is_body_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 10 and sum(c.islower() for c in letters) >= 0.6 * len(letters)


def _paragraph_end(text: str, offset: int) -> int:
    blank = text.find("\n\n", offset)
    return len(text) if blank < 0 else blank


def _vote_end(text: str, end: int) -> int:
    """Where a vote's line ends, with the lines that carry it on: its dissenters in brackets ("3 abstentions
    (M. Chabaud, H." / "Espanet)"), a result in lower case under its label ("Vote :" / "à l'unanimité")."""
    while end < len(text):
        following = text[end + 1:].split("\n", 1)[0]
        opened = text[text.rfind("\n", 0, end) + 1:end]
        if not following.strip() or not (following.lstrip()[:1].islower() or opened.count("(") > opened.count(")")):
            return end
        end += 1 + len(following)
    return end


def _after_attendance(text: str) -> int:
    """Where the body begins in minutes without an agenda: after the paragraph of the header's last label
    ("Présents :", "Procurations :", "Secrétaire de séance :")."""
    labels = [match for match in LABELS.finditer(text, 0, HEADER_SPAN)]
    if not labels:
        return 0
    return _paragraph_end(text, labels[-1].end())


def _first_lines(text: str, start: int, stop: int, side: set[int]) -> tuple[int, str] | None:
    """Where the first body line after `start` begins, and the heading it opens: its block up to a blank
    line when that block is short and ends no sentence, else the line alone."""
    block: list[tuple[int, str]] = []
    offset = start
    for line in text[start:stop].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if line_start in side or (not line.strip() and not block):
            continue
        if not line.strip():
            break
        block.append((line_start, line.strip()))
    if not block:
        return None
    if len(block) == 1 and len(block[0][1].split()) == 1 and block[0][0] + len(block[0][1]) + 2 < stop:
        # A section's label ("Délibérations", "Finances") over the first item: the item's heading follows it.
        return _first_lines(text, block[0][0] + len(block[0][1]) + 1, stop, side)
    lines = [line for _, line in block]
    whole = len(lines) <= 3 and not any(line.endswith((".", ":", ";")) for line in lines)
    return block[0][0], re.sub(r"\s+", " ", " ".join(lines if whole else lines[:1])).strip(" :–-")


def _agenda_entries(text: str, start: int, side: set[int]) -> tuple[list[str], int]:
    """The entries listed after "Ordre du jour" (to the first blank line after them), and where they end."""
    entries: list[str] = []
    offset = start
    for line in text[start:start + 4000].split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if line_start in side:
            continue
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


def _heading(text: str, entry: str, start: int, side: set[int]) -> tuple[int, int, str] | None:
    """The first body line at or after `start` (with the lines after it, up to a blank line) that repeats
    the entry."""
    key = _key(entry)
    starts, lines, offset = [], [], start
    for line in text[start:].split("\n"):
        if offset not in side:
            starts.append(offset)
            lines.append(line)
        offset += len(line) + 1
    for i, line_start in enumerate(starts):
        for count in (1, 2, 3):
            if count > 1 and not all(l.strip() for l in lines[i:i + count]):
                break
            candidate = " ".join(l.strip() for l in lines[i:i + count])
            if candidate and _same(key, _key(candidate)):
                last = min(i + count, len(lines)) - 1
                return line_start, starts[last] + len(lines[last]), re.sub(r"\s+", " ", candidate).strip()
        if len(key) >= MIN_SIDE_KEPT and _key(lines[i]).endswith(key):
            # A page's side column printed beside the heading ("REPUBLIQUE FRANCAISE Convention pour ..."):
            # the heading is the entry's words at the line's end.
            return line_start, line_start + len(lines[i]), re.sub(r"\s+", " ", entry).strip()
    return None


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(BULLET.sub("", text)))


def _same(entry: str, line: str) -> bool:
    if len(line) < 0.7 * len(entry) or len(line) > 1.3 * len(entry) + 10:
        return False
    return difflib.SequenceMatcher(None, entry, line, autojunk=False).ratio() >= 0.88
