"""Date mentions in running text: days, months, intervals, with ISO values.

"27 au 30 janvier 2020" -> "2020-01-27/2020-01-30"; "mars 2021" -> "2021-03";
"le 3 décembre" takes the sitting's year; "les 13 et 20 juin 2021" is two dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from delibsearch.extract.dates import DAY_RE, MONTH_RE, date_from_parts, month_number

YEAR = r"(?:19|20)\d{2}"
DAY = rf"(?:{DAY_RE})"
INTERVAL = re.compile(
    rf"\b(?P<d1>\d{{1,2}}(?:er)?)(?:\s+(?P<m1>{MONTH_RE}))?(?:\s+(?P<y1>{YEAR}))?\s*(?:au|-|–)\s*"
    rf"(?P<d2>\d{{1,2}}(?:er)?)\s+(?P<m2>{MONTH_RE})(?:\s+(?P<y2>{YEAR}))?(?!\w)",
    re.I,
)
PAIR = re.compile(rf"\b(?P<d1>\d{{1,2}}(?:er)?)\s+et\s+(?P<d2>\d{{1,2}}(?:er)?)\s+(?P<m>{MONTH_RE})(?:\s+(?P<y>{YEAR}))?(?!\w)", re.I)
DAY_MONTH = re.compile(rf"\b(?P<d>{DAY})\s*(?P<m>{MONTH_RE})(?:\s+(?P<y>{YEAR}))?(?!\w)", re.I)
NUMERIC = re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>(?:19|20)\d{2})\b")
MONTH_YEAR = re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<y>{YEAR})\b", re.I)


@dataclass
class DateSpan:
    start: int
    end: int
    value: str


def find_dates(text: str, default_year: int | None) -> list[DateSpan]:
    """Every date mention, longest first where they overlap."""
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: str | None) -> None:
        if value and not any(s < end and start < e for s, e in taken):
            found.append(DateSpan(start, end, value))
            taken.append((start, end))

    for match in INTERVAL.finditer(text):
        add(match.start(), match.end(), _interval(match, default_year))
    for match in PAIR.finditer(text):
        year = int(match.group("y")) if match.group("y") else default_year
        first = date_from_parts(match.group("d1"), match.group("m"), year)
        second = date_from_parts(match.group("d2"), match.group("m"), year)
        if first and second and not any(s < match.end() and match.start() < e for s, e in taken):
            found += [DateSpan(match.start(), match.end(), first), DateSpan(match.start(), match.end(), second)]
            taken.append((match.start(), match.end()))
    for match in NUMERIC.finditer(text):
        add(match.start(), match.end(), date_from_parts(match.group("d"), match.group("m"), int(match.group("y"))))
    for match in DAY_MONTH.finditer(text):
        year = int(match.group("y")) if match.group("y") else default_year
        add(match.start(), match.end(), date_from_parts(match.group("d").strip(), match.group("m"), year))
    for match in MONTH_YEAR.finditer(text):
        month = month_number(match.group("m"))
        add(match.start(), match.end(), f"{match.group('y')}-{month:02d}" if month else None)
    return sorted(found, key=lambda d: d.start)


def _interval(match: re.Match[str], default_year: int | None) -> str | None:
    year2 = int(match.group("y2")) if match.group("y2") else default_year
    year1 = int(match.group("y1")) if match.group("y1") else year2
    month1 = match.group("m1") or match.group("m2")
    start = date_from_parts(match.group("d1"), month1, year1)
    end = date_from_parts(match.group("d2"), match.group("m2"), year2)
    return f"{start}/{end}" if start and end and start <= end else None
