"""Which person records are one human: the rules that link them, each with the reason it gives.

A person record is a name within an authority (records.entity_id). The same councillor is printed as
"Laëtitia PIERRON" on one page and "Laetitia PIERREON" on another, "DUPONT Jean" in a table, "M. DUPONT"
in a debate, "J. DUPONT" under a signature, "Nelly" in an informal attendance list; and the same full name
sits on a commune's council and on its intercommunal council. Every link here is explainable (its `why`
is shown on the person's page) and an archivist's decision (records.person_decisions) overrides the rules.

Linking is conservative: a short form (a surname, a given name, an initial) joins a full name only when
exactly one member of that authority's lists fits it; two full names join when they differ only by
accents, hyphens, spacing, order or a stray letter, or by one letter in a long name; across authorities
only the same full name in a commune and in an intercommunal council that mentions the commune.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from delibsearch.extract.dates import fold
from delibsearch.extract.given_names import is_given_name

INTERCOMMUNAL = re.compile(r"\b(?:communaute|syndicat|sivos|sivom|sivu|sictom|smictom|metropole|agglomeration"
                           r"|intercommunal\w*|pays|pole|petr|epci)\b")
COMMUNE_PREFIX = re.compile(r"^(?:commune|ville|mairie|conseil municipal)\s+(?:de\s+(?:la\s+)?|d'|du\s+|des\s+)?")
LABEL_WORDS = frozenset("""absent absente absents absentes excuse excusee excuses excusees present presente presents
presentes represente representee representes representees pouvoir procuration secretaire maire adjoint adjointe
conseiller conseillere municipal municipale delegue deleguee titulaire suppleant suppleante date nombre signature
total totaux election""".split())
CIVILITIES = frozenset("m mm mme mmes mr mlle monsieur madame mademoiselle messieurs mesdames".split())
# A list's label glued to a name, however the OCR spelt its end ("Absenteexonsée").
LABEL_STEMS = ("absent", "excus", "present", "represent", "procuration")
MIN_TYPO_LENGTH = 9  # one letter apart only in names this long, and never two names listed at one sitting


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    scope: str
    sittings: frozenset[int] = frozenset()  # the sittings whose lists print it: an anchor for the short forms

    def beside(self, other: PersonRecord) -> bool:
        """Listed at the same sitting: two people, whatever their names."""
        return bool(self.sittings & other.sittings)


@dataclass(frozen=True)
class Link:
    member: int
    into: int
    rule: str
    why: str


@dataclass(frozen=True)
class Shape:
    """A name as comparable words: folded, hyphens and apostrophes as spaces, initials apart."""
    words: tuple[str, ...]
    initials: tuple[str, ...] = ()
    stray: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return " ".join(sorted(self.words))

    @property
    def clean(self) -> bool:
        return not (self.stray or self.labels)


@functools.lru_cache(maxsize=1 << 16)  # each name is shaped by the links within, across and the ranking
def shape(name: str) -> Shape:
    words, initials, stray, labels = [], [], [], []
    for position, raw in enumerate(re.findall(r"[^\s\-'’.]+\.?", name)):  # "M.BERNARD": an initial, a word
        token = fold(raw).strip(".,;:()")
        if not token or position == 0 and token in CIVILITIES:
            continue
        if len(token) == 1:
            (initials if raw.endswith(".") else stray).append(raw)
        elif token in LABEL_WORDS or token.startswith(LABEL_STEMS) and not raw.isupper():  # "NOMBRET" is a surname
            labels.append(raw)
        else:
            words.append(token)
    return Shape(tuple(words), tuple(initials), tuple(stray), tuple(labels))


def links(records: list[PersonRecord], mentioned: dict[str, set[str]]) -> list[Link]:
    """Links between records that are one human; `mentioned` holds, per scope, the folded place names its
    documents mention (the evidence that a commune belongs to an intercommunal council)."""
    by_scope: dict[str, list[PersonRecord]] = defaultdict(list)
    for record in records:
        by_scope[record.scope].append(record)
    found = [link for scoped in by_scope.values() for link in _within(scoped)]
    return found + _across(records, mentioned)


def _within(records: list[PersonRecord]) -> list[Link]:
    shapes = {r.id: shape(r.name) for r in records}
    full = [r for r in records if len(shapes[r.id].words) >= 2]
    clean = [r for r in full if shapes[r.id].clean]
    clean_by_word: dict[str, list[PersonRecord]] = defaultdict(list)  # the full names that hold a word
    for r in clean:
        for word in set(shapes[r.id].words):
            clean_by_word[word].append(r)
    listed_by_word = {word: [r for r in held if r.sittings] for word, held in clean_by_word.items()}
    by_key: dict[str, list[PersonRecord]] = defaultdict(list)
    by_deletion: dict[str, list[PersonRecord]] = defaultdict(list)  # names one letter apart share a deletion
    for r in full:
        by_key[shapes[r.id].key].append(r)
        for variant in _deletions(shapes[r.id].key):
            by_deletion[variant].append(r)
    found: list[Link] = []
    for record in records:
        s = shapes[record.id]
        near = {r.id: r for variant in _deletions(s.key) for r in by_deletion.get(variant, ())}
        word = s.words[0] if len(s.words) == 1 else ""
        target = (_same_words(record, s, by_key[s.key], shapes) or _one_letter(record, s, list(near.values()), shapes)
                  or _short_form(record, s, listed_by_word.get(word, []), shapes)
                  or _short_form(record, s, clean_by_word.get(word, []), shapes, listed=False))
        if target:
            found.append(target)
    return found


def _same_words(record: PersonRecord, s: Shape, same_key: list[PersonRecord], shapes: dict[int, Shape]) -> Link | None:
    if len(s.words) < 2:
        return None
    for other in same_key:
        o = shapes[other.id]
        if other.id != record.id and _rank(other, o) > _rank(record, s):
            if o.words == s.words and (s.stray or s.labels or s.initials):
                extra = " ".join((*s.stray, *s.labels, *s.initials))
                return Link(record.id, other.id, "stray", f"« {record.name} » porte en plus « {extra} », "
                            f"collé au nom de « {other.name} »")
            if record.beside(other):
                continue
            return Link(record.id, other.id, "spelling", f"« {record.name} » et « {other.name} » ne diffèrent que "
                        "par les accents, les traits d'union, les espaces ou l'ordre des mots")
    return None


def _deletions(key: str) -> set[str]:
    """The key and the key with any one letter left out: two keys one edit apart share one of these."""
    return {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}


def _one_letter(record: PersonRecord, s: Shape, near: list[PersonRecord], shapes: dict[int, Shape]) -> Link | None:
    if len(s.words) < 2 or len(s.key) < MIN_TYPO_LENGTH:
        return None
    close = [other for other in near if other.id != record.id
             and len(shapes[other.id].words) == len(s.words) and _one_edit(shapes[other.id].key, s.key)]
    if len(close) == 1 and not record.beside(close[0]) and _rank(close[0], shapes[close[0].id]) > _rank(record, s):
        other = close[0]
        return Link(record.id, other.id, "typo", f"« {record.name} » et « {other.name} » ne diffèrent que d'une "
                    "lettre, et aucun autre membre n'en est si proche")
    return None


def _short_form(record: PersonRecord, s: Shape, anchors: list[PersonRecord], shapes: dict[int, Shape],
                listed: bool = True) -> Link | None:
    """A surname, a given name or an initial and surname that exactly one member of the lists fits; when no
    member does, the only full name of the authority it fits ("Monsieur PETIT" and "Thomas PETIT" on one page).
    A short form and a full name listed at one sitting may be one human in two roles ("Mme TEXEIRA,
    secrétaire")."""
    if len(s.words) != 1 or len(s.words[0]) < 3 or not listed and _is_given(s.words[0]) and not s.initials:
        return None
    word = s.words[0]
    if s.initials:
        initial = fold(s.initials[0]).strip(".")
        fits = [a for a in anchors if word in shapes[a.id].words
                and any(w.startswith(initial) for w in shapes[a.id].words if w != word)]
        how = "l'initiale et le nom de « {} »"
    elif _is_given(word):
        fits = [a for a in anchors if shapes[a.id].words[0] == word or shapes[a.id].words[-1] == word]
        how = "le prénom du seul membre des listes qui le porte, « {} »"
    else:
        fits = [a for a in anchors if word in shapes[a.id].words]
        how = "le nom du seul membre des listes qui le porte, « {} »"
    fits = [a for a in fits if a.id != record.id]
    if len({shapes[a.id].key for a in fits}) != 1:
        return None
    best = max(fits, key=lambda a: _rank(a, shapes[a.id]))
    how = how if listed else how.replace("du seul membre des listes", "du seul nom complet de l'autorité")
    return Link(record.id, best.id, "short", f"« {record.name} » est {how.format(best.name)}")


def _across(records: list[PersonRecord], mentioned: dict[str, set[str]]) -> list[Link]:
    """The same full name on a commune's lists and on the lists of an intercommunal council whose
    documents mention that commune."""
    on_lists: dict[str, list[PersonRecord]] = defaultdict(list)
    for record in records:
        s = shape(record.name)
        if record.sittings and len(s.words) >= 2 and s.clean and record.scope:
            on_lists[s.key].append(record)
    found = []
    for same in on_lists.values():
        groups = [r for r in same if INTERCOMMUNAL.search(fold(r.scope))]
        communes = [r for r in same if r not in groups]
        for group in groups:
            members = [c for c in communes if _commune_name(c.scope) in mentioned.get(group.scope, set())]
            if len(members) == 1:
                commune = members[0]
                found.append(Link(group.id, commune.id, "mandates",
                                  f"même nom complet sur les listes de « {commune.scope} » et de « {group.scope} », "
                                  f"dont les séances citent {commune.scope}"))
    return found


def _commune_name(scope: str) -> str:
    return COMMUNE_PREFIX.sub("", fold(scope)).strip()


def _is_given(word: str) -> bool:
    return is_given_name(word.capitalize())


def _rank(record: PersonRecord, s: Shape) -> tuple[bool, bool, int, int, int]:
    """Which of two records names the human: a name with no stray word, a full name, then the one on more
    lists, then the one with more accents and hyphens (a compound name printed whole), then the first."""
    marks = sum(1 for c in unicodedata.normalize("NFD", record.name) if unicodedata.combining(c) or c == "-")
    return (s.clean, len(s.words) >= 2, len(record.sittings), marks, -record.id)


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def groups(records: list[PersonRecord], found: list[Link]) -> dict[int, int]:
    """member id -> the id of the record that names its human (members only), through chains of links."""
    rank = {r.id: _rank(r, shape(r.name)) for r in records}
    parent = {r.id: r.id for r in records}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in found:
        if link.member in parent and link.into in parent:
            a, b = root(link.member), root(link.into)
            if a != b:
                keep, drop = (a, b) if rank[a] >= rank[b] else (b, a)
                parent[drop] = keep
    return {r.id: root(r.id) for r in records if root(r.id) != r.id}
