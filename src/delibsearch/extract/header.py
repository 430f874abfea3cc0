"""The sitting's header: when, where, who presided, who was secretary, who attended.

The phrases that introduce each of these are data (patterns/header.json, compiled by
`extract.phrases`); attendance blocks are read by `extract.attendance`, the authority by
`extract.authority`. What is not printed stays None, with a warning: a wrong president is worse than none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from delibsearch.extract import dates
from delibsearch.extract.attendance import MOVEMENT, read_attendance
from delibsearch.extract.authority import read_authority
from delibsearch.extract.names import Roster, clean_name
from delibsearch.extract.phrases import CIVNAME, TITLE, patterns
from delibsearch.extract.proxies import HEAD_TITLE
from delibsearch.extract.sentences import flat, sentence_spans
from delibsearch.model import Movement, Session
from delibsearch.parse.text import PagedText

SPELLED_OPENING = re.compile(
    rf"L[’']an\s+(?P<year>{dates.NUMBER_WORD_RE}|\d{{4}}),?\s+le\s+(?P<day>{dates.DAY_RE})\s*(?:du\s+mois\s+d[e'’]\s*)?"
    rf"(?P<month>{dates.MONTH_RE})(?P<rest>[^\n]*(?:\n[^\n]*){{0,2}})",
    re.I,
)
CONVENED = re.compile(
    rf"convo(?:qu|cation)\S*[^.;]{{0,80}}?(?:\b(?:le|du)|:)\s+(?:\w+\s+)?(?P<day>{dates.DAY_RE})\s*(?P<month>{dates.MONTH_RE})(?:\s+(?P<year>\d{{4}}))?"
    r"|date\s+de\s+(?:la\s+)?convocation[^.;:\n]{0,40}:\s*(?P<numeric>\d{1,2}/\d{1,2}/\d{2,4})",
    re.I,
)
LETTER_DATE = re.compile(r"[A-ZÀ-Þ][\w'’-]+(?:[ -][\w'’-]+){0,3},\s+le\s+(?:\w+\s+)?$")  # "Montpellier, le lundi"
PLACE = re.compile(
    r"(?:s[’']est\s+réuni|se\s+sont\s+réunis|réunis?|séance\s+ouverte\s+au\s+public)\S*\s*,?\s*"
    r"(?:en\s+séance\s+\w+\s*,?\s*)?(?:au\s+lieu\s+habituel\s+de\s+ses\s+séances\s*,?\s*)?"
    r"(?P<place>(?:dans|à|au|en)\s+(?:la\s+|le\s+|l[’']\s*)?[^.;]{3,150}?)\s*(?:,\s*sous|\.\s|;|,\s*(?:en|après|le|les|pour|afin)\b|$)",
    re.I,
)
NAME_MOVEMENT = re.compile(r"(?P<name>(?:[A-ZÀ-Þ][\w'’-]+\s+){1,3}[A-ZÀ-Þ][\w'’-]+)\s*\((?P<what>(?i:arrivée|arrivé|départ|arrive|part)[^()]*)\)")
TITLE_PREFIX = re.compile(rf"^\s*(?:(?:M\.|Mme|Madame|Monsieur)\s+)?{TITLE}", re.I)
SIGNATURE_SPAN = 2500
MAX_CONVOCATION_DAYS = 60


@dataclass
class Header:
    authority: str | None
    body: str | None
    session: Session
    warnings: list[str]


def extract_header(doc: PagedText, end: int) -> Header:
    """Read the session header found in doc.text[:end]."""
    zone = doc.text[:end]
    session = Session()
    warnings: list[str] = []
    _read_date_time(zone, session)
    session.place = _place(zone)
    read_attendance(zone, session)
    authority, body = read_authority(doc.text, zone)
    session.president = _president(zone, doc.text, authority, warnings)
    # The secretary may be designated in the first point rather than the header ("Désignation du secrétaire").
    session.secretary = session.secretary or _first_name(patterns("secretary"), zone) \
        or _first_name(patterns("secretary"), doc.text[:SECRETARY_SPAN])
    session.present_count = _count(patterns("present_count"), zone) or len(session.present) or None
    session.in_office = _count(patterns("in_office"), zone)
    session.movements = find_movements(doc)
    for proxy in session.proxies:
        if proxy.holder == HEAD_TITLE:
            proxy.holder = session.president
    _link_to_roster(session)
    for field in ("date", "president", "present_count"):
        if getattr(session, field) in (None, []):
            warnings.append(f"header: {field} not found")
    return Header(authority, body, session, warnings)


def _read_date_time(zone: str, session: Session) -> None:
    """The sitting's date: the spelled opening ("L'an deux mille ..."), a "séance du" phrase, else the first date.

    When two of them give the same day and month in different years (a typist's slip in "L'an deux mille
    quinze"), the year that follows the convocation wins.
    """
    head = zone[:2500]
    opening = SPELLED_OPENING.search(zone)
    spelled = None
    if opening:
        year_text = opening.group("year")
        year = int(year_text) if year_text.isdigit() else dates.words_to_int(year_text)
        spelled = dates.date_from_parts(opening.group("day"), opening.group("month"), year)
        session.time = dates.parse_time(re.split(r"convoqu", opening.group("rest"), flags=re.I)[0])
    candidates = [d for d in (spelled, *_dates_in_order(head)) if d]
    session.date = candidates[0] if candidates else None
    session.convened_on = _convened_on(zone, session.date)
    session.date = _agreeing_year(session.date, candidates, session.convened_on)
    if session.convened_on and session.date and session.convened_on > session.date:
        session.convened_on = _convened_on(zone, session.date)
    if not session.time:
        session.time = _time_near_date(head)


def _dates_in_order(head: str) -> list[str]:
    """Dates of "séance du ..." phrases and plain full dates, in printed order, but a letter's date line
    ("Montpellier, le lundi 14 mars 2011")."""
    found = []
    for pattern in patterns("sitting_date"):
        for match in pattern.finditer(head):
            value = dates.first_date(match.group("date"))
            if value:
                found.append((match.start("date"), value))
    for match in [*dates.FULL_DATE.finditer(head), *dates.NUMERIC_DATE.finditer(head)]:
        value = dates.parse_full_date(match)
        if value and not LETTER_DATE.search(head[max(0, match.start() - 60):match.start()]):
            found.append((match.start(), value))
    return [value for _, value in sorted(found)]


def _agreeing_year(chosen: str | None, candidates: list[str], convened: str | None) -> str | None:
    if not chosen or not convened:
        return chosen
    same_day = [d for d in candidates if d[5:] == chosen[5:]]
    fitting = [d for d in same_day if convened <= d and dates.days_between(convened, d) <= MAX_CONVOCATION_DAYS]
    return chosen if chosen in fitting or not fitting else fitting[0]


# A line that opens the sitting's account, its date maybe in words ("Le mardi dix-neuf septembre deux mille
# vingt-trois, à vingt heures").
SITTING_LINE = re.compile(r"séance|réunion|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", re.I)


def _time_near_date(head: str) -> str | None:
    """The hour printed on a line that gives the sitting's date, or on the line after it."""
    lines = head.split("\n")[:25]
    for i, line in enumerate(lines):
        if dates.FULL_DATE.search(line) or dates.NUMERIC_DATE.search(line) or SITTING_LINE.search(line):
            nearby = " ".join(lines[i:i + 2])
            found = dates.parse_time(re.sub(dates.NUMERIC_DATE.pattern, " ", nearby))
            if found:
                return found
    return None


def _convened_on(zone: str, sitting: str | None) -> str | None:
    match = CONVENED.search(zone[:3000])
    if not match:
        return None
    if match.group("numeric"):
        return dates.first_date(match.group("numeric"))
    sitting_year = int(sitting[:4]) if sitting else None
    found = dates.parse_full_date(match, default_year=sitting_year)
    if found and sitting and found > sitting and not match.group("year"):
        found = dates.parse_full_date(match, default_year=sitting_year - 1) if sitting_year else None
    return found


def _place(zone: str) -> str | None:
    match = PLACE.search(zone[:3000])
    if not match:
        return None
    place = flat(match.group("place"))
    place = re.sub(r"^(?:dans|à|au|en)\s+(?:la\s+|le\s+|l[’']\s*)?", "", place, flags=re.I)
    return place or None


SECRETARY_SPAN = 8000  # characters: the header and the first points
INSTALLATION = re.compile(r"[ée]lection\s+du\s+maire|installation\s+(?:du\s+conseil|des\s+conseillers)", re.I)
INSTALLATION_SPAN = 8000  # characters: where the eldest member takes the chair, after the outgoing mayor opened


def _president(zone: str, text: str, authority: str | None, warnings: list[str]) -> str | None:
    """Who presided as printed; else the mayor (or president) the document names, who presides by law:
    in the header, as "X, Maire de <the authority>" anywhere, or in the closing signature."""
    eldest = _first_name(patterns("eldest"), text[:INSTALLATION_SPAN]) if INSTALLATION.search(text[:INSTALLATION_SPAN]) else None
    if eldest:  # an installation sitting: the eldest member presides the election of the mayor
        return eldest
    named = _first_name(patterns("president"), zone)
    if named:
        return named
    mayor = _first_name(patterns("mayor"), zone) or _head_of(authority, text) \
        or _first_name(patterns("mayor"), text[-SIGNATURE_SPAN:])
    if mayor:
        warnings.append(f"header: who presided is not printed; the mayor or president the document names, {mayor},"
                        " is taken")
    return mayor


def _head_of(authority: str | None, text: str) -> str | None:
    """The person printed as the authority's mayor or president: "Mme Hélène MANDROUX, Maire de Montpellier"."""
    if not authority:
        return None
    place = r"\s+".join(map(re.escape, authority.replace("-", " ").split()))
    head = re.compile(rf"{CIVNAME}\s*,\s*(?:Maire|Présidente?)\s+(?:de\s+(?:la\s+)?|du\s+|d[’']\s*){place}", re.I)
    for match in head.finditer(text.replace("-", " ")):
        name = person_name(match.group("name"))
        if name:
            return name
    return None


def person_name(raw: str) -> str | None:
    """A name captured by a phrase: title ("le Maire,") removed, the first line alone when it is a whole name."""
    raw = TITLE_PREFIX.sub("", raw)
    if "\n" in raw:
        first = clean_name(raw.split("\n")[0])
        if first and len(first.split()) >= 2:
            return first
    return clean_name(flat(raw))


def _first_name(phrases: list[re.Pattern[str]], zone: str) -> str | None:
    for pattern in phrases:
        for match in pattern.finditer(zone):
            name = person_name(match.group("name"))
            if name:
                return name
    return None


def _count(phrases: list[re.Pattern[str]], zone: str) -> int | None:
    for pattern in phrases:
        match = pattern.search(zone)
        if match:
            return int(match.group("n"))
    return None


def find_movements(doc: PagedText) -> list[Movement]:
    """Arrivals and departures, as printed, anywhere in the document."""
    found: list[tuple[int, str]] = []
    for start, end in sentence_spans(doc.text):
        sentence = doc.text[start:end]
        if len(sentence) < 400 and MOVEMENT.search(sentence):
            found.append((start, flat(sentence)))
    for match in NAME_MOVEMENT.finditer(doc.text):
        found.append((match.start(), f"{flat(match.group('name'))} ({flat(match.group('what'))})"))
    return [Movement(text=text, page=doc.page_at(start)) for start, text in sorted(found)]


def _link_to_roster(session: Session) -> None:
    roster = Roster(session.roster())
    for field in ("president", "secretary"):
        value = getattr(session, field)
        if value:
            setattr(session, field, roster.resolve(value) or value)
