"""Digits an OCR misreads, put back where the document itself shows the reading is impossible.

Office documents typed in a font whose zero is slashed or dotted (Consolas, most monospaced fonts) come
back from Tesseract with that zero read as 8, 9 or 6: "2017" as "2817", item "10." as "16.", "10 voix" as
"16 voix". A digit is only put back when the number as read cannot be right (a year beyond 2099, a number
that breaks a run of item numbers, a tally larger than the voters) and exactly one zero reading fits.
"""
from __future__ import annotations

from collections.abc import Callable

ZERO_LOOKALIKES = "689"


def zero_readings(number: str) -> list[str]:
    """Every reading of a number with some of its 6, 8 or 9 taken as a 0, the printed one excluded."""
    readings = [""]
    for digit in number:
        options = [digit, "0"] if digit in ZERO_LOOKALIKES else [digit]
        readings = [r + o for r in readings for o in options]
    return [r for r in readings if r != number]


def repair(number: str, fits: Callable[[int], bool]) -> int | None:
    """The zero reading of `number` that `fits` with the fewest digits changed, or None when none does or
    several tie ("2818" is 2018 rather than 2010)."""
    fitting = [r for r in zero_readings(number) if not r.startswith("0") and fits(int(r))]
    if not fitting:
        return None
    fewest = min(_changes(number, r) for r in fitting)
    best = {int(r) for r in fitting if _changes(number, r) == fewest}
    return best.pop() if len(best) == 1 else None


def _changes(printed: str, reading: str) -> int:
    return sum(a != b for a, b in zip(printed, reading))


def plausible_year(year: int) -> int:
    """A year as printed, or its zero reading when the printed one is beyond 2099 ("2817" -> 2017).

    A repaired year stays under 2050: minutes print plans for 2050, not for 2081."""
    if year <= 2099:
        return year
    return repair(str(year), lambda y: 1900 <= y < 2050) or year
