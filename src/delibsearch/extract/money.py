"""Amounts of money as printed: "129 000 euros", "52 273,20 € TTC", "1,5 M€", "3 K€", "400.000 € HT"."""
from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"\d{1,3}(?:(?:[ \u00a0\u202f]{1,2}|\.)\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
UNIT = (r"(?P<unit>M€|K€|k€|m€|€|euros?\b|EUR\b|EUROS?\b|(?P<scale_word>millions?|milliards?|milliers?)\s+d['’]euros)")
AMOUNT = re.compile(rf"(?<![\w,.])(?P<number>{NUMBER})\s?{UNIT}(?:\s*(?P<tax>HT|TTC|H\.T\.|T\.T\.C\.)(?!\w))?")
SCALES = {"M€": 1e6, "m€": 1e6, "K€": 1e3, "k€": 1e3, "million": 1e6, "milliard": 1e9, "millier": 1e3}


@dataclass
class Amount:
    start: int
    end: int
    value: float
    tax: str | None


def parse_number(text: str) -> float | None:
    """"129 000" -> 129000.0, "52 273,20" -> 52273.2, "400.000" -> 400000.0, "400 000.00" -> 400000.0."""
    text = re.sub(r"[ \u00a0\u202f]", "", text)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif "." in text and len(text.rsplit(".", 1)[1]) == 3:
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None


def find_amounts(text: str) -> list[Amount]:
    found = []
    for match in AMOUNT.finditer(text):
        value = parse_number(match.group("number"))
        if value is None:
            continue
        unit = match.group("unit")
        scale_word = (match.group("scale_word") or "").rstrip("s")
        value *= SCALES.get(unit, SCALES.get(scale_word, 1.0))
        tax = match.group("tax").replace(".", "") if match.group("tax") else None
        found.append(Amount(match.start(), match.end(), value, tax))
    return found


def parse_amount_cell(text: str) -> float | None:
    """A cost cell without its unit ("3 600", "14 600") as a number, when the cell holds just one number."""
    match = re.fullmatch(rf"\s*({NUMBER})\s*(?:€|euros?)?\s*(?:HT|TTC)?\s*", text)
    return parse_number(match.group(1)) if match else None


def format_euros(value: float, space: str = " ", before_unit: str = " ") -> str:
    """12345.5 -> "12 345,50 €", 1400.0 -> "1 400 €" (French digits; the caller picks the spaces)."""
    text = f"{value:,.2f}".replace(",", space).replace(".", ",")
    return (text[:-3] if text.endswith(",00") else text) + before_unit + "€"
