"""A secret ballot's figures: voters, blank and spoilt papers, votes cast, and each candidate's votes.

Elections are printed as a tally of papers rather than as for and against: "Nombre de votants : 29 /
Bulletins blancs : 2 / Bulletins nuls : 1 / Suffrages exprimés : 26 / Mme X : 19 voix", or in one line
"60 bulletins de vote dont 3 blancs". "Blancs ou nuls : 2" counts both together, so neither is known.
"""
from __future__ import annotations

import re

from delibsearch.extract.names import clean_name
from delibsearch.model import Ballot

LEADER = r"[^\S\n]*[:.…]*[^\S\n]*"  # "Suffrages exprimés ....... 26"
COUNT = r"(\d{1,4})\b"
FIGURES = {
    "voters": [rf"nombre\s+de\s+(?:votants|bulletins)(?:\s+(?:trouvés\s+)?dans\s+l[’']urne)?{LEADER}{COUNT}",
               rf"\b{COUNT}\s+bulletins(?:\s+de\s+vote)?\b(?!\s+(?:blancs|nuls))"],
    "blank": [rf"bulletins?\s+blancs?(?!\s+ou)\b{LEADER}{COUNT}", rf"dont\s+{COUNT}\s+(?:bulletins?\s+)?blancs?\b(?!\s+ou)",
              rf"^[^\S\n]*blancs?{LEADER}{COUNT}"],
    "spoilt": [rf"bulletins?\s+nuls?\b{LEADER}{COUNT}", rf"^[^\S\n]*nuls?{LEADER}{COUNT}"],
    "expressed": [rf"suffrages\s+exprimés{LEADER}{COUNT}"],
}
CUE = re.compile(r"\bbulletins?\b|suffrages\s+exprimés|scrutin\s+secret", re.I)
RESULT = re.compile(r"^[^\S\n]*(?P<who>(?:Liste|M\.|Mme|Madame|Monsieur)\s[^\n:]{1,80}?|[^\n:]{2,60}?(?=[^\S\n]*:?[^\S\n]*\d{1,4}\s+voix))"
                    r"[^\S\n]*:?[^\S\n]*(?P<count>\d{1,4})(?:\s+voix)?[^\S\n]*\.?$", re.M)
ELECTED = re.compile(r"\b(?:élue?s?|proclamée?s?|installée?s?\s+dans\s+ses\s+fonctions)\b", re.I)


def read_ballot(text: str) -> Ballot | None:
    """The ballot printed in an item's text, or None when the item holds no secret ballot."""
    if not CUE.search(text):
        return None
    ballot = Ballot(**{name: _figure(patterns, text) for name, patterns in FIGURES.items()})
    if ballot.voters is None and ballot.expressed is None:
        return None
    ballot.results = [(_candidate(m.group("who")), int(m.group("count"))) for m in RESULT.finditer(text)
                      if not re.match(r"(?i)\s*(?:nombre|bulletins?|suffrages|majorité|blancs?|nuls?)\b", m.group("who"))]
    return ballot


def elected(text: str) -> bool:
    return ELECTED.search(text) is not None


def _figure(patterns: list[str], text: str) -> int | None:
    for pattern in patterns:
        found = re.search(pattern, text, re.I | re.M)
        if found:
            return int(found.group(1))
    return None


def _candidate(raw: str) -> str:
    raw = re.sub(r"\s+", " ", raw).strip(" :.-–")
    return clean_name(raw) or raw
