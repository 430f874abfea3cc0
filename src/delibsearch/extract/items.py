"""Split a sitting into its items, whatever the numbering.

Heading candidates are lines that match one of the numbering schemes seen in
council minutes ("D2024-48 - Objet : ...", "DEL2025-02 : ...", "DEL-2024-07 Budget",
"DE_2024_001 ...", "2024/06/01 ...", "Rapport N° 6",
"DÉLIBÉRATION N°36/2023", "2020-038 – ...", "Affaire n° 3", "1. ...", "1°) ...", "I ...", "1-1-1 ...").
The scheme that best explains the document wins: coded numbers first, then
reports, then the longest run of consecutive numbers, then levelled numbers. Upper-case lines of another scheme
("I. AFFAIRES GÉNÉRALES", "1. FINANCES") become the items' group. When an
agenda repeats the headings, the occurrence followed by the most text wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from delibsearch.extract.dates import fold
from delibsearch.extract.misreads import repair

BULLET = r"(?:[-–•▪➢►*][^\S\n]+)?"  # "- Délibération D202448 – Tarifs": a heading printed as a list's entry
CODE = re.compile(
    r"^" + BULLET + r"(?:\d{1,2}[.)]\s*)?(?:(?i:d[ée]lib[ée]ration)\s+)?(?:N°\s*)?"
    r"(?P<num>(?:DEL|DCM|DELIB|DL|DE|D)(?:[\s_-]?\d{4}\s?[-–_/.]\s?\d{1,4}(?:[-/]\d{1,3})?|(?:19|20)\d{4,5}\b))"
    r"(?:\s*[-–:]+\s*|\s+(?=[A-ZÀ-Þ«\"]))(?:Objet\s*:\s*)?(?P<title>[A-ZÀ-Þ«\"0-9].*)?$",
    re.M,
)
# A year and a number with no letters before them ("2020-038 – Vote des taux"): a heading only where
# another heading shares the year (a lone "2021-22 : rentrée" is no numbering).
# A third part may date it within the year ("2023 – 071 – 05.12 – Tarifs"); the title may be printed under it.
YEAR_CODE = re.compile(
    r"^" + BULLET + r"(?:D[ÉE]LIB[ÉE]RATION\s+)?(?:N°\s*)?"
    r"(?P<num>(?:19|20)\d{2}\s?[-–_/.]\s?\d{1,3}(?:\s?[-–]\s?[0-3]\d[./][01]\d)?)"
    r"(?:\s*(?:[-–:]+\s*|\s(?=Objet))(?:Objet\s*:\s*)?(?P<title>[A-ZÀ-Þ«\"].*)?|[^\S\n]*)$",
    re.M,
)
# A sitting's date and a number ("141024-52 Repas des agents"), as several headings of the sitting share it.
DAY_CODE = re.compile(r"^" + BULLET + r"(?P<num>[0-3]\d[01]\d\d{2}[-/_]\d{1,3})\s*[-–:]?\s+(?P<title>[A-ZÀ-Þ«\"].*)$", re.M)
# A code of two to four groups of figures that carries the year ("041/23 :", "06.2023.01", "08/09/23-01"):
# headings only where several share every group but one, the counter (see _serials).
SERIAL_CODE = re.compile(r"^" + BULLET + r"(?:N°\s*)?(?P<num>\d{1,4}(?:[./-]\d{1,4}){1,3})"
                         r"(?:(?:[^\S\n]*[-–:][^\S\n]*|[^\S\n]+)(?P<title>[A-ZÀ-Þ«\"][^\n]*)?|[^\S\n]*)$", re.M)
HEADER_YEARS = 3000  # characters: where the sitting's year is printed
MIN_SERIALS = 2
DATE_CODE = re.compile(r"[0-3]?\d([./-])[01]?\d\1(?:19|20)?\d{2}")  # "17/02/2014" opens running text, not an item
# The number after the title ("Tarifs de l'eau 2023 : 2022-62"), as some town-hall web pages print it.
TRAILING_CODE = re.compile(r"^(?P<title>[A-ZÀ-Þ«\"][^\n]{3,200}?)[^\S\n]*[:–-][^\S\n]*\n?[^\S\n]*(?P<num>(?:19|20)\d{2}[-/]\d{1,3})[^\S\n]*$",
                           re.M)
DATED_CODE = re.compile(r"^" + BULLET + r"(?P<num>20\d{2}([ /.])\d{2}\2\d{2})\s*[-–:]?\s+(?:Objet\s*:\s*)?(?P<title>[A-ZÀ-Þ«\"].*)$", re.M)
# The heading's word opens with a capital: "délibération n° 2023-031" wrapped to a line's start is running text.
REPORT = re.compile(r"^" + BULLET + r"(?=(?-i:[A-ZÀ-Þ]))(?:(?:Rapport|Délibération|DELIBERATION|Question|Affaire|Point|Dossier)\s+n°\s*"
                    r"|(?:Délibération|DELIBERATION|Affaire|Point|Dossier|Question|Sujet)\s+(?=\d))"  # "POINT 1 -", "Question 2 –"
                    r"(?P<num>[\w/.-]*\w(?:\s?(?:bis|ter))?)(?:[^\S\n]+(?P<caps>(?-i:[A-ZÀ-Þ«]{2})[^\n]+)|\s*(?:[-–:]\s*(?P<title>.+))?)$",
                    re.M | re.I)  # "Délibération n° 2025/001 APPROBATION DU PROCÈS-VERBAL": a title in capitals after a space
ARABIC = re.compile(r"^(?:N\s?°\s*)?(?P<num>0|[1-9]\d{0,2})\s?(?:\.|\)|°\)?|\s?[-–]|\s?/|(?<=°\d)\s?:"
                    r"|(?<=°\d\d|°\s\d)\s?:|\s)(?![\d.])\s*(?P<title>[A-ZÀ-Þ«\"].*)$", re.M)  # a colon after "N°1" only
# Numbers in levels ("1-1-1 Budget", "2.3 - Tarifs"): read when no other numbering is found.
LEVELLED = re.compile(r"^(?P<num>[1-9]\d?(?:[-.][0-9]\d?){1,3})\s*[-–:.)]?\s+(?P<title>[A-ZÀ-Þ«\"].*)$", re.M)
# A number before a title in lower case or a street number ("67 modification du tableau", "66 20 rue de Verdun"):
# a heading only where it continues a run of numbered headings.
ARABIC_WEAK = re.compile(r"^(?P<num>[1-9]\d{0,2})(?:\s?[-–)]\s*|[ \t]+)(?P<title>(?:[a-zà-ÿ]|\d+[ \t]+[A-Za-zÀ-ÿ]).*)$", re.M)
ROMAN = re.compile(r"^(?P<num>X{0,3}(?:IX|IV|V?I{1,3}|V))\s?(?:\.|\)|\s?[-–]|\s)\s*(?P<title>[A-ZÀ-Þ«\"].*)$", re.M)
# A roman number as an OCR reads it off a scan ("L RELEVE DE DECISIONS", "IL. ADMINISTRATION"): only before a
# section's title in capitals.
ROMAN_MISREAD = re.compile(r"^(?P<num>[IL1l]{1,3})\.?[ \t]+(?P<title>(?-i:[A-ZÀ-Þ]{2})[^\n]*)$", re.M)
# An entry of a list that heads an item under a section ("III. FINANCES" / "- Décision modificative n° 1").
DASH_HEADING = re.compile(r"^[-–•▪][ \t]+(?P<title>[A-ZÀ-Þ«\"][^\n]{3,150})$", re.M)
LETTERED = re.compile(r"^(?P<num>[a-z])\s?\)\s*(?P<title>[A-ZÀ-Þ«\"].*)$", re.M)  # "a) Adhésion au groupement"
OBJET = re.compile(r"^Objet\s*:\s*", re.I)  # "D2024-45 - Objet : admission ...", "DCM 2023-061 OBJET : ..."
TABLE_ROW_END = re.compile(r"\d[,.]\d{2}\s*€?$|(?:\d[\d ]*[,.]?\d*\s+){2,}\d+\s*€?$")
CONNECTORS = {"de", "du", "des", "la", "le", "les", "à", "au", "aux", "et", "en", "pour", "sur", "d’", "d'", "l’", "l'", "par", "avec", "dans", "–", "-", ","}
RAPPORTEUR = re.compile(r"Rapporteure?s?\s*:\s*(?P<name>[^\n]{3,80})", re.I)
GROUP_GAP = 400
TITLE_BLOCK_LINES = 5
TITLE_LINE_MAX = 90  # characters: a body's lines run the page's width, a heading's are shorter
# "2/ Budgets primitifs 2023 : le budget de la commune s'équilibre ...": a heading whose colon opens a sentence
# (an article, a pronoun, "après" or a civility: "Secteur Malbosc : projet d'urbanisation" is one title) runs its
# body on when its line is as wide as the body's or the sentence is long.
COLON_SENTENCE = 40  # characters after the colon: a sentence, not a title's second part ("... : choix de l'entreprise")
COLON_RUN_IN = re.compile(r"\s+:\s+(?=(?:[Ll]e|[Ll]a|[Ll]es|[Ll]['’]|[Ii]ls?|[Ee]lles?|[Aa]près|Madame|Monsieur|M\.|Mme)\s*[A-Za-zÀ-ÿ])")
BLOCK_STOP = re.compile(r"(?:pour|contre|abstentions?|vote|votants|adopt|rejet)\w*\b|\d+\s+(?:voix|votes?)\b"
                        r"|(?-i:[A-ZÀ-Þ])[^:\n]{1,59}:\s*$", re.I)
# Where a run-in heading's body begins on the heading's own line ("2023 – 071 – 05.12 – Tarifs communaux 2024
# Monsieur le Maire présente ..."): a capitalised sentence opener after a word of the title.
# A civility opens the body only before a name or title and a presenting verb or an apposition ("Madame Nathalie
# RAYNAUD, adjointe"), not in a title ("contrat Mme Chamberlain").
RUN_IN = re.compile(r"(?<=[A-Za-zÀ-ÿ0-9»)])\s+(?=(?:(?:Monsieur|Madame|M\.|Mme)\s+(?:(?:le|la)\s+(?:Maire|Président|Présidente)"
                    r"|(?:[A-ZÀ-Þ][\w'’-]*\s+){0,2}[A-ZÀ-Þ][\w'’-]*)\s*(?:,|\s(?:expose|présente|rappelle|informe|explique"
                    r"|propose|indique|rapporte|rend|donne|fait|demande|précise|soumet))"
                    r"|(?:Conformément|Considérant|Vu|Afin|Suite|Le (?:Maire|Président|conseil|Conseil)|La (?:Présidente|commune)"
                    r"|Il (?:est|convient)|Après)\b))")
# A register's number printed after the title ("Tarifs du port – année 2024 Délibération n° 103"): not the title's.
REGISTER_REFERENCE = re.compile(r"(?<![Ll]a)(?<![Dd]e)(?<![Uu]ne)\s+(?:Délibération|DELIBERATION|DÉLIBÉRATION)\s+n°\s*\d[\w/-]*(?=\s|$)")
SUBTITLE_SHARE = 0.8
ENUMERATED_LINE = re.compile(r"^(?:[A-Za-z0-9]{1,3}\s?[/.)°-]|[-–•▪*])\s")  # "A/ Le temple", "a) ...", "- ..."  # a second heading line this much shorter than the body's lines is a subtitle
SENTENCE_END = re.compile(r"(?:[a-zà-ÿ]{3,}|[A-ZÀ-Þ]{2,}\))\. [A-ZÀ-Þ][a-zà-ÿ]")  # "... du CGCT). Il a"
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


@dataclass
class Heading:
    start: int
    end: int
    number: str
    title: str
    scheme: str
    weak: bool = False  # may only continue a run (ARABIC_WEAK)


@dataclass
class ItemSpan:
    number: str | None
    title: str | None
    start: int
    end: int
    group: str | None


def find_items(text: str, header_hint: int = 0) -> tuple[list[ItemSpan], list[str]]:
    """Item spans of the document (offsets into text), and warnings."""
    coded = sorted(_candidates(CODE, text, "code") + _candidates(DATED_CODE, text, "code")
                   + _year_codes(_trailing_or_year_codes(text))
                   + _year_codes(_candidates(DAY_CODE, text, "code")),
                   key=lambda h: h.start)
    reports = _candidates(REPORT, text, "report")
    arabic_candidates = _candidates(ARABIC, text, "arabic")
    weak = [replace(h, weak=True) for h in _candidates(ARABIC_WEAK, text, "arabic")]
    arabic = _misread_gaps(_chain(sorted(arabic_candidates + weak, key=lambda h: h.start), text),
                           arabic_candidates)
    roman = _chain(sorted(_candidates(ROMAN, text, "roman") + _roman_misreads(text), key=lambda h: h.start), text)
    if coded:
        all_arabic = _candidates(ARABIC, text, "arabic")
        items, groups = _dedupe(coded + _orphans(all_arabic, coded), text), _groups(arabic + roman)
    elif reports:
        items, groups = _dedupe(reports, text), _groups(arabic + roman)
    elif len(serials := _serials(_candidates(SERIAL_CODE, text, "code"), text)) > max(len(arabic), len(roman), 1):
        items, groups = serials, []
    elif nested := _nested(arabic, _candidates(LEVELLED, text, "arabic"), text):
        items, groups = nested, _groups(arabic + roman)
    elif (len(arabic) >= 2 or _announced(arabic, arabic_candidates)) and len(arabic) >= len(roman):
        items, groups = _dashed(arabic, text) or arabic, _groups(roman)
    elif len(roman) >= 2:
        dashed = _dashed(roman, text)
        items, groups = dashed or roman, roman if dashed else _groups(arabic)
    elif len(lettered := _chain(_candidates(LETTERED, text, "letter"), text)) >= 2:
        items, groups = lettered, []
    elif len(levelled := _levelled(_candidates(LEVELLED, text, "arabic"))) >= 2:
        items, groups = levelled, []
    else:
        return [], ["items: no item numbering recognised; the text is kept as one item"]
    items = [h for h in items if h.start >= header_hint] or items
    return _spans(items, groups, text), []


def _candidates(pattern: re.Pattern[str], text: str, scheme: str) -> list[Heading]:
    found = []
    for match in pattern.finditer(text):
        title = OBJET.sub("", (match.group("title") or _group(match, "caps") or "").strip())
        if scheme in ("arabic", "roman") and (TABLE_ROW_END.search(title) or len(title) < 3):
            continue
        number = re.sub(r"\s+", " ", match.group("num")).strip(" -–")
        found.append(Heading(match.start(), match.end(), number, title, scheme))
    return found


def _trailing_or_year_codes(text: str) -> list[Heading]:
    """Year codes before their title and after it; a code alone on its line is the end of the title above
    it when that title was printed with its code ("Rapport annuel du SPANC :" / "2022-67")."""
    trailing = _candidates(TRAILING_CODE, text, "code")
    leading = [h for h in _candidates(YEAR_CODE, text, "code")
               if h.title or not any(t.number == h.number and t.start < h.start <= t.end for t in trailing)]
    return leading + trailing


def _roman_misreads(text: str) -> list[Heading]:
    """Section numbers misread by an OCR ("L" for "I.", "IL" for "II"), read as the roman number they stand for."""
    found = []
    for match in ROMAN_MISREAD.finditer(text):
        number, title = match.group("num"), match.group("title").strip()
        if set(number) != {"I"} and _mostly_upper(title) and len(title) >= 3:
            found.append(Heading(match.start(), match.end(), "I" * len(number), title, "roman"))
    return found


def _dashed(sections: list[Heading], text: str) -> list[Heading]:
    """Items printed as a list's entries under sections in capitals ("III. FINANCES" / "- Décision modificative
    n° 1" / its text): the entries that text follows are the items, the sections their groups; a section with
    no entry is an item itself. An agenda's entries, followed by another entry or a section, are not."""
    if len(sections) < 2 or not all(_mostly_upper(s.title) for s in sections):
        return []
    starts = {s.start for s in sections}
    entries = [Heading(m.start(), m.end(), "", m.group("title").strip(), "dash") for m in DASH_HEADING.finditer(text)
               if m.start() > sections[0].start and _heads_text(m, text, starts)]
    owners = [next((s for s in reversed(sections) if s.start < e.start), None) for e in entries]
    with_entries = {id(s) for s in owners if s is not None}
    if len(entries) < 2 or len(with_entries) * 2 < len(sections):
        return []
    return sorted(entries + [s for s in sections if id(s) not in with_entries], key=lambda h: h.start)


