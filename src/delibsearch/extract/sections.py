"""Headings inside an item's text: numbered titles, upper-case titles, lead-in lines."""
from __future__ import annotations

import re

from delibsearch.model import Section
from delibsearch.parse.text import PagedText

NUMBERED = re.compile(r"^(?P<num>\d{1,2}|[IVX]{1,4}|[A-H])\s?[-–.)]\s*(?P<title>[A-ZÀ-Þ«].{2,160})$")
BULLET = re.compile(r"^[-–•▪o*]\s")
TERMINAL = (".", ";", "!", "?", ":", "»")


def find_sections(doc: PagedText, start: int, end: int) -> list[Section]:
    """Sections of doc.text[start:end], each running to the next heading."""
    lines = _lines(doc.text, start, end)
    marks: list[tuple[int, int, str, int]] = []  # (start, end, heading, level)
    for i, (offset, line) in enumerate(lines):
        if i == 0:
            continue
        level = _heading_level(line, lines[i - 1][1], lines[i + 1][1] if i + 1 < len(lines) else "")
        if level:
            marks.append((offset, offset + len(line), line.strip(), level))
    sections = []
    for k, (h_start, h_end, heading, level) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else end
        body = doc.text[h_end:stop].strip()
        sections.append(Section(heading=heading, level=level, page=doc.page_at(h_start), text=body))
    return sections


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    out = []
    offset = start
    for line in text[start:end].split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _heading_level(line: str, previous: str, following: str) -> int:
    line, previous, following = line.strip(), previous.strip(), following.strip()
    if not line or len(line) > 170 or BULLET.match(line):
        return 0
    after_break = not previous or previous.endswith(TERMINAL)
    match = NUMBERED.match(line)
    if match and after_break:
        return 1 if _upper_share(match.group("title")) > 0.8 else 2
    if _upper_share(line) > 0.85 and sum(c.isalpha() for c in line) >= 10 and after_break:
        return 1
    if line.endswith(":") and len(line) < 120 and line[0].isupper() and after_break:
        return 2
    short_title = len(line) < 100 and not line.endswith(TERMINAL + (",",)) and line[0].isupper()
    if short_title and after_break and following[:1].isupper() and not re.search(r"\d[\d ,.]*$", line):
        return 2
    return 0


def _upper_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
