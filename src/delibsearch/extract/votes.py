"""An item's vote and decision.

The vote is the last cluster of vote cues in the item ("Pour : 15",
"à l'unanimité", "26 voix contre", "TOTAL VOTANTS : ..."); earlier mentions
of unanimity in the body (rules of procedure) are left alone. A count that is
neither printed nor derivable stays None.
"""
from __future__ import annotations

import re

from delibsearch.extract.ballots import elected, read_ballot
from delibsearch.extract.dates import words_to_int
from delibsearch.extract.misreads import repair
from delibsearch.extract.names import Roster, clean_name
from delibsearch.model import Vote

CUE = re.compile(
    r"\bvote\s*:|\bpour\s*:|\bcontre\s*:|\babstentions?\s*:|\bunanimit[ée]|\bà\s+la\s+majorit[ée](?!\s+(?:absolue|relative|requise|qualifi))"
    r"|\b(?:pour|contre|abstentions?)\s+\d{1,3}\s*:|\b\d{1,3}\s+(?:voix|votes?)\b|\b\d{1,3}\s+(?:pour|contre|abstentions?|absentions?)\b|\bvotants\s*:|\btotal\s+votants|\bvoix\s+exprim|\bne\s+prend\s+pas\s+part\s+au\s+vote"
    r"|\badopt[ée]e?s?\b|\bprend\s+acte\b|\bprennent\s+acte\b|\brejet[ée]e?s?\b|\bretir[ée]e?s?\s+de\s+l[’']ordre\s+du\s+jour",
    re.I,
)
CLUSTER_GAP = 400
UNANIMITY_REACH = 2000  # characters before an item's end where its decision's "à l'unanimité" may stand
# Where the deliberations end within the last item's text: a part that holds no vote, or the sitting's close.
AFTER_ITEMS = re.compile(r"^[^\S\n]*(?:(?:pour\s+information|informations?(?:\s+(?:diverses|du\s+maire))?"
                         r"|questions?\s+diverses|tour\s+de\s+table)[^\S\n]*:?[^\S\n]*$"
                         r"|[^\n]{0,60}\bla\s+s[ée]ance\s+est\s+lev[ée]e)", re.M | re.I)
NUMBER = r"(\d{1,3}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)"
VOTES = r"(?:voix|votes?|suffrages?)\s+"
ABSTAIN = r"(?:abstentions?|absentions?|abstenus?)"
# Names in brackets after the count; a scan reads a bracket as "{(" or "]" as often as "(".
NAMES_AFTER = r"\s*(?:[(\[{]+(?P<paren>[^()\[\]{}]{3,300})[)\]}]+|:?\s*(?P<bare>(?:M\.|Mme|MM\.|Madame|Monsieur)\s[^\n]{2,200}))?"
COUNTS = {
    # Labels with a colon, counts before their word, then labels without a colon ("Pour 21 – Contre 6").
    "for": [rf"\bpour\s*:\s*{NUMBER}", rf"\b{NUMBER}\s+(?:{VOTES})?pour\b",
            rf"\bpour\s+{NUMBER}\b(?=\s*[,;/–—-]?\s*(?:contre|{ABSTAIN})\b)"],
    "against": [rf"\bcontre\s*:\s*{NUMBER}", rf"\b{NUMBER}\s+(?:{VOTES})?contre\b", rf"\bcontre\s+{NUMBER}\b(?!\s*(?:%|€|euros))"],
    "abstention": [rf"\b{ABSTAIN}\s*:\s*{NUMBER}", rf"\b{NUMBER}\s+{ABSTAIN}\b", rf"\b{ABSTAIN}\s+{NUMBER}\b(?!\s*(?:%|€|euros))"],
    "voters": [rf"total\s+votants\s*:\s*{NUMBER}", rf"\bvotants\s*:\s*{NUMBER}", rf"{NUMBER}\s+votants\b",
               rf"unanimit[ée]\s+des\s+votants\s*\(\s*{NUMBER}\s+voix"],  # "unanimité des votants (32 voix)"
    "present": [rf"{NUMBER}\s+(?:conseillers?\s+|membres?\s+)?présents?\b", rf"\bprésents?\s*:\s*{NUMBER}"],
    "represented": [rf"{NUMBER}\s+(?:représentés?|procurations?|pouvoirs?)\b", rf"\b(?:représentés?|procurations?|pouvoirs?)\s*:\s*{NUMBER}"],
    "not_voting": [rf"{NUMBER}\s+non[\s-]participation", rf"non[\s-]votants?\s*:\s*{NUMBER}", rf"{NUMBER}\s+non[\s-]votants?"],
}
LABELLED = re.compile(rf"\bpour\s*:\s*{NUMBER}.{{0,80}}?\bcontre\s*:", re.I)
NAMED = {
    "against": re.compile(rf"\bcontre\s*:?\s*(?:{NUMBER})?{NAMES_AFTER}", re.I),
    "abstention": re.compile(rf"\b{ABSTAIN}\s*:?\s*(?:{NUMBER})?{NAMES_AFTER}", re.I),
}
NAME_TOKEN = re.compile(r"^(?:M\.|Mme|MM\.|Mlle|Madame|Monsieur|[A-ZÀ-Þ]\.[A-ZÀ-Þ][\w'’-]+|[A-ZÀ-Þ][\w'’-]*\.?)$")
NOTED = re.compile(r"\bprend(?:re|nent)?\s+acte\b|\ba\s+pris\s+acte\b|\bprennent\s+acte\b", re.I)
WITHDRAWN = re.compile(r"\bretir[ée]e?s?\b|\bsurs(?:e|é)?oir\b|\bsursis\s+à\s+statuer\b|\bajourn[ée]e?s?\b|\breport[ée]e?s?\s+(?:à|lors\s+d[e’'])\s*(?:une|la)\s+(?:prochaine|séance|date\s+ultérieure)", re.I)
# An item put off with no vote: said in its last lines.
POSTPONED = re.compile(r"(?:point|question|délibération|décision|dossier)\s+(?:est\s+)?(?:retir|ajourn|report)|\bajourn[ée]e?s?\b"
                       r"|\b(?:ajourner|surs(?:e|é)oir\s+à)\s+(?:ce|cette|le|la|l[’'])\s*(?:point|question|dossier|examen|vote|délibération|décision)"
                       r"|\bsurs(?:e|é)oir\s+à\s+statuer|\breport(?:er|e|ent)\s+l[’']examen\b"
                       r"|\breport[ée]e?s?\s+(?:à|lors\s+d[e’'])\s*(?:une|la)\s+(?:prochaine|séance|date\s+ultérieure)"
                       r"|\bsursis\s+à\s+statuer|\bretir[ée]e?s?\s+de\s+l[’']ordre\s+du\s+jour"
                       r"|\breport(?:er|e|ent)\s+(?:sa|la|cette|leur|toute)\s+décision|\breport(?:er|e|ent)\s+(?:ce|le)\s+(?:point|dossier|vote)\b",
                       re.I)