def _heads_text(entry: re.Match[str], text: str, section_starts: set[int]) -> bool:
    """An entry that heads text: no clause of a list ("- attribution du marché ;"), and its next line is
    neither another entry nor a section (as an agenda's entries are)."""
    title = entry.group("title").rstrip()
    if title.endswith((";", ",", ":")) or _mostly_upper(title):
        return False
    rest = text[entry.end():]
    following = re.search(r"\S[^\n]*", rest)
    if following is None:
        return False
    line = following.group(0)
    return not (DASH_HEADING.match(line) or entry.end() + following.start() in section_starts
                or ROMAN.match(line) or ROMAN_MISREAD.match(line) or ARABIC.match(line))


def _group(match: re.Match[str], name: str) -> str | None:
    return match.group(name) if name in match.re.groupindex else None


def _year_codes(candidates: list[Heading]) -> list[Heading]:
    """Codes whose first part (a year, a sitting's date) at least one other heading shares, with another number."""
    def prefix(heading: Heading) -> str:
        return re.split(r"[\s_/.–-]", heading.number)[0]
    return [h for h in candidates
            if any(prefix(o) == prefix(h) and o.number != h.number for o in candidates)]


def _serials(candidates: list[Heading], text: str) -> list[Heading]:
    """The largest family of codes that share every group of figures but one, a counter rising in reading
    order, the shared part holding the sitting's year (printed as 2023 or 23): "041/23", "042/23"; "06.2023.01",
    "06.2023.02". Levelled numbers ("1.1", "1.2") share no year, dates in running text no counter."""
    years = {y[k:] for y in re.findall(r"\b(?:19|20)\d{2}\b", text[:HEADER_YEARS]) for k in (0, 2)}
    families: dict[tuple, list[tuple[int, Heading]]] = {}
    for heading in candidates:
        groups = re.split(r"[./-]", heading.number)
        if DATE_CODE.fullmatch(heading.number):
            continue
        separators = tuple(re.findall(r"[./-]", heading.number))
        for k, counter in enumerate(groups):
            fixed = tuple(g for i, g in enumerate(groups) if i != k)
            if any(g in years for g in fixed):
                families.setdefault((separators, k, fixed), []).append((int(counter), heading))
    best: list[Heading] = []
    for members in families.values():
        rising = [h for i, (n, h) in enumerate(members) if i == 0 or n > members[i - 1][0]]
        if len(rising) == len(members) and len(rising) >= MIN_SERIALS and len(rising) > len(best):
            best = rising
    return best


