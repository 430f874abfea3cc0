"""Shapes of places in a text: gazetteer names, codes in brackets, towns after a postcode, and the
contexts where a place's name names something else (a person, a body, an event, a title)."""
from __future__ import annotations

import re

import pycountry

from delibsearch.extract.gazetteer import Place, gazetteer

NAME_WORD = r"[A-ZÀ-Þ][\w'’-]*"
EVENT_BEFORE = re.compile(r"\b(?:journées?|mois|semaine|nuit|fête|festival|forum|salon|assises|carnaval)\s+"
                          r"(?:de\s+l[’']|de\s+la\s|du\s|des\s|d[’'])\s*$", re.I)
PLACE_IN_BRACKETS = re.compile(r"\s*\((?:[A-Z]{2}\)|[A-ZÀ-Þ][a-zà-ÿ]+)")  # "Pirot (RS)", "Braga (Portugal)"
COUNTRY_CODE = re.compile(r"\(([A-Z]{2,3}(?:-[A-Z]{2,3})?)(?=\)|-[A-ZÀ-Þ][a-zà-ÿ])")
LOCATIVE = re.compile(r"(?:\b(?:à|en|au|aux|de|d[’']|vers|depuis|pour|et|,)|\()\s*$")
POSTCODE_TOWN = re.compile(r"\b\d{5}\s+(?P<town>[A-ZÀ-Þ][A-ZÀ-Þa-zà-ÿ’'-]+(?:[ -](?:[Ss]ur|[Ll]es?|[Ll]a|[A-ZÀ-Þ][\wÀ-ÿ’'-]+)){0,3})")


def known_place(text: str) -> Place | None:
    place = gazetteer().lookup(text)
    if place is None and text.isupper():
        place = gazetteer().lookup(text.title())
    return place


def names_something_else(text: str, start: int, end: int, place: Place) -> bool:
    """The place's name is part of another name: a person, a body, an event, a title, a programme."""
    after = text[end:end + 30]
    if place.kind == "city" and re.match(rf"\s+{NAME_WORD}", after):
        return True  # "David Miller", "Clermont Auvergne Métropole"
    if re.match(r"\s+(?:[A-ZÀ-Þ]{2,}\b|(?:19|20)\d\d\b)", after):
        return True  # "EUROPE DIRECT", "Clermont 2028", « Lannion 2030 »
    if EVENT_BEFORE.search(text[max(0, start - 30):start]):
        return True  # "Journées de l'Afrique", "Mois de l'Europe"
    return in_title(text, start) or after_name_word(text, start)  # « Europe express », "Kiosques Europe"


def in_title(text: str, start: int) -> bool:
    """Inside a short title in guillemets."""
    opening = text.rfind("«", max(0, start - 60), start)
    return opening >= 0 and "»" not in text[opening:start] and "»" in text[start:start + 60]


def after_name_word(text: str, start: int) -> bool:
    """Right after a capitalised word that is not a place and does not open a sentence."""
    match = re.search(r"(?:^|(?<=[^.!?:;•–\s]))(\s*)\b([A-ZÀ-Þ][a-zà-ÿ]+)\s$", text[max(0, start - 40):start])
    if not match or not text[:max(0, start - 40) + match.start(2)].rstrip()[-1:].isalpha():
        return False
    return known_place(match.group(2)) is None


def bracket_codes(text: str) -> list[tuple[int, int, str, str]]:
    """Country codes in brackets after a town ("(DE)", "(USA-Caroline du Sud)"), with a state beside its
    country's code ("(SC-USA)")."""
    found = []
    for match in COUNTRY_CODE.finditer(text):
        parts = [(m.start() + match.start(1), m.group()) for m in re.finditer(r"[A-Z]+", match.group(1))]
        joined = "-" in text[match.start(1):match.end(1) + 1]
        countries = {code: country_name(code) if len(code) == 2 or joined else None for _, code in parts}
        for start, code in parts:
            states = [(pycountry.subdivisions.get(code=f"{alpha_2_of(other)}-{code}"), country)
                      for other, country in countries.items() if other != code and country]
            state = next(((s, c) for s, c in states if s), None)
            if state:
                found.append((start, start + len(code), state[0].name, state[1]))
            elif countries[code]:
                found.append((start, start + len(code), countries[code], countries[code]))
    return found


def country_name(code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return (getattr(country, "common_name", None) or country.name) if country else None


def alpha_2_of(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return country.alpha_2 if country else code


def gazetteer_places(text: str) -> list[tuple[int, int, Place]]:
    """Runs of capitalised words found in the gazetteer, longest first at each position."""
    words = list(re.finditer(rf"{NAME_WORD}|(?<=\s)(?:de|du|des|la|le|les|d[’'])(?=\s|\w)", text))
    found, i = [], 0
    while i < len(words):
        hit = None
        for size in (4, 3, 2, 1):
            chunk = words[i:i + size]
            if len(chunk) < size or not chunk[-1].group()[:1].isupper() or not chunk[0].group()[:1].isupper():
                continue
            start, end = chunk[0].start(), chunk[-1].end()
            if "\n" in text[start:end] or re.search(r"[.,;:()]", text[start:end]):
                continue
            place = known_place(text[start:end])
            if place:
                hit = (start, end, place, size)
                break
        if hit:
            found.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return found


def is_code(text: str, start: int, end: int) -> bool:
    """Country or state codes in brackets ("(DE)", "(SC-USA)") are places, not acronyms."""
    offset = max(0, start - 1)
    return any(offset + s < end and start < offset + e for s, e, _, _ in bracket_codes(text[offset:end + 12]))
