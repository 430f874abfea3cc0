"""Who attended the sitting: present, proxies, excused, absent, read from labelled blocks.

A block opens with a label at the start of a line ("Présents :", "Absents ayant voté par procuration en
application de l'article L 2121-20 du CGCT :", "Etaient absents excusés :"; the phrases are data, in
patterns/header.json) and runs until the next label, an end marker, or the first line that reads as a
sentence rather than a list. Names stated with their status ("Mme X : absente") are read too.
"""
from __future__ import annotations

import re

from delibsearch.extract.names import clean_name, split_names
from delibsearch.extract.phrases import alternatives, header_phrases
from delibsearch.extract.proxies import parse_attendance_block, respective_proxies, star_proxies
from delibsearch.model import Proxy, Session

# A margin's figure, maybe in its own cell ("10 | Absent :"), may precede the label.
LEAD = r"(?:^|(?<=\n))[ \t+▪•*o-]*(?:\d{1,3}\s+(?:\|\s+)?(?=[A-ZÀ-Þ]))?"
MAX_BLOCK = 2500
RULES = r"_{3,}|-{5,}|▪|\*{3,}"  # lines drawn with characters end a block too


def _labels() -> re.Pattern[str]:
    phrases = header_phrases()
    kinds = [f"(?P<{kind}>{alternatives(phrases['labels'][kind])})" for kind in phrases["label_kinds"]]
    return re.compile(LEAD + "(?:" + "|".join(kinds) + ")", re.I)


def _block_end() -> re.Pattern[str]:
    return re.compile(r"\n\s*(?:" + RULES + "|" + alternatives(header_phrases()["block_ends"]) + r"(?![\w]))", re.I)


LABELS = _labels()
BLOCK_END = _block_end()
NAME_STATUS = re.compile(r"(?m)^(?P<name>[A-ZÀ-Þ][\w'’.-]+(?:[ \t]+[A-ZÀ-Þ][\w'’.-]+)*)[ \t]*:[ \t]*(?P<status>(?i:absente?s?|excusée?s?))\b")
MOVEMENT = re.compile(
    r"\b(?:Arrivée|Départ|Retour)s?\s+d[e'’u]|\barrive\b|\bquitte\s+la\s+(?:séance|salle)|\brejoint\s+la\s+séance"
    r"|\bse\s+retire\b|\bsort\s+de\s+la\s+salle|\bregagne\s+la\s+séance|\bentre\s+en\s+séance",
)
LIST_WORDS = {"de", "du", "des", "la", "le", "et", "d'", "van", "von", "da", "el", "adjoint", "adjointe", "adjoints",
              "conseiller", "conseillère", "conseillers", "municipal", "municipaux", "maire", "excusé", "excusée"}


# A row of an attendance table: [commune] Given SURNAME, its status, [the proxy's holder]
# ("Montvernay Françoise BAILLY Excusée Marc GIROD").
STATUS_ROW = re.compile(
    r"(?m)^[^\n]*?(?P<name>[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-ZÀ-Þ][a-zà-ÿ'’]+)*\s+[A-ZÀ-Þ]{2}[A-ZÀ-Þ'’-]*(?:\s[A-ZÀ-Þ]{2}[A-ZÀ-Þ'’-]*)*)"
    r"[ \t|]+(?P<status>Présente?s?|Excusée?s?|Absente?s?)\b[ \t|]*(?P<rest>[^\n]*)$")
MIN_STATUS_ROWS = 3
# A label after a name on the same line ("Excusé : M. ESPARBES Didier Secrétaire de séance : Mme SARRAMÉA"):
# a run-on header; the label opens a line of its own.
MID_LINE_LABEL = re.compile(r"(\b[A-ZÀ-Þ][\w'’-]+\)?)[ \t]+(?=(?:Secrétaire\s+de\s+(?:la\s+)?séance|Excusée?s?|Absente?s?"
                            r"(?:\s+excusée?s?)?|Procurations?|Pouvoirs?)[ \t]*:)")
# The attendance run on after the sentence that opens the sitting ("... sous la présidence de M. X, Maire. Étaient
# présents : ..."): the label opens a line of its own.
SENTENCE_LABEL = re.compile(r"(?<=[a-zé]\.)[ \t]+(?=(?:[ÉE]taient|Sont)\s+présents?\s*:)")
COUNTED_LABEL = re.compile(r"(?<=[a-zé])[ \t]*\(\d{1,3}\)(?=[ \t]*:)")  # "Présents (21) :" is "Présents :"


def read_status_table(zone: str, session: Session) -> bool:
    """Attendance printed as a table, one member a row with their status and the holder of their proxy."""
    rows = list(STATUS_ROW.finditer(zone))
    if len(rows) < MIN_STATUS_ROWS:
        return False
    for row in rows:
        name, status = clean_name(row.group("name")), row.group("status").lower()
        if not name:
            continue
        holder = None if re.search(r"suppl", row.group("rest"), re.I) else clean_name(row.group("rest"))
        if holder:
            session.proxies.append(Proxy(giver=name, holder=holder))
        elif status.startswith("présent"):
            session.present.append(name)
        elif status.startswith("excus"):
            session.excused.append(name)
        else:
            session.absent.append(name)
    return True