def _levelled(candidates: list[Heading]) -> list[Heading]:
    """Levelled numbers in reading order, each printed once and each after the one before it."""
    def key(heading: Heading) -> tuple[int, ...]:
        return tuple(int(part) for part in re.split(r"[-.]", heading.number))
    kept: list[Heading] = []
    for heading in candidates:
        if not kept or key(heading) > key(kept[-1]):
            kept.append(heading)
    return kept


def _nested(sections: list[Heading], levelled: list[Heading], text: str) -> list[Heading]:
    """Sub-items under numbered sections ("1 - FINANCES", "1.1 Décision modificative", "1.2 Tarifs"): the
    sub-items are the items (their sections become groups), and a section without any is an item itself."""
    children = []
    for heading in _levelled(levelled):
        section = next((s for s in reversed(sections) if s.start < heading.start), None)
        if section and re.split(r"[.-]", heading.number)[0] == section.number and re.search(r"[.-]", heading.number):
            children.append((section, heading))
    parents = [section for section, _ in children]
    first_child = {id(section): heading for section, heading in reversed(children)}
    if len(children) < 2 or len(children) < len(levelled) \
            or not all(_mostly_upper(s.title) or not text[s.end:first_child[id(s)].start].strip() for s in parents):
        return []  # every sub-number nests, under sections printed as group headings ("1 - FINANCES", or a
        # section's line followed at once by its first sub-item)
    parents = {id(section) for section in parents}
    return sorted([h for _, h in children] + [s for s in sections if id(s) not in parents], key=lambda h: h.start)


