"""French dates and times as printed in council minutes, in digits or in words."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from delibsearch.extract.misreads import plausible_year

MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
UNITS = {
    "zero": 0, "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
    "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
}
MONTH_RE = r"(?:janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"
NUMBER_WORD_RE = r"(?:(?:z[ée]ro|une?|premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|mil|et)[\s-]*)+"
DAY_RE = rf"(?:\d{{1,2}}(?:er|ER)?|{NUMBER_WORD_RE})"
FULL_DATE = re.compile(rf"\b(?P<day>{DAY_RE})\s*(?:du\s+mois\s+d[e']\s*)?(?P<month>{MONTH_RE})\s+(?P<year>\d{{4}})\b", re.I)
DAY_MONTH = re.compile(rf"\b(?P<day>{DAY_RE})\s*(?:du\s+mois\s+d[e']\s*)?(?P<month>{MONTH_RE})(?!\w)(?:\s+(?P<year>\d{{4}}))?", re.I)
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b")
TIME_DIGITS = re.compile(r"\b(?P<h>[01]?\d|2[0-3])\s*(?:h|H|heures?|:)\s*(?P<m>[0-5]\d)?(?!\d)")
TIME_WORDS = re.compile(rf"\b(?P<h>{NUMBER_WORD_RE})\s*heures?(?:\s+(?P<m>{NUMBER_WORD_RE}))?(?!\w)", re.I)


def fold(text: str) -> str:
    """Lower-case without accents, for comparisons."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_to_int(text: str) -> int | None:
    """"deux mille vingt-quatre" -> 2024, "dix-neuf" -> 19, "quatre-vingt-dix" -> 90; None if not a number."""
    words = [w for w in re.split(r"[\s-]+", fold(text)) if w and w != "et"]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in ("mille", "mil"):
            total += max(current, 1) * 1000
            current = 0
        elif word in ("cent", "cents"):
            current = max(current, 1) * 100
        elif word in ("vingt", "vingts") and current % 100 == 4:
            current = current - 4 + 80
        elif word in UNITS:
            current += UNITS[word]
        else:
            return None
    return total + current


def _day(text: str) -> int | None:
    text = re.sub(r"(?i)er$", "", text.strip())
    return int(text) if text.isdigit() else words_to_int(text)


def month_number(text: str) -> int | None:
    key = fold(text).rstrip(".")
    for name, number in MONTHS.items():
        if name.startswith(key[:3]) and (key in name or name in key):
            return number
    return None


def make_date(year: int | None, month: int | None, day: int | None) -> str | None:
    if not (year and month and day):
        return None
    try:
        return date(plausible_year(year), month, day).isoformat()
    except ValueError:
        return None


def date_from_parts(day: str, month: str, year: int | None) -> str | None:
    """ISO date from printed parts: day "1er" or "vingt-cinq", month "mars" or "03", year 2024 or 24."""
    if year is not None and year < 100:
        year += 2000
    month_no = int(month) if month.isdigit() else month_number(month)
    return make_date(year, month_no, _day(day))


def parse_full_date(match: re.Match[str], default_year: int | None = None) -> str | None:
    year_text = match.groupdict().get("year")
    year = int(year_text) if year_text else default_year
    return date_from_parts(match.group("day"), match.group("month"), year)


def first_date(text: str) -> str | None:
    """The first complete date in the text, in words or digits."""
    found = [(m.start(), parse_full_date(m)) for m in FULL_DATE.finditer(text)]
    found += [(m.start(), parse_full_date(m)) for m in NUMERIC_DATE.finditer(text)]
    found = [f for f in sorted(found) if f[1]]
    return found[0][1] if found else None


def parse_time(text: str) -> str | None:
    """"19h00", "16 H 00", "18:30", "dix-neuf heures trente" -> "HH:MM"."""
    digits = TIME_DIGITS.search(text)
    words = TIME_WORDS.search(text)
    if digits and (not words or digits.start() < words.start()):
        return f"{int(digits.group('h')):02d}:{int(digits.group('m') or 0):02d}"
    if words:
        hour = words_to_int(words.group("h"))
        minute = words_to_int(words.group("m")) if words.group("m") else 0
        if hour is not None and hour < 24 and minute is not None and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    return None


def days_between(first: str, second: str) -> int:
    """Days from one ISO date to another."""
    return (date.fromisoformat(second) - date.fromisoformat(first)).days
