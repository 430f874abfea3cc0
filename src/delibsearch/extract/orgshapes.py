"""Shapes of organisation names: head words, names in lower case after a capitalised head, brand-shaped
names, generic phrases that name no one, and bodies that stand for their town."""
from __future__ import annotations

import re

from delibsearch.extract.placeshapes import known_place

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
CAMEL_CASE = re.compile(r"(?<![\w’'-])[A-Z][a-zà-ÿ]+(?:[’'][a-zà-ÿ]+)?[A-Z][a-zà-ÿ]+\w*(?:\s[A-Z]{2,6}\b)?")
BODY_OF_TOWN = re.compile(r"^(?:conseil (?:municipal|communautaire)|ville|commune)\s+(?:de|d[’'])\s*(?:la ville de\s+)?(?P<town>[A-ZÀ-Þ][\w’'-]*(?:[ -][A-ZÀ-Þ][\w’'-]*)*)$", re.I)
LINK_WORD_SET = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "à", "a", "aux", "au", "en", "pour", "sur"}
ADJECTIVE = re.compile(r"(?:al|ale|aux|ales|ique|iques|if|ive|ifs|ives|aire|aires|el|elle|els|elles|ien|ienne|éen|éenne|"
                       r"éens|éennes|ais|aise|ant|ants|ante|antes|ent|ents|é|ée|és|ées|eur|eurs|ère|ères)$")
UNIQUE_BODY = re.compile(r"^(?:conseil|commission|gendarmerie|police|éducation|assemblée|union|parlement|cour|chambre|"
                         r"direction|agence|office|caisse|banque|archives|préfecture|trésorerie)\s+(?:national|nationale|"
                         r"européen|européenne|départemental|départementale|régional|régionale)$")
INDEFINITE = re.compile(r"\b(?:un|une|des|ce|cette|ces|son|sa|ses|leur|leurs|nos|notre|chaque|tout|toute)\s+$", re.I)
ORGANISATION_SHAPE = re.compile(
    r"^(?:Entretiens|Festival|Prix|Rencontres|Lycée|Collège|École|Ecole|Université|Musée|Fondation|Institut|Association|"
    r"Centre|Théâtre|Orchestre|Club|Compagnie|Cabinet|Société|Syndicat)\s|"
    r"\s(?:Aménagement|Ingénierie|Conseil|Conseils|Services|Habitat|Environnement|Bâtiment|Construction|Transports|"
    r"Immobilier|Développement|Consultants|Études|Etudes|Paysage|Énergie|Energie|Architecture|Urbanisme)$")
NAME_AND_TOWN = re.compile(r"^(?P<name>(?:Lycée|Collège|École|Ecole|Groupe scolaire|Entreprise|Société)\b.*?\b[A-ZÀ-Þ][\w’'-]+)"
                           r"\s+(?:de|d[’']|à)\s*(?P<town>[A-ZÀ-Þ][\w’'-]*(?:[ -][A-ZÀ-Þ][\w’'-]*)*)$")
COMPANY_WORDS = re.compile(r"^(?:la |l[’'])?(?:société|entreprise)\s+(?=[A-ZÀ-Þ])", re.I)


def generic(text: str, vocab, before: str) -> bool:
    """A head word with adjectives only ("Réseau régional", "Comité Exécutif", "I. AFFAIRES GÉNÉRALES"): no
    proper name. A public body's head word with a national, European, departmental or regional adjective
    is one body ("Gendarmerie nationale",
    "Commission européenne"), unless an indefinite or possessive determiner makes it a common noun."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if w.lower() not in LINK_WORD_SET]
    if len(words) > 1 and all(w.isupper() for w in words):
        return all(vocab.has_vector(w.lower()) or re.fullmatch(r"[IVX]+", w) for w in words)
    if len(words) < 2 or not vocab.has_vector(words[0].lower()) or known_place(words[0]):
        return False
    if not all(w.islower() or ADJECTIVE.search(w.lower()) for w in words[1:]):
        return False
    unique = UNIQUE_BODY.match(" ".join(text.lower().split())) and not INDEFINITE.search(before)
    return not unique


def in_upper_case_run(text: str, start: int, end: int) -> bool:
    """An upper-case word inside an upper-case heading is not an acronym."""
    before = re.search(r"([^\W\d_]{2,})[^\w]*$", text[max(0, start - 40):start])
    after = re.match(r"[^\w]*([^\W\d_]{2,})", text[end:end + 40])
    return any(m and m.group(1).isupper() and len(m.group(1)) > 1 and m.group(1) not in ("ET", "DE", "DU")
               for m in (before, after))


# Words of a table's other columns that a cell's name runs into ("ASSOCIATION RAMA Fonctionnement", "Chengdu F").
TABLE_RESIDUE = {"fonctionnement", "investissement", "total", "totaux", "montant", "réception", "reception"}


def without_table_residue(name: str) -> str:
    """A name without the column word or the column letter a table glued after it."""
    words = name.split()
    while len(words) > 1 and (words[-1].lower() in TABLE_RESIDUE or len(words[-1]) == 1 and words[-1].isupper()):
        words.pop()
    return " ".join(words)


def is_surname_of(name: str, people: set[str]) -> bool:
    """A single word in capitals that is the surname of a person the document names ("DELTEIL" of the "Joseph
    DELTEIL" school, "FRESARD" the notary): a person's name, not an organisation."""
    words = name.split()
    return len(words) == 1 and name.isupper() and any(p.split()[-1].upper() == name for p in people if " " in p)
