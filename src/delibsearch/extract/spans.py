"""Span boundary repair: where a name found by a pattern or the model stops.

The model and the head-word patterns sometimes run past a name into the next words of a list or a
sentence: "conseil départemental Madame le Maire", "Relations Publiques : Titulaire",
"Festival international du Court-métrage – La", "Ker-Netra 5". The name stops before a civility or a
list label ("Rapporteur"), a colon, a dash between spaces, a guillemet, and (for places) a trailing number.
"""
from __future__ import annotations

import re

STOPS = re.compile(r"\s(?:M\.|Mme|Mmes|Madame|Monsieur|Messieurs|Mesdames|Rapporteur|Rapporteuse|Objet|Vote)(?=\s|$)"
                   r"|\s*[:«»]|\s[–—-]\s")
TRAILING_NUMBER = re.compile(r"\s+\d+$")


def repaired_end(text: str, start: int, end: int, kind: str) -> int:
    """The end of the name that begins at `start`, cut before the first stop inside the span."""
    stop = STOPS.search(text, start + 1, end)
    if stop:
        end = stop.start()
    if kind == "place":
        number = TRAILING_NUMBER.search(text, start, end)
        if number:
            end = number.start()
    return len(text[:end].rstrip(" ,;.–-")) if end > start else start