def _value(heading: Heading) -> int:
    if heading.scheme == "letter":
        return ord(heading.number) - ord("a") + 1
    if heading.scheme == "roman":
        total, last = 0, 0
        for char in reversed(heading.number):
            value = ROMAN_VALUES[char]
            total, last = (total - value, last) if value < last else (total + value, value)
        return total
    return int(heading.number)


def _chain(candidates: list[Heading], text: str) -> list[Heading]:
    """The longest run 1, 2, 3 ... in reading order (one number may be missed, never beside a weak heading);
    among equals, the one with the fewest weak headings, then the one followed by the most text."""
    best: list[tuple[int, int, int, int]] = []  # (length, strong headings, text covered, previous index)
    for i, cand in enumerate(candidates):
        span = (candidates[i + 1].start if i + 1 < len(candidates) else len(text)) - cand.start
        strong = 0 if cand.weak else 1
        choice = (1, strong, span, -1) if _value(cand) in (0, 1) and not cand.weak else (0, 0, 0, -1)
        steps = (1, 1) if cand.weak else (1, 2)
        # A weak heading follows the last strong one before it: no other heading may come between.
        first = max((k for k in range(i) if not candidates[k].weak), default=0) if cand.weak else 0
        for j in range(first, i):
            if best[j][0] and steps[0] <= _value(cand) - _value(candidates[j]) <= steps[1]:
                option = (best[j][0] + 1, best[j][1] + strong, best[j][2] + span, j)
                choice = max(choice, option)
        best.append(choice)
    if not best or max(best)[0] < 1:
        return []
    index = best.index(max(best))
    chain = []
    while index >= 0:
        chain.append(candidates[index])
        index = best[index][3]
    return chain[::-1]


