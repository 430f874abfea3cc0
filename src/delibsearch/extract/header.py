"""The sitting's header: when, where, who presided, who attended, who gave a proxy to whom.

Attendance is read from labelled blocks ("Présents :", "Pouvoirs :",
"Excusés :", "Secrétaire :"); each block runs until the next label or an end
marker. The label patterns are written for the variants seen across
authorities, not for one file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from delibsearch.extract import dates
from delibsearch.extract.names import Roster, clean_name, split_names
from delibsearch.extract.proxies import parse_attendance_block, star_proxies
from delibsearch.extract.sentences import flat, sentence_spans
from delibsearch.model import Movement, Session
from delibsearch.parse.text import PagedText

LEAD = r"(?:^|(?<=\n))[ \t+▪•*o-]*"
CIV = r"(?:M\.|Mme|Madame|Monsieur|Mlle|Mademoiselle)"
LABELS = re.compile(
    LEAD
    + r"(?:"
    r"(?P<proxies>(?:Conseill\S*\s+|Absent\S*\s+|Excusé\S*\s+|Membres\s+)*(?:excusé\S*\s+)?"
    r"(?:ayant\s+donné\s+(?:pouvoir|procuration|mandat)|représenté\S*|avec\s+(?:pouvoir|procuration))[^:\n]{0,30}:"
    r"|Pouvoirs?\s*:|Procurations?\s*:|Pouvoirs?\s+et\s+procurations?\s*:)"
    r"|(?P<absent_excused>Absent\S*\s+et\s+absent\S*\s+excusé\S*\s*:)"
    r"|(?P<excused>(?:[ÉE]tai(?:en)?t\s+|Absent\S*\s+|Conseill\S*\s+|Membres\s+)?[Ee]xcusé\S*\s*:)"
    r"|(?P<absent>(?:[ÉE]tai(?:en)?t\s+|Conseill\S*\s+|Membres\s+)?[Aa]bsent\S*(?:\s+non\s+excusé\S*)?\s*:)"
    r"|(?P<present>(?:[ÉE]taient\s+|Sont\s+|Membres\s+|Conseill\S*\s+|Élus\s+|Elus\s+)?[Pp]résent\S*\s*:"
    r"|(?:[ÉE]taient|Étaient)\s+présent\S*\s*:?)"
    r"|(?P<secretary>Secrétaires?(?:\s+de\s+(?:la\s+)?séance)?\s*:)"
    r")",
    re.M,
)
BLOCK_END = re.compile(
    r"\n\s*(?:_{3,}|-{5,}|Soit\b|Le quorum|Quorum|Ordre du jour|ORDRE DU JOUR|Monsieur le Maire|Madame le Maire|"
    r"M\. le Maire|Mme le Maire|Le Maire|Monsieur le Président|Le Président|La séance|Date de|Nombre de|"
    r"Après|Il est|Aujourd|L[’']an\b|▪|Rapport\b|Le procès|Le compte)"
)
MAX_BLOCK = 2500
AUTHORITY_SPAN = 4000
SPELLED_OPENING = re.compile(
    rf"L[’']an\s+(?P<year>{dates.NUMBER_WORD_RE}|\d{{4}}),?\s+le\s+(?P<day>{dates.DAY_RE})\s*(?:du\s+mois\s+d[e'’]\s*)?"
    rf"(?P<month>{dates.MONTH_RE})(?P<rest>[^\n]*(?:\n[^\n]*){{0,2}})",
    re.I,
)
CONVENED = re.compile(
    rf"convo(?:qu|cation)\S*[^.;]{{0,80}}?\b(?:le|du)\s+(?P<day>{dates.DAY_RE})\s*(?P<month>{dates.MONTH_RE})(?:\s+(?P<year>\d{{4}}))?"
    r"|date\s+de\s+(?:la\s+)?convocation\s*:\s*(?P<numeric>\d{1,2}/\d{1,2}/\d{2,4})",
    re.I,
)
PLACE = re.compile(
    r"(?:s[’']est\s+réuni|se\s+sont\s+réunis|réunis?|séance\s+ouverte\s+au\s+public)\S*\s*,?\s*"
    r"(?:en\s+séance\s+\w+\s*,?\s*)?(?:au\s+lieu\s+habituel\s+de\s+ses\s+séances\s*,?\s*)?"
    r"(?P<place>(?:dans|à|au|en)\s+(?:la\s+|le\s+|l[’']\s*)?[^.;]{3,150}?)\s*(?:,\s*sous|\.\s|;|,\s*(?:en|après|le|les|pour|afin)\b|$)",
    re.I,
)
PRESIDENT = [
    re.compile(rf"sous\s+la\s+présidence\s+d[e'’]\s*(?P<name>(?:{CIV}\s+)?[^,.;()]{{3,60}}?)\s*(?:,|\.|;|\(|\s+(?:maire|président|présidente|conseill)\b)", re.I),
    re.compile(r"Présid(?:e|ée|é|ent|ente)\s+(?:de\s+)?(?:la\s+)?séance\s*:\s*(?P<name>[^,\n(]{3,60})", re.I),
    re.compile(r"Présidence\s*:\s*(?P<name>[^,\n(]{3,60})", re.I),
]
SECRETARY = [
    re.compile(rf"(?P<name>{CIV}\s+[^,.;()\n]{{3,50}}?)\s+(?:a\s+été|est)\s+(?:désignée?|nommée?|élue?)\s+(?:comme\s+|en\s+qualité\s+de\s+|pour\s+remplir\s+les\s+fonctions\s+de\s+)?secrétaire", re.I),
    re.compile(rf"secrétaire[^.]{{0,120}}\.\s*(?P<name>{CIV}\s+[^,.;()\n]{{3,50}}?)\s*,[^.]{{0,80}}?a\s+été\s+désignée?\s+pour\s+remplir\s+(?:ces|les)\s+fonctions", re.I),
    re.compile(rf"secrétaire\s+de\s+séance[^:]{{0,160}}:\s*(?P<name>(?:{CIV}\s+)?[A-ZÀ-Þ][^,.;()\n]{{3,50}}?)\s+a\s+été\s+désignée?", re.I),
    re.compile(r"secrétaire\s+de\s+séance[^.]{0,120}?à\s+savoir\s+(?P<name>[^,.;()\n]{3,50}?)\s+qui\b", re.I),
    re.compile(rf"secrétaire\s+de\s+séance\s*(?:est|:)?\s*(?P<name>{CIV}\s+[^,.;()\n]{{3,50}})", re.I),
    re.compile(rf"candidature\s+de\s+(?P<name>(?:{CIV}\s+)?[A-ZÀ-Þ][^,.;()\n]{{3,50}}?)\s*,?\s+(?:en\s+qualité\s+de|comme)\s+"
               r"secrétaire", re.I),
]
PRESENT_COUNT = [
    re.compile(r"Soit\s+(\d{1,3})\s+présent", re.I),
    re.compile(r"^(\d{1,3})\s+présents\b", re.M),
    re.compile(r"(?:membres|conseillers)\s+présents\s*:\s*(\d{1,3})\b", re.I),
    re.compile(r"\bprésents\s*:\s*(\d{1,3})\b", re.I),
    re.compile(r"(\d{1,3})\s+(?:membres|conseillers|conseillères)\s+présent", re.I),
]
IN_OFFICE = re.compile(r"en\s+exercice\s*:?\s*(\d{1,3})\b|(\d{1,3})\s+(?:membres|conseillers)\s+en\s+exercice", re.I)
NAME_STATUS = re.compile(r"(?m)^(?P<name>[A-ZÀ-Þ][\w'’-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+)*)[ \t]*:[ \t]*(?P<status>(?i:absente?s?|excusée?s?))\b")
MOVEMENT = re.compile(
    r"\b(?:Arrivée|Départ|Retour)s?\s+d[e'’u]|\barrive\b|\bquitte\s+la\s+(?:séance|salle)|\brejoint\s+la\s+séance"
    r"|\bse\s+retire\b|\bsort\s+de\s+la\s+salle|\bregagne\s+la\s+séance|\bentre\s+en\s+séance",
)

NAME_MOVEMENT = re.compile(r"(?P<name>(?:[A-ZÀ-Þ][\w'’-]+\s+){1,3}[A-ZÀ-Þ][\w'’-]+)\s*\((?P<what>(?i:arrivée|arrivé|départ|arrive|part)[^()]*)\)")
AUTHORITY = [
    re.compile(r"(?P<kind>Communauté\s+(?:de\s+communes|d[’']agglomération|urbaine))\s+(?P<name>(?:(?:des|du|de\s+la|de\s+l[’']|de|d[’'])\s*)?[A-ZÀ-Þ][\w'’-]+(?:\s+(?:(?:de\s+la|de\s+l[’']|des|du|de|d[’']|et|en|sur)\s*)?[A-ZÀ-Þ][\w'’-]+)*)", re.I),
    re.compile(r"\b(?:[Cc]ommune|Ville|Mairie)\s+d[e'’]\s*(?P<name>[A-ZÀ-Þ][\w'’-]+(?:[\s-](?:sur|sous|lès|les|en|de|du|la|le|[A-ZÀ-Þ][\w'’-]+))*)"),
    # In capitals ("COMMUNE de FLAUX", "VILLE DE CLERMONT-FERRAND AU SERVICE ..."): one word, hyphens joining.
    re.compile(r"\b(?:COMMUNE|VILLE|MAIRIE)\s+(?:d[e'’]|D[E'’])\s*(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’-]*[A-ZÀ-Þ])\b"),
    re.compile(r"(?i:Conseil\s+municipal)\s+d[e'’]\s*(?P<name>[A-ZÀ-Þ][\w'’-]+(?:[\s-](?:sur|sous|lès|les|en|[A-ZÀ-Þ][\w'’-]+))*)"),
]
BODIES = ("conseil communautaire", "conseil municipal", "comité syndical", "bureau communautaire", "conseil métropolitain")
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "en", "sur", "sous", "lès", "et"}


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
    session.convened_on = _convened_on(zone, session.date)
    session.place = _place(zone)
    _read_attendance(zone, session)
    session.president = _first_name(PRESIDENT, zone)
    session.secretary = session.secretary or _first_name(SECRETARY, zone)
    session.present_count = _present_count(zone, len(session.present))
    session.in_office = _in_office(zone)
    session.movements = find_movements(doc)
    _link_to_roster(session)
    for field in ("date", "president", "present_count"):
        if getattr(session, field) in (None, []):
            warnings.append(f"header: {field} not found")
    body = _body(zone)
    patterns = AUTHORITY[1:] if body == "conseil municipal" else AUTHORITY
    authority = _authority(doc.text[:AUTHORITY_SPAN], patterns)
    if authority is None and body == "conseil communautaire":
        authority = _authority(doc.text, AUTHORITY[:1])
    return Header(authority, body, session, warnings)


def _read_date_time(zone: str, session: Session) -> None:
    opening = SPELLED_OPENING.search(zone)
    if opening:
        year_text = opening.group("year")
        year = int(year_text) if year_text.isdigit() else dates.words_to_int(year_text)
        session.date = dates.date_from_parts(opening.group("day"), opening.group("month"), year)
        session.time = dates.parse_time(re.split(r"convoqu", opening.group("rest"), flags=re.I)[0])
    head = zone[:1500]
    if not session.date:
        session.date = dates.first_date(head)
    if not session.time:
        session.time = _time_near_date(head)


def _time_near_date(head: str) -> str | None:
    """The hour printed on a line that gives the sitting's date, or on the line after it."""
    lines = head.split("\n")[:25]
    for i, line in enumerate(lines):
        if dates.FULL_DATE.search(line) or dates.NUMERIC_DATE.search(line) or re.search(r"séance|réunion", line, re.I):
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
    if found and sitting and found > sitting:
        found = dates.parse_full_date(match, default_year=sitting_year - 1) if sitting_year else None
    return found


