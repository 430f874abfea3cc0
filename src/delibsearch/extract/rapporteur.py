"""Who presents an item, in the ways minutes print it.

In order: a "Rapporteur : X" line; a name printed beside the heading in a side column (a summary's
rapporteur column); a name alone on a line under the heading, before a colon ("Serge FLEURENCE :");
"X rapporte :"; the one the president gives the floor to ("passe la parole à M.
RIBEIRO"); the subject of the sentence that opens the item ("Madame le Maire expose", "Monsieur
Dutilloy, conseiller municipal délégué, informe", "Yves présente le budget"); in verbatim minutes, the
first member who speaks ("M. SAUREL : ..."). A title ("Madame le Maire") stands for the sitting's
president. A name is kept only when the sitting's roster knows it or a civility introduces it.
The words are data (patterns/items.json).
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from delibsearch.extract.names import Roster, clean_name

CIVILITY = r"(?:M\.|MM\.|Mme|Mlle|Madame|Monsieur|Mademoiselle)"
PERSON = r"(?-i:[A-ZÀ-Þ][\w'’.-]*(?:[ \t]+(?:de|du|des|le|la|van|von|da|di|el|ben|d[’'])?[ \t]*[A-ZÀ-Þ][\w'’.-]*){0,3})"
RAPPORTEUR_LINE = re.compile(r"Rapporteure?s?\s*:\s*(?P<who>[^\n]{3,80})", re.I)
# A name alone on its line before a colon, under the heading: the rapporteur's label ("Serge FLEURENCE :").
LABEL_LINE = re.compile(rf"^[ \t]*(?P<who>(?:{CIVILITY}\s+)?{PERSON})[ \t]*:[ \t]*$", re.M)
GIVEN_SURNAME = re.compile(r"^(?:[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ][a-zà-ÿ'’]+)?\s+)+(?:[A-ZÀ-Þ][A-ZÀ-Þ'’-]+\s*)+$")
LABEL_SPAN = 600
OPENING_SPAN = 1200
SPEECH_SPAN = 2500


@functools.lru_cache(maxsize=1)
def _words() -> dict:
    text = resources.files("delibsearch.extract").joinpath("patterns/items.json").read_text(encoding="utf-8")
    return json.loads(text)


def _any(phrases: list[str]) -> str:
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    words = _words()
    heads, verbs, floor = _any(words["heads"]), _any(words["presenting"]), _any(words["giving_the_floor"])
    who = rf"(?P<who>{heads}|{CIVILITY}\s+{PERSON}|{PERSON})"
    return {
        "reports": re.compile(rf"^\s*{who}\s*(?:,[^\n,]{{0,80}})?,?\s+rapporte\s*:", re.I | re.M),
        "floor": re.compile(rf"{floor}\s+(?P<who>{CIVILITY}\s+{PERSON}|{PERSON})", re.I),
        "opening": re.compile(rf"(?:^|(?<=[.!?:,]\s)|(?<=\n))\s*(?:(?:Puis|Ensuite|Enfin|Alors)\s*,?\s*)?{who}"
                              rf"(?:\s*,[^,]{{1,80}},)?\s+{verbs}\b", re.I),
        "speaker": re.compile(rf"(?:^|(?<=\n))\s*(?P<who>{heads}|{CIVILITY}\s+{PERSON})\s*:", re.I),
        "head": re.compile(rf"^\s*{heads}\s*$", re.I),
    }


def find_rapporteur(body: str, side_cell: str | None, roster: Roster, president: str | None) -> str | None:
    """The item's rapporteur as a full name when the roster knows it; None when nothing says who."""
    line = RAPPORTEUR_LINE.search(body[:1500])
    if line:
        return _person(line.group("who").strip(), roster, president, strict=False)
    if side_cell:
        found = _person(side_cell, roster, president, strict=False)
        if found:
            return found
    label = LABEL_LINE.search(body[:LABEL_SPAN])
    if label:
        found = _person(label.group("who"), roster, president, strict=not GIVEN_SURNAME.match(label.group("who")))
        if found:
            return found
    pattern = _patterns()
    opening = body[:OPENING_SPAN]
    for key in ("reports", "floor", "opening"):
        for match in pattern[key].finditer(opening):
            found = _person(match.group("who"), roster, president, strict=True)
            if found:
                return found
    return _first_speaker(body[:SPEECH_SPAN], roster, president)


def _first_speaker(text: str, roster: Roster, president: str | None) -> str | None:
    """The first member who speaks; the president's title only when nobody else speaks."""
    titled = None
    for match in _patterns()["speaker"].finditer(text):
        who = match.group("who")
        if _patterns()["head"].match(who):
            titled = titled or president
            continue
        found = _person(who, roster, president, strict=True)
        if found:
            return found
    return titled


def _person(raw: str, roster: Roster, president: str | None, strict: bool) -> str | None:
    """A title stands for the president; a name is resolved against the roster (strict: or has a civility)."""
    raw = re.sub(r"\s+", " ", raw).strip(" ,.;:")
    if _patterns()["head"].match(raw) or re.match(rf"^(?:{CIVILITY}\s+)?(?:le|la)\s+(?:maire|présidente?)\b", raw, re.I):
        return president
    # "M. Marc GIROD, Vice-président chargé des finances", "Hervé LE GOFF, Président": the name before the role.
    name = raw.split(",")[0].strip()
    resolved = roster.resolve(name) or roster.resolve(raw)
    if resolved:
        return resolved
    has_civility = bool(re.match(CIVILITY + r"\s", raw))
    if strict and not has_civility:
        return None
    return clean_name(name) or clean_name(raw)
