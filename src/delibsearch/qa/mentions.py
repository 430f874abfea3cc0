"""Mentions of the expected type in a passage, and the one the passage ties to the question.

Amounts, numbers and dates are read from the passage's own text (the extractors' patterns); persons,
places and organisations are the stored mentions inside the passage, plus organisation names printed
after their kind ("la société X", "l'association « Y »"). The chosen mention is the one closest, in
words, to the question's focus (the head of its wh-phrase) and to the other words it shares with the
passage; a mention the question itself contains is not an answer to it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from delibsearch.extract.dates import fold, words_to_int
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.money import find_amounts, parse_number
from delibsearch.qa.passages import ANALYZER, Passage, stems_of

NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?(?![\w.,/-]*\d)"
                    r"(?:\s*(?P<unit>%|m²|m2|m3|km|ha|m\b|kwh\b))?", re.I)
NUMBER_WORD = re.compile(r"\b(un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze"
                         r"|seize|vingt|trente|quarante|cinquante|soixante|cent)\b", re.I)
ORGANISATION_KINDS = (r"(?:(?i:soci[ée]t[ée]|entreprise|association|garage|restaurant|cabinet|bureau d['’][ée]tudes|groupe"
                      r"|mutuelle|assureur|organisme|laboratoire|prestataire|attributaire|fournisseur|op[ée]rateur"
                      r"|ma[îi]tre d['’] ?(?:œ|oe)uvre)|SASU|SAS|SARL|EURL)")
REFERENCE = re.compile(r"(?:article|art\.|n°|no|loi|décret|L\.|R\.)\s*$", re.I)
# A threshold of a rule ("lorsque le taux est inférieur à 75 % de la moyenne"), not a figure decided.
BOUND = re.compile(r"\b(?:inférieure?s?|supérieure?s?|égale?s?)\s+à\s*$|\bdans\s+la\s+limite\s+de\s*$", re.I)
NAMED_AFTER_KIND = re.compile(
    rf"\b(?P<kind>{ORGANISATION_KINDS})\s+(?:(?:de |du |d['’])?(?:l['’]|la |le )?)?"
    r"(?P<name>«\s*[^»]{2,60}?\s*»|[A-ZÀ-Þ0-9][\w&'’.-]*(?:\s+(?:[A-ZÀ-Þ0-9&][\w&'’.-]*|(?:de|du|des|d['’])\s*[A-ZÀ-Þ][\w'’-]*))*)",
)
PLACE_KINDS = r"(?:[Ss]alle|[Pp]arking|[Pp]lace|[Rr]ue|[Aa]venue|[Bb]oulevard|[Ee]space|[Cc]omplexe|[Hh]ameau|[Qq]uartier)"
NAMED_PLACE = re.compile(
    rf"(?:\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+)?\b{PLACE_KINDS}(?:\s+[a-zà-ÿ]+)?\s+(?:(?:de |du |des |d['’]|la |le |l['’])\s*)?"
    r"[A-ZÀ-Þ][\w'’-]*(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|de|du|des|d['’][A-ZÀ-Þ][\w'’-]*))*")
TOWN_OF = re.compile(r"\b(?:[Cc]ommune|[Vv]ille|[Vv]illage|[Hh]ameau)\s+(?:de |d['’])\s*([A-ZÀ-Þ][\w'’-]*(?:[\s-]+(?:(?:sur|sous|lès|les|en|la|le|de)[\s-]+)?[A-ZÀ-Þ][\w'’-]*)*)")
PERSON_SHAPE = re.compile(r"(?:\b(?:M\.|Mme|Monsieur|Madame)\s+)?\b[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?\s+[A-ZÀ-Þ]{2,}(?:[\s-][A-ZÀ-Þ]{2,})*\b")
VOTE_TALLY = re.compile(r"\s*(?:votes?|voix|pour\b|contre\b|abstentions?)", re.I)  # "12 votes pour": a tally
YEAR = re.compile(r"^(?:19|20)\d{2}$")
FOCUS_AFTER = 6  # a mention this many words after a focus word reads as its value ("une aide de 1 257 €")


@dataclass
class Candidate:
    text: str
    value: Any
    start: int  # in the passage's text
    end: int


def candidates(passage: Passage, kind: str, stored: list[dict]) -> list[Candidate]:
    """Every mention of the expected type in the passage."""
    text = passage.text
    if kind == "amount":
        return [Candidate(text[a.start:a.end], a.value, a.start, a.end) for a in find_amounts(text)]
    if kind == "number":
        return _numbers(text)
    if kind == "date":
        year = int(passage.date[:4]) if passage.date else None
        return [Candidate(text[d.start:d.end], d.value, d.start, d.end) for d in find_dates(text, year)
                if re.match(r"\d{4}-\d{2}-\d{2}", d.value)]
    found = _stored(passage, kind, stored)
    if kind == "organisation":
        found = _widest(found + _named_after_kind(text))
    if kind == "person":
        shapes = [Candidate(m.group(0), m.group(0), m.start(), m.end()) for m in PERSON_SHAPE.finditer(text)]
        found = [c for c in _widest(found + shapes) if not _presenter(text, c)]
    if kind == "place":
        shapes = [Candidate(m.group(0), m.group(0), m.start(), m.end()) for m in NAMED_PLACE.finditer(text)]
        shapes += [Candidate(m.group(1), m.group(1), m.start(1), m.end(1)) for m in TOWN_OF.finditer(text)]
        found = _widest(found + shapes)
    return found


def _common_word(text: str, passage: Passage) -> bool:
    """A lone upper-case word the item also prints in lower case ("AIDE", "TARIF") is a heading, not a name."""
    if " " in text.strip() or not text.isupper() or passage.item is None:
        return False
    return re.search(rf"\b{re.escape(text.lower())}\b", passage.item.text) is not None


def _widest(found: list[Candidate]) -> list[Candidate]:
    """Drop a mention inside a wider one: "SAS Kerwatt" rather than "SAS", "Garage LJ AUTOMOBILES" rather than "LJ"."""
    return [c for c in found if not any(o is not c and o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
                                        for o in found)]


# A clause ends at punctuation, or at a line break before a capital or a bullet (a table's next row).
SPAN_STOP = re.compile(r"[.,;:!?«»()]|\s[–-]\s|\n(?=\s*[A-ZÀ-Þ0-9•▪-])")
LINKS = r"(?:au|aux|à|a|de|du|des|d['’]|sur|pour|par|en|dans|avec|qui|que|et|le|la|les|l['’])"
SPAN_WORDS = 10


def text_span(passage: Passage, weights: dict[str, float], focus: list[str]) -> Candidate | None:
    """A short phrase as the answer ("tous les 3 mois", "avis défavorable"): the words that follow the focus
    ("un avis *défavorable* au projet"), else those after the last word the passage shares with the question
    ("auront lieu *tous les 3 mois*"), up to the end of the clause."""
    tokens = [(t.startchar, t.endchar, t.text) for t in ANALYZER(passage.text, chars=True)]
    focus_stems = stems_of(" ".join(focus))
    at_focus = [t for t in tokens if t[2] in focus_stems]
    matched = [t for t in tokens if t[2] in weights]
    if not matched:
        return None
    text = passage.text
    words: list[str] = []
    if at_focus:
        start = at_focus[0][1]
        rest = text[start:]
        stop = re.search(rf"{SPAN_STOP.pattern}|\s{LINKS}\s", rest)
        words = (rest[:stop.start()] if stop else rest).split()
    for token in reversed(matched if not words else []):
        # After the last word shared with the question that a clause follows ("auront lieu tous les 3 mois";
        # "Michel DIVERCHY Transition écologique" when the shared "adjoint" ends a clause).
        if re.match(r"\s*[,;.:]", text[token[1]:]) or token[2] in focus_stems:
            continue
        start = token[1]
        rest = text[start:]
        lead = re.match(rf"(?:\s*(?:{LINKS})\b)*\s*", rest)
        start += lead.end() if lead and re.match(r"\s*(?:dans|en|à|a|de|du|des|et)\b", rest) else len(rest) - len(rest.lstrip())
        rest = text[start:]
        stop = SPAN_STOP.search(rest)
        words = (rest[:stop.start()] if stop else rest).split()
        if words and stems_of(" ".join(words)) <= weights.keys():
            words = []  # the question's own words again ("sur ce projet")
            continue
        break
    if not words or len(words) > SPAN_WORDS:
        return None
    phrase = " ".join(words)
    begin = text.index(words[0], start)
    return Candidate(phrase, phrase, begin, begin + len(phrase))


def _stored(passage: Passage, kind: str, stored: list[dict]) -> list[Candidate]:
    found = _stored_inside(passage, kind, stored)
    if kind == "organisation":
        # "établissement du Département" describes; a name starts with a capital.
        found = [_extend_capitals(passage.text, c) for c in found if not _common_word(c.text, passage) and c.text[:1].isupper()]
    if kind == "person":
        found = [_one_line(c) for c in found]
    return found


PRESENTS_AFTER = re.compile(r"\s*,?\s*(?:expose|présente|rapporte)\b")
PRESENTS_BEFORE = re.compile(r"Rapporteur\s*:\s*$", re.I)


def _presenter(text: str, c: Candidate) -> bool:
    """"Madame Danielle MAREC expose :", "Rapporteur : Eric BEGUIN": who presents the item, not who it is about
    (the rapporteur is a record of its own)."""
    return bool(PRESENTS_AFTER.match(text, c.end) or PRESENTS_BEFORE.search(text[max(0, c.start - 20):c.start]))


def _one_line(c: Candidate) -> Candidate:
    """"Patrick Kaczmarek\nSuppléant": a name ends at the line's end when the next line starts a label."""
    first, _, rest = c.text.partition("\n")
    if not rest or rest.strip().isupper():
        return c
    return Candidate(first.strip(), first.strip(), c.start, c.start + len(first.rstrip()))