def _misread_gaps(chain: list[Heading], candidates: list[Heading]) -> list[Heading]:
    """A run that skips one number takes the heading between that an OCR misread ("9.", "19.", "11." is 9, 10,
    11: a slashed zero read as a 9)."""
    filled = list(chain)
    for before, after in zip(chain, chain[1:]):
        wanted = _value(before) + 1
        if _value(after) != wanted + 1:
            continue
        between = [h for h in candidates if before.start < h.start < after.start
                   and repair(h.number, lambda n: n == wanted)]
        if len(between) == 1:
            filled.append(replace(between[0], number=str(wanted)))
    return sorted(filled, key=lambda h: h.start)


def _announced(chain: list[Heading], candidates: list[Heading]) -> bool:
    """A lone "1. Title" counts when the agenda printed it too."""
    if len(chain) != 1:
        return False
    key = fold(chain[0].title)[:30]
    return sum(fold(c.title)[:30] == key for c in candidates) >= 2


def _orphans(arabic: list[Heading], coded: list[Heading]) -> list[Heading]:
    """Numbered items printed without their code ("4. Vote des taux" between "3. D2024-17" and "5. D2024_19")."""
    found = []
    for i in range(1, len(arabic) - 1):
        heading = arabic[i]
        if heading.start < coded[0].start or CODE.match(f"{heading.number}. {heading.title}"):
            continue
        before, after = _value(arabic[i - 1]), _value(arabic[i + 1])
        if before == _value(heading) - 1 and after == _value(heading) + 1 and not _mostly_upper(heading.title):
            found.append(heading)
    return found