def _place(zone: str) -> str | None:
    match = PLACE.search(zone[:3000])
    if not match:
        return None
    place = flat(match.group("place"))
    place = re.sub(r"^(?:dans|à|au|en)\s+(?:la\s+|le\s+|l[’']\s*)?", "", place, flags=re.I)
    return place or None


def _read_attendance(zone: str, session: Session) -> None:
    matches = list(LABELS.finditer(zone))
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(zone)
        block = zone[match.end():min(stop, match.end() + MAX_BLOCK)]
        block = _cut_block(block)
        kind = match.lastgroup or ""
        _store_block(kind, block, session)
    session.proxies += star_proxies(session, zone)
    for match in NAME_STATUS.finditer(zone):
        target = session.absent if match.group("status").lower().startswith("absent") else session.excused
        target.append(match.group("name"))


def _cut_block(block: str) -> str:
    """A block ends at an end marker or at the first line that reads as a sentence, not a list."""
    ending = BLOCK_END.search(block)
    if ending and ending.start() > 0:
        block = block[:ending.start()]
    offset = 0
    for number, line in enumerate(block.split("\n")):
        if number and (MOVEMENT.search(line) or _is_prose(line)):
            return block[:offset]
        offset += len(line) + 1
    return block


def _is_prose(line: str) -> bool:
    if re.search(r"pouvoir|procuration|représenté|mandat", line, re.I):
        return False
    words = [w for w in re.findall(r"[\w'’-]+", re.sub(r"\([^()]*\)?", " ", line)) if not re.search(r"\d", w)]
    lower = [w for w in words if w[0].islower() and w.lower() not in {"de", "du", "des", "la", "le", "et", "d'", "van", "von", "da", "el"}]
    return len(lower) >= 3