def _extend_capitals(text: str, c: Candidate) -> Candidate:
    """A name in capitals goes on over the next words in capitals: "TERRITORIA" -> "TERRITORIA MUTUELLE"."""
    if not c.text.isupper():
        return c
    match = re.match(r"(?:[ \t]+[A-ZÀ-Þ][A-ZÀ-Þ0-9&'’-]+\b)+", text[c.end:])
    if not match:
        return c
    end = c.end + match.end()
    return Candidate(text[c.start:end], text[c.start:end], c.start, end)


def _stored_inside(passage: Passage, kind: str, stored: list[dict]) -> list[Candidate]:
    found = []
    for m in stored:
        if m["type"] != kind:
            continue
        if passage.start is not None and m["start"] is not None:
            start, end = m["start"] - passage.start, m["end"] - passage.start
            if 0 <= start and end <= len(passage.text):
                found.append(Candidate(passage.text[start:end], m["name"] or m["value"] or m["text"], start, end))
        elif passage.start is None:
            at = passage.text.find(m["text"])
            if at >= 0:
                found.append(Candidate(m["text"], m["name"] or m["value"] or m["text"], at, at + len(m["text"])))
    return found


def _named_after_kind(text: str) -> list[Candidate]:
    """"la société Dupont Restauration", "au Garage LJ AUTOMOBILES", "restaurant « Le Trio »": the name after its kind."""
    found = []
    for match in NAMED_AFTER_KIND.finditer(text):
        name = match.group("name").strip("« »").strip()
        if len(name) < 2:
            continue
        kind = match.group("kind")
        if kind in ("SAS", "SASU", "SARL", "EURL", "Garage"):
            found.append(Candidate(text[match.start():match.end()], text[match.start():match.end()], match.start(), match.end()))
        else:
            start = match.start("name") + match.group("name").find(name)
            found.append(Candidate(name, name, start, start + len(name)))
    return found


