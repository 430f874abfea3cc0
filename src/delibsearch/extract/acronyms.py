"""Acronyms printed with their expansion: "Union nationale des combattants (U.N.C.)", "l'ASL (Association
Sport & Loisirs)", "le SIVOC, Syndicat Intercommunal à Vocation Culturelle".

An expansion is taken only when the initials of its content words spell the acronym, so no list of names
is needed; the names learnt are then found again anywhere in the document, in any case
("réseau international des villes Michelin" after "Réseau International des Villes Michelin (RIVM)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from delibsearch.extract.dates import fold

DOTTED = r"(?:[A-Z]\.){2,}(?:-(?:[A-Z]\.)+[A-Z]?)?[A-Z]?"
PLAIN = r"[A-Z][A-Z&]{1,9}"
ACRONYM = rf"(?:{DOTTED}|{PLAIN})"
# "expansion (ACR)" and "ACR (expansion)" or "ACR, expansion"
BEFORE = re.compile(rf"\((?P<acr>{ACRONYM})\.?\)")
AFTER = re.compile(rf"(?<![\w.])(?P<acr>{ACRONYM})\s*(?:\(|,\s*)(?=[A-ZÀ-Þ])")
WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?|&")
SMALL = {"de", "des", "du", "d", "la", "le", "les", "l", "à", "a", "aux", "au", "et", "en", "pour", "sur", "&"}
MAX_WORDS = 12


@dataclass(frozen=True)
class Expansion:
    acronym: tuple[int, int]
    name: tuple[int, int]


def letters_of(acronym: str) -> str:
    """"A.C.P.G.-A.C.A.T.M." -> "ACPG" (the first of joined acronyms), "SIVOC" -> "SIVOC"."""
    return re.sub(r"[^A-Z]", "", acronym.split("-")[0])


def _head(word: str) -> str:
    return fold(re.sub(r"^[dl][’']", "", word, flags=re.I)).upper()


def _matches(words: list[str], letters: str) -> bool:
    """Each content word gives the first one to three letters, each small word its initial or nothing."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    head = _head(word)
    if word.lower() in SMALL:
        return _matches(rest, letters) or (bool(head) and letters[:1] == head[:1] and _matches(rest, letters[1:]))
    return any(letters[:n] == head[:n] and _matches(rest, letters[n:]) for n in range(1, min(3, len(head)) + 1))


def _spells(words: list[re.Match], letters: str) -> bool:
    """The words spell the acronym, from a capitalised first word, with at least two content words."""
    texts = [w.group() for w in words]
    content = [t for t in texts if t.lower() not in SMALL]
    if len(content) < 2 or not re.sub(r"^[dl][’']", "", content[0], flags=re.I)[:1].isupper():
        return False
    return _matches(texts, letters)


def _backward(text: str, end: int, letters: str) -> int | None:
    """Start of the words just before `end` whose initials spell `letters`, or None."""
    window = text[max(0, end - 200):end]
    if re.search(r"[.;:!?\n()«»]", window[-3:]):
        return None
    cut = max(window.rfind(c) for c in ".;:!?()«»\n•–") + 1
    words = list(WORD.finditer(window, cut))
    for size in range(min(len(words), MAX_WORDS), 1, -1):
        chunk = words[-size:]
        if chunk[0].group().lower() not in SMALL and _spells(chunk, letters):
            return end - len(window) + chunk[0].start()
    return None


def _forward(text: str, start: int, letters: str) -> int | None:
    """End of the words from `start` whose initials spell `letters`, or None."""
    window = text[start:start + 200]
    stop = re.search(r"[.;:!?()\n«»,]", window)
    words = list(WORD.finditer(window, 0, stop.start() if stop else len(window)))
    for size in range(min(len(words), MAX_WORDS), 1, -1):
        chunk = words[:size]
        if chunk[-1].group().lower() not in SMALL and _spells(chunk, letters):
            return start + chunk[-1].end()
    return None


def find_expansions(text: str) -> list[Expansion]:
    """Every acronym of the text printed beside its expansion."""
    found = []
    for match in BEFORE.finditer(text):
        begin = _backward(text, len(text[:match.start()].rstrip()), letters_of(match.group("acr")))
        if begin is not None:
            begin += len(re.match(r"(?:[dl][’'])?", text[begin:], re.I).group())
            found.append(Expansion(match.span("acr"), (begin, len(text[:match.start()].rstrip()))))
    for match in AFTER.finditer(text):
        end = _forward(text, match.end(), letters_of(match.group("acr")))
        if end is not None:
            found.append(Expansion(match.span("acr"), (match.end(), end)))
    return found


def learnt_names(texts: list[str], stoplist: frozenset[str] = frozenset()) -> set[str]:
    """The expansions (spaces normalised) printed anywhere in a document's texts, but those of stop-listed
    acronyms (a code or a funding scheme is not an organisation)."""
    names = set()
    for text in texts:
        flat = text.replace("\n", " ")
        for expansion in find_expansions(flat):
            if letters_of(flat[slice(*expansion.acronym)]) not in stoplist:
                names.add(" ".join(flat[slice(*expansion.name)].split()))
    return names
