"""Reading a French question: the kind of answer expected and the question's constraints.

The kind says where the answer lives: a record of the sitting (president, proxies, votes, trips, ...)
or a mention in running text of an expected type (person, date, amount, number, place, organisation).
Constraints are the authority, the sitting's date, the names the question cites and its content words;
the `focus` is the head of the wh-phrase ("quel *montant* de *subvention*", "combien de *visiteurs*"),
the words the answer is expected to sit beside.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from delibsearch.extract.dates import first_date, fold
from delibsearch.extract.datespans import find_dates

# (kind, expected type, pattern over the folded question); the first match wins. Rules as data.
RECORD_KINDS = [
    ("proxy_from", "person", r"qui a (?:donne|confie) (?:son )?(?:pouvoir|procuration)"),
    ("proxy_to", "person", r"a qui .*(?:donne|confie|remis).*(?:pouvoir|procuration)|(?:pouvoir|procuration).* a qui"),
    ("presiding_in_text", "person", r"\bqui\b.*\bpresid.*\b(?:pendant|durant|lors d[ue'] ?(?:l'|la )?(?:vote|election|examen))"),
    ("president", "person", r"\bqui\b.*\bpresid"),
    ("secretary", "person", r"secretaire"),
    ("rapporteur", "person", r"rapporteu|qui a rapporte|qui a (?:presente|expose)"),
    ("against_names", "person", r"\bqui\b.*vote contre"),
    ("abstention_names", "person", r"\bqui\b.*(?:abstenu|abstention)"),
    ("absent", "person", r"\b(?:qui|quel(?:le)?s?)\b.*absente?s?\b(?! ou excuse)(?! excuse)"),
    ("excused", "person", r"\b(?:qui|quel(?:le)?s?)\b.*excuse"),
    ("vote_abstention", "number", r"combien .*(?:abstenu|abstention)"),
    ("vote_against", "number", r"combien .*(?:vote|voix) contre|combien .*contre (?:la|le|l')"),
    ("present_count", "number", r"combien .*present"),
    ("vote_for", "number", r"combien .*(?:vote|voix) pour"),
    ("trip_date", "date", r"(?:quand|quelles? dates?).*(?:deplace|rendu|voyage|delegation|mission)"),
    ("trip_destination", "place", r"quelle (?:etait la )?destination"),
    ("trip_cost", "amount", r"(?:combien|\bcout(?:e|ait|er)?\b).*(?:deplacement|voyage|mission|transport)"),
    ("trip_delegation", "person", r"\bqui\b.*(?:deplace|rendu|voyage|delegation)"),
    ("time", "text", r"a quelle heure"),
    ("place_of_sitting", "place", r"\bou\b.*(?:reuni|tenu|siege|deroule)|quelle salle .*(?:reuni|tenu)"),
    ("convened_on", "date", r"(?:quand|quelle date).*convoque"),
    ("sitting_date", "date", r"(?:quand|quelle date).*(?:s'est (?:tenu|reuni)|\bconseil \w+ (?:[\w'-]+ ){0,6}a-t-il\b)"),
    ("decision", "decision", r"(?:a-t-il|a-t-elle|ont-ils|a-t-on) (?:adopte|approuve|rejete|accepte|valide|pris acte)"
                             r"|quelle decision"),
]
RECORD_ONLY = {"president", "secretary", "proxy_from", "proxy_to", "excused", "absent", "present_count", "time",
               "place_of_sitting", "convened_on"}
# Head nouns of a "quel(le) ..." question and the type of answer they call for.
HEAD_TYPES = {
    "amount": ("montant", "somme", "cout", "prix", "tarif", "aide", "subvention", "participation", "cotisation",
               "devis", "credit", "budget", "loyer", "redevance", "indemnite", "dotation", "deficit", "encours",
               "amende", "recette", "depense", "financement", "enveloppe", "valeur", "excedent", "reste"),
    "number": ("nombre", "taux", "part", "pourcentage", "longueur", "surface", "superficie", "duree", "proportion",
               "quantite", "population", "capacite", "distance"),
    "organisation": ("association", "entreprise", "societe", "organisme", "assureur", "cabinet", "bureau", "syndicat",
                     "prestataire", "banque", "operateur", "fournisseur", "garage", "restaurant", "groupe",
                     "etablissement", "club", "structure", "bailleur", "mutuelle", "titulaire", "attributaire",
                     "laboratoire", "agence", "candidat"),
    "place": ("ville", "commune", "lieu", "pays", "parking", "salle", "rue", "fourriere", "hameau", "site",
              "departement", "region", "quartier", "batiment", "adresse"),
    "person": ("coureur", "conseiller", "conseillere", "elu", "elue", "adjoint", "adjointe", "maire", "personne",
               "agent", "habitant", "delegue", "president", "presidente"),
    "date": ("date", "jour", "annee", "mois"),
}
# Units of money: "combien coûte", "à combien s'élève" ask for an amount, "combien de visiteurs" for a number.
MONEY_VERBS = r"\b(?:coute|coutent|coutait|coutera|facture|facturait|verse|versee?|s'eleve|eleve|paye|payee?|rapporte)\b"
TYPE_HEADS = {"date", "jour", "heure", "annee"}
GENERIC_HEADS = {"montant", "somme", "nombre", "valeur", "total"}
MONTHS = r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre"
WH_HEAD = (r"\bquel(?:le)?s?\s+(?:(?:a|est|etait|sont|etaient|ont)\s+(?:ete\s+)?)?(?:l[ae']\s*|les\s+)?"
           r"(?:(?:ancien|ancienne|nouveau|nouvelle|premier|premiere|seul|seule|autre)\s+)?(\w+)")
QUESTION_WORDS = {
    "qui", "quand", "combien", "quel", "quelle", "quels", "quelles", "ou", "est", "ce", "que", "qu", "a", "t", "il",
    "elle", "ils", "elles", "lors", "conseil", "municipal", "communautaire", "seance", "du", "de", "des", "la", "le",
    "les", "l", "d", "au", "aux", "en", "pour", "sur", "par", "et", "un", "une", "son", "sa", "ses", "a-t-il",
    "a-t-elle", "ont-ils", "etait", "ete", "dans", "avec", "quoi", "selon", "vers", "cette", "ces", "cet",
    "eleve", "elevent", "elevait", "monte", "montent",  # "à combien s'élève", "à combien se monte": the frame
}


@dataclass
class Question:
    text: str
    kind: str
    type: str
    authority: str | None = None
    date: str | None = None
    year: str | None = None
    words: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    acting: bool = False  # the authority acts ("la commune de Pierrefonds a versé"): only its own records answer

    @property
    def in_text(self) -> bool:
        return self.kind.endswith("_in_text")


def read_question(text: str, authorities: list[str]) -> Question:
    """The kind of answer expected and the question's constraints."""
    folded = fold(text).replace("’", "'")
    kind, expected = _kind(folded)
    date = first_date(text)
    spans = find_dates(text, None)
    year = date[:4] if date else next((s.value[:4] for s in spans), None) or _year(text)
    words = [w for w in re.findall(r"[\w'-]+", folded)
             if w not in QUESTION_WORDS and not w.isdigit() and (len(w) > 2 or re.search(r"\d", w))]
    words = [w.split("'")[-1] for w in words if not re.fullmatch(MONTHS + r"|1er", w)]
    head = _head(folded)
    if head in TYPE_HEADS:
        words = [w for w in words if w != head]  # "quelle date": the type of the answer, not a word to find
    authority = _authority(folded, authorities)
    return Question(text, kind, expected, authority, date, year, words, _focus(folded), _names(text),
                    acting=bool(authority and ACTING.search(folded)))


