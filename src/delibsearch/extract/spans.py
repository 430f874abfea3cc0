"""Span boundary repair: where a name found by a pattern or the model stops.

The model and the head-word patterns sometimes run past a name into the next words of a list or a
sentence: "conseil départemental Madame le Maire", "Relations Publiques : Titulaire",
"Festival international du Court-métrage – La", "Ker-Netra 5". The name stops before a civility or a
list label ("Rapporteur"), a colon, a dash between spaces, a guillemet, a numbered heading ("Lot n° 2"),
"et" before a name in capitals, and (for places) a trailing number.
"""
from __future__ import annotations

import re

STOPS = re.compile(r"\s(?:M\.|Mme|Mmes|Madame|Monsieur|Messieurs|Mesdames|Rapporteur|Rapporteuse|Objet|Vote)(?=\s|$)"
                   r"|\s*[:«»]|\s[–—-]\s"
                   r"|\s(?=[A-ZÀ-Þ][\w'’-]*\s+n\s?[°º]\s*\d)"  # "GROUPAMA PVL / Lot n° 2": a numbered heading follows
                   r"|\set(?=\s+[A-ZÀ-Þ]{2,}\b)")  # "le Centre de Gestion de l'Oise et TERRITORIA": a second name
TRAILING_NUMBER = re.compile(r"\s+\d+$")
LINK_WORDS = r"(?:pour|en|et|de|du|des|à|au|aux|le|la|les|sur|par|avec|d[’']|l[’'])"
TRAILING_LINK = re.compile(rf"[\s,;:–-]{LINK_WORDS}$", re.I)
TAIL_MARKS = " \t\r\n,;:.–-"


def repaired_end(text: str, start: int, end: int, kind: str) -> int:
    """The end of the name that begins at `start`, cut before the first stop inside the span."""
    stop = STOPS.search(text, start + 1, end + 30)  # a stop may look past the span ("Lot" of "Lot n° 2")
    if stop and stop.start() < end:
        end = stop.start()
    if kind == "place":
        number = TRAILING_NUMBER.search(text, start, end)
        if number:
            end = number.start()
    return len(text[:end].rstrip(" ,;.–-")) if end > start else start


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without leading articles or trailing link words ("Coopérative de Mai en" -> "Coopérative de Mai").

    The tail is stripped by a loop of anchored looks at the span's last characters, never by one pattern
    with nested repetitions: text read from a PDF may hold any run of dashes, commas and spaces.
    """
    span = text[start:end]
    lead = re.match(r"(?:(?:l[’']|la |le |les |du |de la |des |une? )\s*)*", span, flags=re.I).end()
    keep = len(span)
    while keep > lead:
        stripped = len(span[lead:keep].rstrip(TAIL_MARKS)) + lead
        link = TRAILING_LINK.search(span[max(lead, stripped - 8):stripped])
        if link is None:
            keep = stripped
            break
        keep = max(lead, stripped - 8) + link.start()
    return start + lead, start + max(keep, lead)


def tidy(text: str) -> str:
    """A name as a value: spaces joined, no surrounding punctuation, leading article or trailing link word."""
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()«»\"")
    text = re.sub(r"(?:\s+(?:pour|en|et|de|du|des|à|au|le|la|les|sur|par))+$", "", text)
    return re.sub(r"^(?:l[’']|la |le |les |du |de la |des )", "", text, flags=re.I)
