"""Which council sat: the authority ("Pierrefonds", "Communauté de communes des Lisières de l'Oise") and its body.

The authority is the first one the header names ("Commune de X", "Ville de X", "COMMUNE de FLAUX",
"Conseil Municipal de la commune de SAINT RESTITUT"); a commune's name is then written as the gazetteer
of French communes writes it ("SAINT RESTITUT" -> "Saint-Restitut").
"""
from __future__ import annotations

import re

from delibsearch.extract.dates import fold
from delibsearch.extract.gazetteer import gazetteer
from delibsearch.extract.sentences import flat

AUTHORITY_SPAN = 4000
AUTHORITY = [
    # The name's words open with a capital ("Communauté de communes Terres de Raille se sont réunis": not "se").
    re.compile(r"(?P<kind>Communaut[ée]\s+(?:de\s+communes|d[’']agglom[ée]ration|urbaine))\s+(?P<name>(?:(?:des|du|de\s+la|de\s+l[’']|de|d[’'])\s*)?(?-i:[A-ZÀ-Þ])[\w'’-]+(?:[^\S\n]+(?:(?:de\s+la|de\s+l[’']|des|du|de|d[’']|et|en|sur)\s*)?(?-i:[A-ZÀ-Þ])[\w'’-]+)*)", re.I),
    # A syndicate's full name, to the dash, bracket or end of line after it.
    re.compile(r"\b(?P<name>Syndicat\s+(?:[Ii]ntercommunal|[Mm]ixte|[Dd]épartemental|[Ii]ntercommunautaire)\b[^\n–—(|]{3,120}?)[^\S\n]*(?=[–—(|]|\n|$)"),
    re.compile(r"\b(?:[Cc]ommune|Ville|Mairie)\s+d[e'’]\s*(?P<name>[A-ZÀ-Þ][\w'’-]+(?:[\s-](?:sur|sous|lès|les|en|de|du|la|le|[A-ZÀ-Þ][\w'’-]+))*)"),
    # In capitals ("COMMUNE de FLAUX", "VILLE DE CLERMONT-FERRAND AU SERVICE ..."): one word, hyphens joining.
    # A compound name's words may be spaced ("MAIRIE de MORLANNES LE BREUIL").
    re.compile(r"\b(?:COMMUNE|VILLE|MAIRIE)\s+(?:d[e'’]|D[E'’])\s*(?P<name>[A-ZÀ-Þ][A-ZÀ-Þ'’-]*[A-ZÀ-Þ]"
               r"(?:[^\S\n](?:LE|LA|LES|SUR|SOUS|EN|AUX|LÈS|DE|DU|DES)[^\S\n][A-ZÀ-Þ][A-ZÀ-Þ'’-]*[A-ZÀ-Þ])*)\b"),
    re.compile(r"(?i:Conseil\s+municipal\s+de\s+la\s+(?:commune|ville)\s+d[e'’])\s*(?P<name>[A-ZÀ-Þ][\w'’-]+(?:[\s-](?:sur|sous|lès|les|en|[A-ZÀ-Þ][\w'’-]+))*)"),
    re.compile(r"(?i:Conseil\s+municipal\s+d[e'’])\s*(?P<name>[A-ZÀ-Þ][\w'’-]+(?:[^\S\n-](?:sur|sous|lès|les|en|SUR|SOUS|LES|EN|[A-ZÀ-Þ][\w'’-]+)|-[\w'’-]+)*)"),
]
LETTER_SPACED = re.compile(r"(?:COMMUNE|VILLE|MAIRIE)(?:DE|D['’])(?P<name>[A-ZÀ-Þ'’-]{3,})$")
# A typewriter's spaced hyphens around a particle ("CHANTELOUBE - SUR - GARTEMPE"): one name.
SPACED_PARTICLE = re.compile(r"\b([A-ZÀ-Þ]{2,}) - (SUR|SOUS|LÈS|LES|LA|LE|EN|DE|DU|DES|AUX) - ([A-ZÀ-Þ])")
BODIES = ("conseil communautaire", "conseil municipal", "comité syndical", "bureau communautaire", "conseil métropolitain",
          "conseil de communauté")
BODY_NAMES = {"conseil de communauté": "conseil communautaire"}
# Words printed beside or after an authority's name that are never part of it.
NOT_PLACE_WORDS = {"affiche", "affichee", "compte", "comptes", "proces-verbal", "proces", "seance", "conseil",
                   "presents", "presentes", "extrait", "departement", "reunion", "registre", "convocation",
                   "publie", "publiee", "date", "mairie", "republique", "tel", "telephone", "arrondissement"}
SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "en", "sur", "sous", "lès", "lez", "et", "aux", "au"}


def read_authority(text: str, zone: str) -> tuple[str | None, str | None]:
    """(authority, body) named by the document."""
    body = _body(zone)
    patterns = AUTHORITY[2:] if body == "conseil municipal" else AUTHORITY  # a commune names no grouping
    authority = _authority(text[:AUTHORITY_SPAN], patterns)
    if authority is None and body == "conseil communautaire":
        authority = _authority(text, AUTHORITY[:1])
    return authority or _letter_spaced_commune(text[:AUTHORITY_SPAN]), body