REJECTED = re.compile(r"\brejet[ée]e?s?\b|\brefuse\b|\bn[’'](?:est|a)\s+pas\s+(?:été\s+)?adopt|\bnon\s+adopt", re.I)
ADOPTED = re.compile(r"\badopt[ée]e?s?\b|\bapprouv[ée]e?s?\b|\bdécide\b|\bdécident\b|\bvalid[ée]e?s?\b|\bautorise\b|\baccept[ée]e?s?\b", re.I)


def vote_block(text: str) -> str | None:
    """The text of the last cluster of vote cues, or None when the item has none."""
    cues = list(CUE.finditer(text))
    if not cues:
        return None
    first = last = cues[-1]
    for cue in reversed(cues[:-1]):
        if first.start() - cue.end() > CLUSTER_GAP:
            break
        first = cue
    start = text.rfind("\n", 0, first.start()) + 1
    end = text.find("\n", last.end())
    end = len(text) if end < 0 else end
    after = text[end:end + 200]
    if "(" in text[start:end] and ")" not in text[text.rfind("(", start, end):end]:
        end += after.find(")") + 1 if ")" in after else 0
    return text[start:end]


def parse_vote(text: str, roster: Roster, session_voters: int | None) -> tuple[Vote | None, str | None]:
    """The item's vote (None when no vote is printed) and its decision."""
    text = _deliberated_part(text)
    ballot = read_ballot(text)
    vote, decision = _tally(text, roster, session_voters)
    if ballot is None:
        return vote, decision
    vote = vote or Vote()
    vote.ballot = ballot
    return vote, decision or ("adopted" if elected(text) else None)


def _tally(text: str, roster: Roster, session_voters: int | None) -> tuple[Vote | None, str | None]:
    """The vote's counts and names as printed in its last cluster of cues, and the decision."""
    block = vote_block(text)
    if block is None:
        return None, _decision(text, None)
    flat_block = re.sub(r"\s+", " ", block)
    vote = Vote(unanimous=bool(re.search(r"unanimit", flat_block, re.I)))
    labelled = LABELLED.search(flat_block) is not None
    for field, patterns in COUNTS.items():
        if labelled and field in ("for", "against", "abstention"):
            patterns = patterns[:1]  # a tally printed as labels: "Pour : 51 Contre : Abstentions :" (empty is none)
        setattr(vote, "for_" if field == "for" else field, _first_count(patterns, flat_block))
    vote.against_names = _named("against", block, roster)
    vote.abstention_names = _named("abstention", block, roster)
    if vote.for_ and vote.against == 0 and vote.abstention == 0 and re.search(r"unanimit", text[-UNANIMITY_REACH:], re.I):
        vote.unanimous = True  # "à l'unanimité" in the decision, the tally "Contre : 0 Abstention : 0" below it
    _derive_counts(vote, session_voters, majority=bool(re.search(r"majorit", flat_block, re.I)))
    if not _has_vote(vote):
        return None, _decision(text, None)
    return vote, _decision(text, vote, block)