def _store_block(kind: str, block: str, session: Session) -> None:
    if kind == "secretary":
        names = split_names(block.split("\n")[0]) or split_names(block)
        session.secretary = session.secretary or (names[0] if names else None)
        return
    names, proxies = parse_attendance_block(block, kind == "proxies")
    session.proxies += proxies
    target = {"present": session.present, "excused": session.excused, "absent": session.absent,
              "absent_excused": session.absent}.get(kind)
    if target is not None:
        target += [n for n in names if n not in target]


def _first_name(patterns: list[re.Pattern[str]], zone: str) -> str | None:
    for pattern in patterns:
        for match in pattern.finditer(zone):
            name = clean_name(match.group("name"))
            if name:
                return name
    return None


def _present_count(zone: str, listed: int) -> int | None:
    for pattern in PRESENT_COUNT:
        match = pattern.search(zone)
        if match:
            return int(match.group(1))
    return listed or None


def _in_office(zone: str) -> int | None:
    match = IN_OFFICE.search(zone)
    return int(match.group(1) or match.group(2)) if match else None


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


def _authority(head: str, patterns: list[re.Pattern[str]] = AUTHORITY) -> str | None:
    """The first authority named: "Commune de X", "Ville de X", "Communauté de communes ..."."""
    matches = [m for m in (p.search(head) for p in patterns) if m and _is_named_often(m, head)]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())
    name = _tidy_place_name(match.group("name"))
    if "kind" in match.re.groupindex:
        kind = match.group("kind")
        return f"{kind[0].upper()}{kind[1:].lower()} {name}"
    return name


def _is_named_often(match: re.Match[str], head: str) -> bool:
    """A lower-case "commune de X" names the authority only if X recurs; "la commune d'Héricourt" may be a neighbour."""
    if not match.group(0)[:1].islower():
        return True
    return head.lower().count(match.group("name").lower()) >= 3


def _tidy_place_name(name: str) -> str:
    """"CLERMONT-FERRAND" -> "Clermont-Ferrand", "Lisières de L’Oise" -> "Lisières de l'Oise"."""
    name = flat(name).replace("’", "'")
    words = re.split(r"(\s+|-|')", name)
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if i > 0 and low in SMALL_WORDS:
            out.append(low)
        elif word.isupper() and len(word) > 1:
            out.append(word.capitalize())
        else:
            out.append(word)
    return "".join(out)


def _body(zone: str) -> str | None:
    low = zone[:2500].lower()
    positions = [(low.find(b), b) for b in BODIES if b in low]
    return min(positions)[1] if positions else None