def read_attendance(zone: str, session: Session) -> None:
    """Fill the session's attendance from the header zone: its labelled blocks, else a table of statuses."""
    zone = SENTENCE_LABEL.sub("\n", MID_LINE_LABEL.sub("\\1\n", COUNTED_LABEL.sub(" ", zone)))
    matches = _labels_in(zone)
    if not any(m.lastgroup == "present" for m in matches) and read_status_table(zone, session):
        matches = [m for m in matches if m.lastgroup == "secretary"]
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(zone)
        block = cut_block(zone[match.end():min(stop, match.end() + MAX_BLOCK)])
        store_block(match.lastgroup or "", block, session)
    session.proxies += star_proxies(session, zone)
    for match in NAME_STATUS.finditer(zone):
        target = session.absent if match.group("status").lower().startswith("absent") else session.excused
        name = clean_name(match.group("name"))
        if name and name not in target:
            target.append(name)
    _givers_are_not_absent(session)


def _labels_in(zone: str) -> list[re.Match[str]]:
    """The zone's labels in order; a wrapped clause is passed over to the next line, where a label may stand."""
    found, position = [], 0
    while (match := LABELS.search(zone, position)) is not None:
        if _wrapped_clause(zone, match):
            position = zone.find("\n", match.start()) + 1 or len(zone)
            continue
        found.append(match)
        position = match.end()
    return found


def _wrapped_clause(zone: str, label: re.Match[str]) -> bool:
    """A label's words in small letters at a line's start, after a line that breaks off mid-sentence ("M.
    CASTAGNET qui" / "a donné procuration à Mme DARRIET"): the sentence goes on, no block opens."""
    opening = label.group(0).lstrip(" \t+▪•*o-0123456789|")
    before = zone[:label.start()].rstrip(" \t")
    return opening[:1].islower() and before.endswith("\n") and before.rstrip()[-1:].isalpha()


def cut_block(block: str) -> str:
    """A block ends at an end marker, a blank line after its names, or the first line that reads as a sentence."""
    ending = BLOCK_END.search(block)
    if ending and ending.start() > 0:
        block = block[:ending.start()]
    offset = 0
    seen_names = False
    for number, line in enumerate(block.split("\n")):
        if number and (MOVEMENT.search(_outside_brackets(line)) or _is_prose(line)):
            return _without_subject(block[:offset], line) + _names_before_prose(line)
        if not line.strip() and seen_names and not _continues_list(block[offset:].strip().split("\n")[0]):
            return block[:offset]
        seen_names = seen_names or bool(line.strip())
        offset += len(line) + 1
    return block


def _names_before_prose(line: str) -> str:
    """A list's last names before the sentence they run into ("SÉGURET, MAUREL et BOUSQUIÉ, formant la
    majorité des membres en exercice"): kept when they are names in capitals."""
    head = re.split(r",\s+(?=[a-zà-ÿ]{3,})", line, maxsplit=1)[0]
    if head == line or _is_prose(head) or MOVEMENT.search(head) or not re.search(r"[A-ZÀ-Þ]{2}", head):
        return ""
    return head


def _without_subject(block: str, prose: str) -> str:
    """A sentence that opens in small letters goes on from the line above ("Mme Inès BOUAZIZ" / "est nommée
    Secrétaire"): that line is its subject, not a name of the list, unless it is itself a list."""
    lines = block.rstrip("\n").split("\n")
    if prose.lstrip()[:1].islower() and len(lines) > 1 and not re.search(r"[.,;:–—]|\s-\s", lines[-1]):
        return "\n".join(lines[:-1]) + "\n"
    return block


def _outside_brackets(line: str) -> str:
    """A list line without its notes: "N.GALIANA — I.MEJEAN (arrivée en retard)" names, it does not move."""
    return re.sub(r"[(\[][^()\[\]\n]*[)\]]?", " ", line)


def _continues_list(line: str) -> bool:
    """After a blank line, a list goes on with more names ("A, B", "- A", "Mme A")."""
    return bool(re.search(r"[,;]|^\s*[-–•▪*]|^\s*(?:M\.|Mme|Madame|Monsieur)\s", line)) and not _is_prose(line)


def _is_prose(line: str) -> bool:
    if re.search(r"pouvoir|procuration|représenté|mandat", line, re.I):
        return False
    words = [w for w in re.findall(r"[\w'’-]+", _outside_brackets(line)) if not re.search(r"\d", w)]
    lower = [w for w in words if w[0].islower() and w.lower() not in LIST_WORDS]
    return len(lower) >= 3


def store_block(kind: str, block: str, session: Session) -> None:
    if kind == "secretary":
        names = split_names(block.split("\n")[0]) or split_names(block)
        session.secretary = session.secretary or (names[0] if names else None)
        return
    block, paired = respective_proxies(block)
    names, proxies = parse_attendance_block(block, kind == "proxies")
    proxies = paired + proxies
    if kind == "proxies":
        # A list of givers whose holders are not printed ("Absents ayant voté par procuration : A, B").
        proxies += [Proxy(giver=name, holder=None) for name in names]
        names = []
    session.proxies += [p for p in proxies if p not in session.proxies]
    target = {"present": session.present, "excused": session.excused, "absent": session.absent,
              "absent_excused": session.absent}.get(kind)
    if target is not None:
        target += [n for n in names if n not in target]


def _givers_are_not_absent(session: Session) -> None:
    """A member who gave a proxy is listed with the proxies only, wherever else the header names them."""
    givers = {p.giver for p in session.proxies}
    session.excused[:] = [n for n in session.excused if n not in givers]
    session.absent[:] = [n for n in session.absent if n not in givers]