def _kind(folded: str) -> tuple[str, str]:
    for kind, expected, pattern in RECORD_KINDS:
        if re.search(pattern, folded):
            return kind, expected
    return _text_kind(folded)


def _text_kind(folded: str) -> tuple[str, str]:
    """A fact told in the text: the type from the wh-word and the head noun of the wh-phrase."""
    head = _head(folded)
    if head:
        for kind, nouns in HEAD_TYPES.items():
            if any(head == n or head == n + "s" for n in nouns):
                return f"{kind}_in_text", kind
    if re.search(r"\bquand\b|quelle date|quel jour|depuis quand", folded):
        return "date_in_text", "date"
    if re.search(r"\bcombien\b", folded):
        if re.search(r"\b(?:le|la|l') ?(?:nombre|taux|part|pourcentage|longueur|surface|duree)\b", folded):
            return "number_in_text", "number"
        if re.search(r"\bcombien d[e'] ?(?!euros)\w+", folded) and not re.search(MONEY_VERBS, folded):
            return "number_in_text", "number"
        return "amount_in_text", "amount"
    if re.search(r"\bqui\b", folded):
        return "person_in_text", "person"
    if re.search(r"\bou\b", folded):
        return "place_in_text", "place"
    return "text_in_text", "text"


def _head(folded: str) -> str | None:
    """The noun after "quel(le)(s)" (or "à quel", "de quelle"), skipping "a été", "est", "était"."""
    match = re.search(WH_HEAD, folded)
    return match.group(1) if match else None


def _focus(folded: str) -> list[str]:
    """The head of the wh-phrase and the noun it governs: "quel montant de subvention" -> montant, subvention."""
    patterns = [WH_HEAD + r"(?:\s+(?:de|d'|du|des)\s*(?:l'|la |le |les )?(\w+))?",
                r"\bcombien\s+(?:de|d')\s*(\w+)", r"\bcombien\s+(\w+)", r"\ba combien\s+s'(\w+)"]
    for pattern in patterns:
        match = re.search(pattern, folded)
        if match:
            found = [g for g in match.groups() if g and g not in QUESTION_WORDS and len(g) > 2]
            # "quel montant d'aide": the amount is the aid's; "montant" alone says only that it is money.
            return found[1:] if len(found) == 2 and found[0] in GENERIC_HEADS else found
    return []


def _names(text: str) -> list[str]:
    """Proper names the question cites: capitalised words not at its start, acronyms, quoted titles."""
    names = re.findall(r"«\s*([^»]+?)\s*»", text)
    for match in re.finditer(r"(?<![\w'’])([A-ZÀ-Þ][\w'’-]*(?:\s+(?:de |du |des |d['’])?[A-ZÀ-Þ][\w'’-]*)*)", text):
        if match.start() > 0 and fold(match.group(1)) not in QUESTION_WORDS:
            names.append(match.group(1))
    return names


# "la commune de X a-t-elle versé", "le conseil municipal de X a voté": the authority is who acted.
ACTING = re.compile(r"\b(?:la\s+commune|la\s+ville|la\s+mairie|le\s+conseil\s+(?:municipal|communautaire))\s+d[e']\s*"
                    r"[\w' -]{2,60}?\s+(?:a-t-(?:il|elle)|a|ont|avait|va-t-(?:il|elle))\b")


def _authority(folded: str, authorities: list[str]) -> str | None:
    for authority in sorted(authorities, key=len, reverse=True):
        words = [w for w in re.findall(r"[\w-]+", fold(authority)) if len(w) > 3 and w not in ("communaute", "communes")]
        if words and all(re.search(rf"\b{re.escape(w)}\b", folded) for w in words[-2:]):
            return authority
    return None


def _year(text: str) -> str | None:
    match = re.search(r"\b(20\d{2})\b", text)
    return match.group(1) if match else None