def _letter_spaced_commune(head: str) -> str | None:
    """A commune's name printed with its letters spaced out ("C OMMU N E D E R O U B I AC-MI N E RVO IS"): the
    text layer cuts it into letters, so the spaces are taken out and the words found again."""
    for line in head.split("\n")[:12]:
        tokens = line.split()
        if len(tokens) < 6 or sum(len(t) <= 3 for t in tokens) < 0.7 * len(tokens) or not line.isupper():
            continue
        found = LETTER_SPACED.match("".join(tokens))
        if found:
            return _commune_name(found.group("name"))
    return None


def authority_of_folder(folder: str) -> str | None:
    """The commune a folder is named after ("couthenans", "saint-restitut-scans" -> "Saint-Restitut"), when the
    gazetteer knows its first words as a French commune: archives are filed by authority, and a small
    commune's minutes may not print its name at all."""
    words = re.sub(r"[-_.]+", " ", folder).split()
    for size in range(len(words), 0, -1):
        known = gazetteer().lookup(" ".join(words[:size]))
        if known and known.kind == "city" and known.country == "France":
            return known.name
    return None


def _authority(head: str, patterns: list[re.Pattern[str]]) -> str | None:
    """The first authority named: "Commune de X", "Ville de X", "Communauté de communes ..."."""
    head = SPACED_PARTICLE.sub(r"\1-\2-\3", head)
    matches = [m for m in (_first_naming(p, head) for p in patterns) if m]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())
    if match.group("name").startswith("Syndicat"):
        return re.sub(r"\s+", " ", match.group("name")).strip(" ,.:")
    if "kind" not in match.re.groupindex:
        return _commune_name(match.group("name"))
    name = _tidy_place_name(match.group("name"))
    if "kind" in match.re.groupindex:
        kind = match.group("kind")
        first, _, rest = name.partition(" ")
        if first.lower() in SMALL_WORDS:  # "Communauté de communes DES COTEAUX…": "des Coteaux"
            name = f"{first.lower()} {rest}"
        kind = re.sub(r"\s+", " ", kind).lower().replace("communaute ", "communauté ").replace("agglomeration", "agglomération")
        return f"{kind[0].upper()}{kind[1:]} {name}"
    return name


def _first_naming(pattern: re.Pattern[str], head: str) -> re.Match[str] | None:
    """The pattern's first match that names a place: "Communauté de communes" over the sitting's title
    ("Communauté de communes / PROCES-VERBAL DE SEANCE") names none; its full name printed later does."""
    match = pattern.search(head)
    while match:
        if _is_named_often(match, head) and _before_other_words(flat(match.group("name"))):
            return match
        match = pattern.search(head, match.start() + 1)  # a rejected name may have run over the next mention
    return None


def _commune_name(printed: str) -> str:
    """The longest start of the printed name that the gazetteer knows as a commune ("SAINT\nRESTITUT (Drôme)"
    -> "Saint-Restitut"), else the name as printed on its first line ("Pierrefonds\nConseil" -> "Pierrefonds")."""
    words = printed.split()
    for size in range(len(words), 0, -1):
        known = gazetteer().lookup(" ".join(words[:size]))
        if known and known.kind == "city":
            return known.name
    return _hyphenated(_tidy_place_name(printed.split("\n")[0]))


def _hyphenated(name: str) -> str:
    """A commune's compound name is written with hyphens, a leading article apart ("BECHERET SUR MORIN" ->
    "Becheret-sur-Morin", "LES SABLES D'OLONNE" -> "Les Sables-d'Olonne")."""
    words = name.split()
    article = [words.pop(0)] if len(words) >= 2 and words[0].lower() in ("le", "la", "les") else []
    return " ".join([*article, "-".join(words)]) if len(words) > 1 else name


def _is_named_often(match: re.Match[str], head: str) -> bool:
    """A lower-case "commune de X" names the authority only if X recurs; "la commune d'Héricourt" may be a neighbour."""
    if not match.group(0)[:1].islower() or re.match(r"(?i)conseil", match.group(0)):
        return True
    return head.lower().count(match.group("name").lower()) >= 3


def _tidy_place_name(name: str) -> str:
    """"CLERMONT-FERRAND" -> "Clermont-Ferrand", "Lisières de L’Oise" -> "Lisières de l'Oise"; the words of the
    page printed after the name ("Bellefontaine-sur-Orne Affiché le", "… du Lizon Compte rendu") are cut."""
    name = _before_other_words(flat(name).replace("’", "'"))
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


def _before_other_words(name: str) -> str:
    """The name up to the first word that names no place: a header's label, a title, another column.

    A compound commune's name is hyphenated ("Bellefontaine-sur-Orne"), so what follows it after a space
    is not its name either, unless the gazetteer knew the whole (read before this is called).
    """
    words = name.split()
    kept: list[str] = []
    for word in words:
        folded = fold(word.strip(",.:;"))
        if folded in NOT_PLACE_WORDS or folded.split("-")[0] in NOT_PLACE_WORDS:  # "Compte-Rendu"
            break
        kept.append(word)
        if len(kept) == 1 and re.search(r"\w-(?:sur|sous|lès|les|en|de|du|la|le|l'|d')-\w", word, re.I):
            break
    while len(kept) > 1 and kept[-1].lower() in SMALL_WORDS:  # "Arrignac-d'Aspe sous la présidence"
        kept.pop()
    return " ".join(kept)


def _body(zone: str) -> str | None:
    low = fold(zone[:2500])
    positions = [(low.find(fold(b)), b) for b in BODIES if fold(b) in low]
    return BODY_NAMES.get(min(positions)[1], min(positions)[1]) if positions else None
