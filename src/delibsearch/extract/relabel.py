"""Organisations told by their neighbours rather than their shape.

- In an enumeration ("5 partenaires (UCA, Comédie, Maison des Jeux, ...)", "Mouvement Européen Auvergne,
  Società Dante Alighieri, Pachamama ou encore ..."), a capitalised name between two organisations, or
  after one, is an organisation too.
- A name first seen after a legal form or a company word ("GIP Resacoop", "l'entreprise Deloitte") is the
  same organisation when printed alone elsewhere ("Deloitte souhaite ...", "le Resacoop").
"""
from __future__ import annotations

import re

NAME = r"[A-ZÀ-Þ][\w’'&-]*(?:\s(?:de|des|du|d[’']|la|le|les)?\s?[A-ZÀ-Þ][\w’'&-]*){0,3}"
SEPARATOR = r"\s*(?:,|\bet\b|\bou encore\b|\bou\b)\s*"
AFTER = re.compile(rf"^{SEPARATOR}({NAME})(?=\s*(?:,|\)|\bet\b|\bou\b|\.|;|$))")
BEFORE = re.compile(rf"(?:^|[(,:]\s*|\bet\s)({NAME}){SEPARATOR}$")
LEGAL_TAIL = re.compile(r"^(?:GIP|GIE|SAS|SASU|SARL|EURL|SCI|SCOP|SA|entreprise|société)\s+([A-ZÀ-Þ][\w’'-]+)$", re.I)


def list_neighbours(text: str, organisations: list[tuple[int, int]], taken: list[tuple[int, int]],
                    is_place) -> list[tuple[int, int]]:
    """Spans of untagged names listed right beside an organisation."""
    found = []
    for start, end in organisations:
        after = AFTER.match(text[end:end + 80])
        if after:
            found.append((end + after.start(1), end + after.end(1)))
        before = BEFORE.search(text[max(0, start - 80):start])
        if before:
            offset = max(0, start - 80)
            found.append((offset + before.start(1), offset + before.end(1)))
    fresh = []
    for start, end in found:
        name = text[start:end]
        if any(s < end and start < e for s, e in taken + fresh) or is_place(name):
            continue
        if re.match(r"(?:Ville|Commune|Mairie|M|Mme|Madame|Monsieur|Le|La|Les|Un|Une)\b", name):
            continue
        fresh.append((start, end))
    return fresh


def names_again(text: str, organisations: list[str], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Other occurrences of the name that followed a legal form or company word."""
    fresh = []
    for organisation in organisations:
        tail = LEGAL_TAIL.match(organisation)
        if not tail or len(tail.group(1)) < 4:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(tail.group(1))}(?![\w-])", text):
            span = match.span()
            if not any(s < span[1] and span[0] < e for s, e in taken + fresh):
                fresh.append(span)
    return fresh