def _deliberated_part(text: str) -> str:
    """The item's text before what follows the deliberations ("POUR INFORMATION", "La séance est levée")."""
    closing = AFTER_ITEMS.search(text, text.find("\n") + 1 if "\n" in text else len(text))
    return text[:closing.start()] if closing else text


def _first_count(patterns: list[str], text: str) -> int | None:
    for pattern in patterns:
        match = re.search(pattern, text, re.I)
        if match:
            value = match.group(1)
            return int(value) if value.isdigit() else words_to_int(value)
    return None


def _named(kind: str, block: str, roster: Roster) -> list[str]:
    """Names printed with the count: "Contre : 1 (Mme DEFOSSEZ)", "Abstention : M. Papin et Mme Debuisser"."""
    for match in reversed(list(NAMED[kind].finditer(block))):
        names = _names_of(match, roster)
        if names:
            return names
    return []


def _leading_name(part: str) -> str:
    """"M. THUILLIER. M. LEBLANC indique" -> "M. THUILLIER": the name tokens that open a part."""
    kept = []
    for token in part.split():
        if not NAME_TOKEN.match(token):
            break
        if token.endswith(".") and len(token) > 3:
            kept.append(token.rstrip("."))
            break
        kept.append(token)
    return " ".join(kept)


def _names_of(match: re.Match[str], roster: Roster) -> list[str]:
    raw = match.group("paren") or match.group("bare") or ""
    names: list[str] = []
    for part in re.split(r",|\bet\b|;|\+|\s[-–]\s", raw):
        part = _leading_name(part)
        if part and " " not in part and "." not in part and not roster.resolve(part):
            continue  # a group ("UMP", "Verts"), not a member: "M. Viguié", "M.DENISE" name one
        name = roster.resolve(part) or clean_name(part) if part else None
        if not name:
            if match.group("bare") and names:
                break
            continue
        if name not in names:
            names.append(name)
    return names


def _derive_counts(vote: Vote, session_voters: int | None, majority: bool) -> None:
    _repair_misread_counts(vote, vote.voters if vote.voters is not None else session_voters)
    if vote.against is None and vote.against_names:
        vote.against = len(vote.against_names)
    if vote.abstention is None and vote.abstention_names:
        vote.abstention = len(vote.abstention_names)
    if vote.unanimous and not (vote.against or vote.abstention):
        vote.against = vote.against or 0
        vote.abstention = vote.abstention or 0
    elif vote.unanimous:
        # Named dissent and counts win over a boilerplate "à l'unanimité"; the page shows the conflict.
        vote.unanimous = False
        vote.conflict = (f"« unanimité » imprimée avec {vote.against or 0} contre et {vote.abstention or 0}"
                         " abstention(s) : le décompte est retenu")
    if any(c is not None for c in (vote.for_, vote.against, vote.abstention)):
        # A printed tally that names no abstention (or no vote against) records none.
        vote.against = 0 if vote.against is None else vote.against
        vote.abstention = 0 if vote.abstention is None else vote.abstention
    if vote.voters is None and vote.present is not None and vote.represented is not None:
        vote.voters = vote.present + vote.represented - (vote.not_voting or 0)
    if vote.for_ is None and (majority or vote.against is not None or vote.abstention is not None) and not vote.unanimous:
        voters = vote.voters if vote.voters is not None else session_voters
        if voters is not None and (vote.against is not None or vote.abstention is not None):
            vote.for_ = voters - (vote.against or 0) - (vote.abstention or 0)
    if vote.unanimous and vote.for_ is None and vote.voters:
        vote.for_ = vote.voters


def _repair_misread_counts(vote: Vote, voters: int | None) -> None:
    """A tally larger than the voters holds a misread zero ("16 voix POUR" of 12 voters is 10) when the zero
    reading makes the tally the voters exactly."""
    fields = ("for_", "against", "abstention")
    counts = {f: getattr(vote, f) for f in fields if getattr(vote, f) is not None}
    if voters is None or sum(counts.values()) <= voters:
        return
    for name, count in counts.items():
        others = sum(counts.values()) - count
        repaired = repair(str(count), lambda n: n + others == voters)
        if repaired is not None:
            setattr(vote, name, repaired)
            return


def _has_vote(vote: Vote) -> bool:
    counts = (vote.for_, vote.against, vote.abstention, vote.voters, vote.present)
    return vote.unanimous or any(c is not None for c in counts)


def _decision(text: str, vote: Vote | None, block: str = "") -> str | None:
    tail = text[-1500:]
    if WITHDRAWN.search(block or "") or POSTPONED.search(tail if vote is None else tail[-400:]):
        return "withdrawn"
    if NOTED.search(block or tail):
        return "noted"
    if REJECTED.search(block):
        return "rejected"
    if vote is not None:
        if vote.unanimous:
            return "adopted"
        if vote.for_ is not None and vote.against is not None:
            return "adopted" if vote.for_ > vote.against else "rejected"
        return "adopted" if ADOPTED.search(block) or re.search(r"majorit", block, re.I) else None
    if NOTED.search(tail):
        return "noted"
    return "adopted" if re.search(r"\badopt[ée]", tail, re.I) else None
