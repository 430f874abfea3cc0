"""Phrases of the sitting's header kept as data (patterns/header.json), compiled to patterns here.

A phrase is written as it is printed, in lower case, with a few marks:

- words are parted by any white space, a line break included;
- `présent*`: the word with any ending (présent, présents, présentes, absent(s), élu·e·s);
- `pouvoir|procuration`: one of the words; `excusé*?`: a word that may be left out (`?` last);
- `…`: any words up to the next mark on the same or the next line (at most 200 characters), as in
  "absents ayant voté par procuration … :" for "... en application de l'article L 2121-20 du CGCT :";
- `:` a colon, `:?` a colon that may be left out; `,`, `,?` and `.` alike; `^` the start of a line;
- `{name}` a person's name (an optional civility, "le Maire," before it), `{civname}` a name after a
  civility, `{n}` a number in digits, `{date}` a date in words or digits; each is captured.

Accented letters also match their plain form (a scan's "Etaient", a typist's "Secretaire"); case is
ignored. Every pattern built here is linear in time: no mark repeats a group that can overlap the next.
"""
from __future__ import annotations

import functools
import json
import re
from importlib import resources

from delibsearch.extract import dates

ACCENTS = {"é": "[ée]", "è": "[èe]", "ê": "[êe]", "à": "[àa]", "â": "[âa]", "ô": "[ôo]", "î": "[îi]",
           "û": "[ûu]", "ù": "[ùu]", "ç": "[çc]", "ë": "[ëe]", "ï": "[ïi]", "'": "[’']", "’": "[’']"}
CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Madame|Monsieur|Mlle|Mademoiselle|Messieurs|Mesdames)"
TITLE = r"(?:(?:le|la)\s+(?:Maire|Pr[ée]sident\w*|Vice-Pr[ée]sident\w*|Doyen\w*)(?:\s+d[’']\s*[âa]ge)?\s*,?\s*)"
NAME_BODY = r"(?-i:(?:[A-ZÀ-Þ]\.\s?)?[A-ZÀ-Þ])[^,.;:()\n]{1,58}?(?:\n[^,.;:()\n]{1,40}?)??"
PARTICLES = r"(?:de|du|des|la|le|van|von|da|di|el|ben|dos|del|d[’'])"
# A name ends before punctuation, a blank line, a spaced dash, a title, or a lower-case word that is no particle.
NAME_END = (rf"(?=\s*(?:[,.;:()]|\n\n|$)|\s+[-–]\s|\s+(?:Maire|Président\w*|Conseill\w*|Adjoint\w*)\b"
            rf"|(?-i:\s+(?!{PARTICLES}\b)[a-zà-ÿ]))")
NAME = rf"(?P<name>(?:{CIVILITY}\s+)?{TITLE}?{NAME_BODY}){NAME_END}"
CIVNAME = rf"(?P<name>{CIVILITY}\s+{TITLE}?{NAME_BODY}){NAME_END}"
NUMBER = r"(?P<n>\d{1,3})"
DATE = rf"(?P<date>(?:{dates.DAY_RE})\s*(?:{dates.MONTH_RE})(?:\s+\d{{4}})?|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})"
STAR = r"\w*(?:(?:\(\w{1,3}\)|·\w{1,3})\w*){0,3}"  # any ending: "présents", "absent(e)(s)", "élu·e·s"
TAIL = r"[^:\n]{0,200}?(?:\n[^:\n]{0,200}?)?"


def _word(token: str) -> str:
    optional = token.endswith("?") and len(token) > 1
    token = token[:-1] if optional else token
    alternatives = []
    for word in token.split("|"):
        star = word.endswith("*")
        word = word.rstrip("*")
        body = "".join(ACCENTS.get(c, re.escape(c)) for c in word)
        alternatives.append(body + (STAR if star else r"(?![\w])"))
    part = "(?:" + "|".join(alternatives) + ")"
    return f"(?:\\s+{part})?" if optional else f"\\s+{part}"


def compile_phrase(phrase: str) -> str:
    """The pattern of one phrase (without anchors)."""
    parts = []
    for token in phrase.split():
        if token == "…":
            parts.append(TAIL)
        elif token == "^":
            parts.append(r"(?:^|(?<=\n))")
        elif token in (":", ":?", ",", ",?", "."):
            parts.append(r"\s*" + re.escape(token[0]) + ("?" if token.endswith("?") else ""))
        elif token == "{name}":
            parts.append(r"\s*" + NAME)
        elif token == "{civname}":
            parts.append(r"\s*" + CIVNAME)
        elif token == "{n}":
            parts.append(r"\s*" + NUMBER)
        elif token == "{date}":
            parts.append(r"\s*" + DATE)
        else:
            parts.append(_word(token))
    parts = [part[3:] if i and parts[i - 1] == r"(?:^|(?<=\n))" and part.startswith(r"\s+") else part
             for i, part in enumerate(parts)]
    pattern = "".join(parts)
    return pattern[3:] if pattern.startswith(r"\s+") else pattern.removeprefix(r"\s*")


def alternatives(phrases: list[str]) -> str:
    """One group matching any of the phrases, the longest first."""
    return "(?:" + "|".join(compile_phrase(p) for p in sorted(phrases, key=len, reverse=True)) + ")"


@functools.lru_cache(maxsize=1)
def header_phrases() -> dict:
    """The phrases of patterns/header.json."""
    text = resources.files("delibsearch.extract").joinpath("patterns/header.json").read_text(encoding="utf-8")
    return json.loads(text)


def patterns(key: str, flags: int = re.I) -> list[re.Pattern[str]]:
    """Each phrase listed under `key` as its own pattern, in the file's order (the first that matches wins)."""
    return [re.compile(compile_phrase(p), flags) for p in header_phrases()[key]]