def _dedupe(headings: list[Heading], text: str) -> list[Heading]:
    """Drop agenda copies: same number and title, keep the one followed by the most text."""
    kept: dict[tuple[str, str], tuple[int, Heading]] = {}
    for i, heading in enumerate(headings):
        span = (headings[i + 1].start if i + 1 < len(headings) else len(text)) - heading.start
        key = (heading.number, fold(heading.title)[:40])
        if key not in kept or span > kept[key][0]:
            kept[key] = (span, heading)
    return sorted((h for _, h in kept.values()), key=lambda h: h.start)


def _groups(headings: list[Heading]) -> list[Heading]:
    return [h for h in headings if _mostly_upper(h.title)]


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _leading_groups(groups: list[Heading], items: list[Heading]) -> list[Heading]:
    """Group headings that open a run of items (not upper-case titles inside an item's body)."""
    kept = []
    for group in groups:
        following = next((h for h in items if h.start > group.start), None)
        if following and following.start - group.end < GROUP_GAP:
            kept.append(group)
    return kept


def _spans(items: list[Heading], groups: list[Heading], text: str) -> list[ItemSpan]:
    groups = _leading_groups(groups, items)
    bounds = sorted([h.start for h in items] + [g.start for g in groups] + [len(text)])
    spans = []
    for heading in items:
        end = next(b for b in bounds if b > heading.start)
        group = next((g for g in reversed(groups) if g.start < heading.start), None)
        title = _full_title(heading, text, end)
        spans.append(ItemSpan(heading.number or None, title or None, heading.start, end,
                              f"{group.number}. {group.title}" if group else None))
    return spans


