"""Person names as printed in attendance lists: civility removed, "Prénom NOM" kept.

A `Roster` resolves the short forms used in the body ("Mme DEFOSSEZ",
"M. Papin", "O. Bianchi") to the full names of the sitting's header.
"""
from __future__ import annotations

import difflib
import re

from delibsearch.extract.dates import fold

CIVILITY = re.compile(
    r"^(?:(?:M\.|MM\.|Mr\.?|Mme\.?|Mmes\.?|Mlle\.?|Madame|Monsieur|Mesdames|Messieurs|Mademoiselle|Dr\.?|Docteur|Me)\s+)+",
    re.I,
)
# "Mmes et MM. A, B", "Mesdames et Messieurs A, B": a list's opening civilities, not a name and the next.
CIVILITY_PAIR = re.compile(r"^\s*(?:Mmes|Mesdames|MM\.?|Messieurs)\s+et\s+(?:Mmes|Mesdames|MM\.?|Messieurs)\s+")
NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
PLURAL_CIVILITY = re.compile(r"(?<!\S)(?:MM\.?|MMES|Mmes|Messieurs|Mesdames)(?!\S)")
CIVILITY_WORDS = re.compile(r"(?<!\S)(?:M\.|MME|Mme|MLLE|Mlle)(?!\S)")
MIN_SURNAME_RUN = 3
PARTICLES = {"de", "du", "des", "le", "la", "les", "van", "von", "d'", "da", "di", "ben", "el", "dos", "del"}
NOT_NAMES = {
    "le", "la", "les", "maire", "président", "présidente", "secrétaire", "conseil", "monsieur", "madame",
    "titulaires", "suppléants", "suppléant", "néant", "aucun", "aucune", "soit", "ordre", "jour",
    "vote", "pour", "contre", "abstention", "adjoint", "adjointe", "adjoints", "adjointes", "commune", "ville", "délégués",
    "république", "française", "français", "département", "arrondissement", "canton", "préfecture", "région",
    "mairie", "séance", "registre", "délibération", "délibérations", "extrait",
}
NOT_NAME_KEYS = {fold(word) for word in NOT_NAMES}  # compared folded: "Président", "PRESIDENT"
PAREN = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")  # a scan reads "(" as "[" and back
BULLET = re.compile(r"(?:^|\n)\s*[:;.,]?[-–•▪o*]\s+")  # ":- A": a scan reads a stray mark before the dash
SPLIT_LIST = re.compile(r"\s*(?:,|;|\s[–—-]\s|\bet\b|\s(?=(?:M\.|Mme|Madame|Monsieur)\s))\s*")


def strip_civility(text: str) -> str:
    return CIVILITY.sub("", text.strip()).strip()


# A scan's capital read apart from the rest of its word ("J ean-Pierre PLUS"): no name word is one capital
# followed by lower-case letters, so the two are one word.
OCR_SPLIT_INITIAL = re.compile(r"(?<![\w.])([A-ZÀ-Þ]) ([a-zà-ÿ]{2,})")
OCR_BAR_INITIAL = re.compile(r"^[|!]\.\s?(?=[A-ZÀ-Þ])")  # "|. MEJEAN": a scan's "I." read as a bar


def clean_name(raw: str) -> str | None:
    """"Monsieur Jean-Jacques\\nCARRETERO" -> "Jean-Jacques CARRETERO"; None when it is not a name."""
    text = PAREN.sub("", raw)
    text = re.sub(r"\s+", " ", text).strip(" .:;,-–*")
    text = strip_civility(text)
    text = re.sub(r"\s*\d+\s*$", "", text).strip(" .:;,-–*")
    text = OCR_BAR_INITIAL.sub("I.", OCR_SPLIT_INITIAL.sub(r"\1\2", text))
    if not _looks_like_name(text):
        return None
    return _given_name_first(text)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 60:
        return False
    if any(_is_common_word(w) for w in words):
        return False
    capitalised = [w for w in words if re.match(NAME_WORD, w)]
    lowered = [w for w in words if not re.match(NAME_WORD, w) and fold(w) not in PARTICLES]
    return bool(capitalised) and not lowered and not re.search(r"\d", text)


def _is_common_word(word: str) -> bool:
    key = fold(word).strip(".,")
    if _is_upper(word) and key in PARTICLES | {"les"}:
        return False
    return key in NOT_NAME_KEYS


def _given_name_first(text: str) -> str:
    """"DEMOUY Florence" -> "Florence DEMOUY"; names already in that order are kept."""
    words = text.split()
    upper = [_is_upper(w) for w in words]
    if len(words) >= 2 and upper[0] and not upper[-1]:
        cut = upper.index(False)
        if all(upper[:cut]) and not any(upper[cut:]):
            return " ".join(words[cut:] + words[:cut])
    return text


def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def split_names(text: str) -> list[str]:
    """Names of a printed list ("Madame A B, Monsieur C D (départ à 19h59) – E F et G H")."""
    text = CIVILITY_PAIR.sub("", PAREN.sub("", BULLET.sub(", ", text)).replace("\n", " "))
    names = []
    for part in SPLIT_LIST.split(text):
        surnames = _surname_run(part) if part else None
        if surnames:
            names += surnames
            continue
        name = clean_name(part) if part else None
        if name:
            names.append(name)
    return names


def _surname_run(part: str) -> list[str] | None:
    """Surnames printed one after another under plural civilities, as small communes' registers print them
    ("MM. DUCOURNAU LABORDE LACAZE MMES LATAPIE CHOMEL"): each capitalised word a member, a particle ("LE
    GOFF", "DE LA ROCHE") joined to the word after it. None for anything else."""
    if not PLURAL_CIVILITY.search(part):
        return None
    words = [w for w in PLURAL_CIVILITY.sub(" ", CIVILITY_WORDS.sub(" ", part)).split() if w.strip("|.,;")]
    words = [w.strip("|.,;") for w in words]
    if len(words) < MIN_SURNAME_RUN or not all(_is_upper(w) and len(w) > 1 for w in words):
        return None
    surnames: list[str] = []
    pending = ""
    for word in words:
        if fold(word) in PARTICLES:
            pending = f"{pending}{word} "
            continue
        surnames.append(pending + word)
        pending = ""
    return surnames


def surname(name: str) -> str:
    """The upper-case part of "Jean-Pierre BRENAS" or "Samir EL BAKKALI"; the last word otherwise."""
    words = name.split()
    upper = [w for w in words if _is_upper(w)]
    return " ".join(upper) if upper else words[-1]


class Roster:
    """The members named in a sitting's header, to resolve short or misspelt forms."""

    def __init__(self, names: list[str]) -> None:
        self.names = list(dict.fromkeys(n for n in names if n))
        self._by_surname: dict[str, list[str]] = {}
        for name in self.names:
            self._by_surname.setdefault(fold(surname(name)), []).append(name)

    def resolve(self, raw: str) -> str | None:
        """Full name for "Mme DEFOSSEZ", "M. Papin", "O. Bianchi", "M. THUILLER"; None if unknown."""
        text = strip_civility(PAREN.sub("", raw)).strip(" .,;:")
        if not text:
            return None
        key = fold(text)
        for name in self.names:
            if fold(name) == key:
                return name
        initial, rest = _split_initial(text)
        candidates = self._by_surname.get(fold(rest), [])
        if not candidates and not re.search(r"(?:^|\s)[a-zà-ÿ]", rest):
            candidates = self._fuzzy(fold(rest))
        if initial:
            candidates = [c for c in candidates if fold(c).startswith(initial)]
        return candidates[0] if len(candidates) == 1 else None

    def _fuzzy(self, key: str) -> list[str]:
        close = difflib.get_close_matches(key, list(self._by_surname), n=2, cutoff=0.85)
        return self._by_surname[close[0]] if len(close) == 1 else []


def _split_initial(text: str) -> tuple[str, str]:
    match = re.match(r"^([A-ZÀ-Þ])\.\s*(.+)$", text)
    if match:
        return fold(match.group(1)), match.group(2)
    return "", text