def _numbers(text: str) -> list[Candidate]:
    """Counts, rates and lengths: digits (not part of an amount or a date) and number words."""
    taken = [(a.start, a.end) for a in find_amounts(text)] + [(d.start, d.end) for d in find_dates(text, 2000)]
    found = []
    for match in NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        value = parse_number(match.group(1) + ("," + match.group(2) if match.group(2) else ""))
        if value is not None and not (YEAR.match(match.group(0).strip()) and not match.group("unit")) \
                and not REFERENCE.search(text[max(0, match.start() - 12):match.start()]) \
                and not BOUND.search(text[max(0, match.start() - 24):match.start()]) \
                and not _list_marker(text, match) and not VOTE_TALLY.match(text, match.end()):
            found.append(Candidate(match.group(0).strip(), value, match.start(), match.end()))
    for match in NUMBER_WORD.finditer(text):
        value = words_to_int(match.group(1))
        if value is not None and not any(s <= match.start() < e for s, e in taken) and not _is_article(text, match):
            found.append(Candidate(match.group(0), float(value), match.start(), match.end()))
    return found


def _list_marker(text: str, match: re.Match[str]) -> bool:
    """"2/ Délibération ...", "3. Tarification": the number of a heading, not a count."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    return not text[line_start:match.start()].strip() and re.match(r"\s*(?:[/.)°-]|ème|er\b)", text[match.end():]) is not None


def _is_article(text: str, match: re.Match[str]) -> bool:
    """"un" and "une" are mostly articles: count them only before "voix", "abstention" and the like."""
    if fold(match.group(1)) not in ("un", "une"):
        return False
    return not re.match(r"\s+(?:voix|abstentions?|vote|seul|seule)\b", text[match.end():], re.I)


@dataclass
class Choice:
    candidate: Candidate
    clarity: float  # how clearly it beats the passage's other candidates (0-1)
    tie: float  # how tightly the focus holds it: 1 for "une aide de 1 257 €", "47 atteintes"; 0 when far


def choose(passage: Passage, found: list[Candidate], q_text: str, weights: dict[str, float],
           focus: list[str], counts: bool = False, names: list[str] | None = None) -> Choice | None:
    """The candidate nearest to the question's words (the focus first)."""
    folded_question = fold(q_text).replace("’", "'")
    fresh = [c for c in found if not _in_question(c, folded_question) and not _acronym_of_question(c, folded_question)
             and not _shares_a_name(c, names)]
    if not fresh:
        return None
    tokens = [(t.startchar, t.text) for t in ANALYZER(passage.text, chars=True)]
    focus_stems = stems_of(" ".join(focus))
    number_stems = {t for t in stems_of(q_text) if t.isdigit()}
    index_of = lambda char: sum(1 for pos, _ in tokens if pos < char)  # noqa: E731
    anchors = [(index_of(pos), weights.get(stem, 0.0) + (1.0 if stem in number_stems else 0.0), stem in focus_stems)
               for pos, stem in tokens if stem in weights or stem in number_stems]
    if not anchors:
        return Choice(fresh[0], 0.0, 0.0)
    years = [(index_of(pos), stem in number_stems) for pos, stem in tokens if YEAR.match(stem)]

    def tie(here: int) -> float:
        best = 0.0
        for where, _, is_focus in anchors:
            if is_focus and (1 <= here - where <= 3 or counts and where - here == 1):
                best = 1.0  # "la commune de Montmartin", "une aide de 1 257 €", "47 atteintes"
            elif is_focus and 3 < here - where <= FOCUS_AFTER:
                best = max(best, 0.5)
        return best

    def closeness(c: Candidate) -> float:
        here = index_of(c.start)
        # A count is followed by what is said of it ("20 installations ont été réhabilitées et 71 contrôlées").
        total = sum(weight / (1 + abs(here - where)) * (0.5 if counts and where < here else 1.0)
                    for where, weight, _ in anchors) + 2.0 * tie(here)
        # "passe de 3 282 € en 2019 à 3 856 € en 2020": the value beside the question's year
        # (the year that follows first: "29 333 € en 2021 et 38 000 € en 2022")
        after = [y for y in years if 0 < y[0] - here <= 3]
        before = [y for y in years if 0 < here - y[0] <= 3]
        year = min(after, default=None) or max(before, default=None)
        if year and number_stems:
            total += 4.0 if year[1] else -2.0
        return total

    ranked = sorted(fresh, key=closeness, reverse=True)
    best = closeness(ranked[0])
    second = closeness(ranked[1]) if len(ranked) > 1 and ranked[1].value != ranked[0].value else 0.0
    return Choice(ranked[0], (best - second) / best if best > 0 else 0.0, tie(index_of(ranked[0].start)))