def _full_title(heading: Heading, text: str, end: int) -> str:
    lines = text[heading.end:end].split("\n")[1:]
    title = REGISTER_REFERENCE.sub("", heading.title)
    if not title:
        return _title_from_next_lines(lines)
    if run_in := _run_in(title, lines, len(heading.number)):
        return _tidy_title(run_in)
    block = [] if title.rstrip().endswith((".", "!", "?", ":")) else _heading_block(lines, title)
    if block:
        return _tidy_title(" ".join([title, *block]))
    if subtitle := _subtitle(title, lines):
        return _tidy_title(f"{title} {subtitle}")
    for i, line in enumerate(lines[:3]):
        line = line.strip()
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if not line or RAPPORTEUR.search(line) or not continues_title(title, line, following):
            break
        title = f"{title} {line}"
    return _tidy_title(title)


def _run_in(title: str, lines: list[str], number_length: int) -> str | None:
    """The title of a heading whose body runs on from it, on its line or, when that line is as wide as the
    body's, on the line it wraps to."""
    if cut := _body_start(title):
        return title[:cut]
    following = lines[0].strip() if lines else ""
    widest = max((len(line.strip()) for line in lines[:5]), default=0)
    full = len(title) + number_length + 4 >= 0.85 * widest >= TITLE_LINE_MAX * 0.8
    colon = COLON_RUN_IN.search(title)
    if colon and (full or len(title) - colon.end() >= COLON_SENTENCE):
        return title[:colon.start()]
    if full and (cut := _body_start(following)) and cut <= TITLE_LINE_MAX // 2:
        return f"{title} {following[:cut]}"
    return None


def _body_start(line: str) -> int | None:
    """Where a sentence opener starts the body, not after a connector ("la propriété de Monsieur X" goes on)."""
    for cut in RUN_IN.finditer(line):
        before = line[:cut.start()].split()
        if before and before[-1].lower() not in CONNECTORS:
            return cut.start()
    return None


def _subtitle(title: str, lines: list[str]) -> str | None:
    """A second heading line above the body ("2. Forêt communale" / "Programme des travaux 2024"): shorter
    than the body's lines, ending no sentence, under a short first line."""
    if len(lines) < 2 or len(title) > TITLE_LINE_MAX // 2 or _sentence(title) or _mostly_upper(title):
        return None
    line, body = lines[0].strip(), [l.strip() for l in lines[1:6] if l.strip()]
    widest = max((len(l) for l in body), default=0)
    if (not line or not body or widest < TITLE_LINE_MAX * 0.8 or len(line) > SUBTITLE_SHARE * widest or _sentence(line)
            or RAPPORTEUR.search(line) or BLOCK_STOP.match(line) or RUN_IN.match(" " + line) or _mostly_upper(line)
            or ENUMERATED_LINE.match(line) or line.split()[-1].lower() in CONNECTORS or not body[0][:1].isupper()):
        return None
    return line


def _heading_block(lines: list[str], title: str = "") -> list[str]:
    """The lines under a heading's first line that belong to it: a short block without a sentence's end,
    of short lines closed by a blank line, a vote's tally, a rapporteur or a speaker's label ("Serge FLEURENCE :").

    Layout reading leaves a blank line after a heading block, so a title printed over five lines is whole.
    A title in capitals goes on in capitals: the first line in small letters under it opens the body; a line
    in capitals under a title in small letters, with a rapporteur's label after it, is a margin's label
    ("ADMINISTRATION" / "GÉNÉRALE Rapporteur :"); capitals are a title's own words otherwise ("«FOCH-PREFECTURE /"
    / "MARCHE AUX FLEURS »").
    """
    upper = _mostly_upper(title)
    block: list[str] = []
    for i, line in enumerate(lines[:TITLE_BLOCK_LINES + 1]):
        line = line.strip()
        if not line or RAPPORTEUR.search(line) or BLOCK_STOP.match(line):
            return block
        if upper and not _mostly_upper(line) or not upper and _mostly_upper(line) and _margin_label(lines[i:i + 2]) \
                and not _open(" ".join([title, *block])):
            return block
        if len(block) == TITLE_BLOCK_LINES or len(line) > TITLE_LINE_MAX or _sentence(line):
            return []
        block.append(line)
    return block if len(lines) <= TITLE_BLOCK_LINES else []


def _margin_label(lines: list[str]) -> bool:
    """Capitals that a rapporteur's label follows on the same or the next line: a margin's label."""
    return any(RAPPORTEUR.search(line) for line in lines)


def _open(text: str) -> bool:
    return text.count("«") > text.count("»") or text.count("(") > text.count(")")


def _sentence(line: str) -> bool:
    """A line of running text: it ends a sentence or a clause, or holds a sentence's end."""
    return line.endswith((".", ";", ",", ":", "…")) or SENTENCE_END.search(line) is not None


def continues_title(title: str, line: str, following: str) -> bool:
    """Whether a title's next printed line carries it on (a lower-case start, a dangling connector, an open bracket)."""
    if title.rstrip().endswith((".", "!", "?", ":")) or line.rstrip().endswith(":"):
        return False
    if title.count("(") > title.count(")") or title.count("«") > title.count("»"):
        return True
    last_word = title.split()[-1].lower() if title.split() else ""
    if line[:1].islower() or last_word in CONNECTORS or title.rstrip().endswith(("’", "'")):
        return True
    return len(line) <= 40 and not line.endswith(".") and not following


def _title_from_next_lines(lines: list[str]) -> str:
    """A title printed under its number: lines in capitals, or a line and the lines that carry it on; a short
    line in capitals set apart above it is its section ("2023/58" / "FINANCES" / "Décision modificative")."""
    filled = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    if len(filled) >= 2 and _mostly_upper(filled[0][1]) and len(filled[0][1].split()) <= 3 \
            and not _mostly_upper(filled[1][1]) and filled[1][0] > filled[0][0] + 1:
        lines = lines[filled[1][0]:]
    parts: list[str] = []
    for i, line in enumerate(lines):
        line = line.strip()
        if not line:
            if parts:
                break
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if parts and (RAPPORTEUR.match(line) or not (_mostly_upper(line) and _mostly_upper(parts[-1])
                                                     or continues_title(" ".join(parts), line, following))):
            break
        parts.append(line)
        if len(parts) == 4:
            break
    return _tidy_title(" ".join(parts))


def _tidy_title(title: str) -> str:
    return OBJET.sub("", re.sub(r"\s+", " ", title).strip(" :–-"))