def _shares_a_name(c: Candidate, names: list[str] | None) -> bool:
    """"Clermont-Ferrand" when the question names the "Centre Europe Direct Clermont Puy-de-Dôme": a part of
    the question's subject, not what is asked of it."""
    if not names or not re.search(r"[A-Za-zÀ-ÿ]{3}", c.text):
        return False
    return bool({s for s in stems_of(c.text) if len(s) > 3} & {s for s in stems_of(" ".join(names)) if len(s) > 3})


def _acronym_of_question(c: Candidate, folded_question: str) -> bool:
    """"MIS" when the question says "manifestation d'intérêt spontanée": the question's own words, abbreviated."""
    letters = re.sub(r"[^A-Z]", "", c.text)
    if len(letters) < 3 or letters != c.text.strip():
        return False
    initials = "".join(w[0] for w in re.findall(r"\w+", re.sub(r"\b\w['’]", "", folded_question)) if len(w) > 2)
    return letters.lower() in initials


def _in_question(c: Candidate, folded_question: str) -> bool:
    text = " ".join(fold(c.text).replace("’", "'").split())  # a name printed over two lines too
    if re.fullmatch(r"[\d\s.,%€]+", text):
        digits = re.sub(r"\D", "", text)
        return bool(digits) and re.search(rf"(?<!\d){digits}(?!\d)", re.sub(r"(?<=\d)[\s.](?=\d)", "", folded_question)) is not None
    return text.strip() in folded_question
