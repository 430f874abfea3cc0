"""Proxies ("pouvoirs", "procurations") and the names of an attendance block."""
from __future__ import annotations

import itertools
import re

from delibsearch.extract.names import BULLET, clean_name, split_names
from delibsearch.model import Proxy, Session

GIVE = r"(?:a\s+donné\s+|donne\s+|donnant\s+)?(?:pouvoir|procuration|mandat|délégation)(?:\s+de\s+vote)?"
PAIR_PATTERNS = [
    re.compile(rf"^(?P<giver>.+?)\s*\(\s*{GIVE}\s+(?:donnée?\s+)?(?:à\s+)?(?!de\s|d[’'])(?P<holder>[^)]+)\)"),
    re.compile(r"^(?P<holder>.+?)\s*\(\s*(?:pouvoir|procuration|mandat)\s+(?:de|d[e’']\s*la\s+part\s+de)\s+(?P<giver>[^)]+)\)"),
    re.compile(rf"^(?P<giver>.+?)\s+{GIVE}\s+(?:donnée?\s+)?à\s+(?P<holder>.+)$"),
    re.compile(r"^(?P<giver>.+?)\s+(?:est\s+)?représentée?\s+par\s+(?P<holder>.+)$"),
    re.compile(r"^(?:pouvoir|procuration)\s+de\s+(?P<giver>.+?)\s+à\s+(?P<holder>.+)$", re.I),
]
# "HUBER Valérie, qui a donné procuration à KLEIN Bernard": the clause states the proxy of the name before it.
GIVER_CLAUSE = re.compile(r"(?:,\s*|\s+)qui\s+(?=a\s+donné\s|donne\s)")
# Proxies run together: "B. VAGNON a donné pouvoir à G. GRIGNON C. GANNE a donné pouvoir à M. MOSSÉ".
RUN_TOGETHER = re.compile(r"(?<=[A-ZÀ-Þ]{2})\s+(?=(?:[A-ZÀ-Þ]\.\s?|(?:M\.|Mme)\s+)?(?:[A-ZÀ-Þ][\w'’-]+\s+){0,2}"
                          r"[A-ZÀ-Þ][\w'’-]+\s+a\s+donné\s)")
# "A, B et C qui avaient respectivement donné procuration à X, Y et Z": the two lists pair in order.
RESPECTIVELY = re.compile(r"(?P<givers>[^:]+?),?\s+qui\s+(?:ont|avaient|a)\s+respectivement\s+donné\s+(?:pouvoirs?|procurations?)"
                          r"\s+à\s+(?P<holders>[^.]+?)\s*(?:\.(?=\s|$)|$)", re.S)
# Statements run together after a list ("GLORIOD Mme ANTONY pouvoir à M. AUBERT M. BALLAND pouvoir à Mme
# BOUCHARD"): each civility that opens a giver's statement starts a line of its own.
PROXY_RUN = re.compile(r"\s+(?=(?:M\.|Mme|MME|Madame|Monsieur)\s+(?:(?!(?:Mme|MME|Madame|Monsieur)\s)[A-ZÀ-Þ][\w'’-]*\s+){0,2}"
                       r"(?!(?:Mme|MME|Madame|Monsieur)\s)[A-ZÀ-Þ][\w'’-]*\s+"
                       r"(?:pouvoir|procuration|donne\s|a\s+donné|remplacée?\s+par)\b)")
# A proxy given to the sitting's head by title ("Mme SAUNIER à M. le Maire"): the header puts the president's name.
HEAD = re.compile(r"^(?:M\.|Mme|Monsieur|Madame)?\s*(?:le|la)\s+(?:maire|présidente?)$", re.I)
HEAD_TITLE = "le Maire"
# One proxy stated on a line of its own: "Philippe ROUVIER - COROUGE donne procuration à Denis JUVIN".
STATEMENT = re.compile(rf"^(?P<giver>[^,;()\n]+?)\s+{GIVE}\s+(?:donnée?\s+)?à\s+(?P<holder>[^,;()\n]+?)\s*[.,;]?$", re.M)
# "ROUVIER - COROUGE" is one surname; "UPPHOFF - PLUS Jean-Pierre" two members, the second printed NOM Prénom.
SPACED_HYPHEN = re.compile(r"(?<=[A-ZÀ-Þ]{2})\s+[-–]\s+(?=[A-ZÀ-Þ]{2}[A-ZÀ-Þ'’-]*\b(?!\s+[A-ZÀ-Þ][a-zà-ÿ]))")
INNER_CIVILITY = re.compile(r"\s(?=(?:M\.|Mme|Madame|Monsieur)\s)")
PLAIN_PAIR = re.compile(r"^(?:de\s+|d[’'](?=[A-ZÀ-Þ]))?(?P<giver>.+?)\s+(?:à|par)\s+(?P<holder>(?:M\.|Mme|Madame|Monsieur|[A-ZÀ-Þ]).+)$")
SEGMENTS = re.compile(r"\s*(?:,|;|\s+et\s+(?=de\s+[A-ZÀ-Þ]|d[’'][A-ZÀ-Þ])|\s[–—/]\s|\s[-–—]{1,3}\s*(?=[A-ZÀ-Þ])|(?<=\w)[-–—]\s(?=[A-ZÀ-Þ](?:\.|[a-zà-ÿ])))\s*")
# What a margin column leaves at the start of a list's line on a scan: its count, its rule, a misread count
# ("11 | VINAS", "| STURANT", "il Catherine VINAS", ": Catherine"), or a rule at its end ("VAILLIES |").
MARGIN_LEAD = re.compile(r"(?m)^[^\S\n]*(?:(?:\d{1,3}|[il1|]{1,2})[^\S\n]*\|?|[|:])[^\S\n]*(?=[A-ZÀ-Þ])|[^\S\n]+\|[^\S\n]*$")
# A line that ends on a whole "Given SURNAME" and a next line that opens with another: two names.
NAME_BREAK = re.compile(r"([a-zà-ÿ][^\S\n]+[A-ZÀ-Þ][A-ZÀ-Þ'’-]+)[^\S\n]*\n(?=[^\S\n]*[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?[^\S\n]+[A-ZÀ-Þ]{2,})")
# A numbered list printed in columns: "1. KLEIN Bernard 8. WENDLING Jean-Paul".
COLUMN_NUMBER = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=[^\S\n]))\d{1,2}\.[^\S\n]+(?=[A-ZÀ-Þ])")
# A list of initials and surnames ("C.FOROT — T.BUSIN") goes on on the next line: the line break parts two names.
INITIALLED_BREAK = re.compile(r"(?<=\b[A-ZÀ-Þ]\.[A-ZÀ-Þ]{2})([\w'’-]*[^\S\n]*(?:\([^()\n]*\)|\[[^\n]*\))?)[^\S\n]*\n(?=[^\S\n]*[A-ZÀ-Þ]\.\s?[A-ZÀ-Þ]{2})")
# A member's role printed after the names ("C.FOROT - N.VERDON : adjoints", "Jean DUPONT (maire)").
ROLE = re.compile(r"\s*:\s*(?:adjoint|conseill|maire|délégu|titulaire|suppléant|membre)\w*(?:\s+(?:municipa|délégu|communautaire)\w*)?\b", re.I)
STARRED = re.compile(r"(?P<name>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)*)\s*\(\s*Pr?\s*(?P<stars>\*+)\s*\)")


def parse_attendance_block(block: str, is_proxy_block: bool) -> tuple[list[str], list[Proxy]]:
    """Names listed in the block, and the proxies it states ("X pouvoir à Y", "X (procuration à Y)")."""
    block = PROXY_RUN.sub("\n", _part_run_together(GIVER_CLAUSE.sub(" ", block)))
    proxies, rest = _line_statements(block)
    if proxies and not rest:
        return [], proxies
    block = INITIALLED_BREAK.sub(r"\1 ; ", ROLE.sub(" ", MARGIN_LEAD.sub("", rest if proxies else block)))
    block = NAME_BREAK.sub(r"\1 ; ", COLUMN_NUMBER.sub(" ; ", block))
    if _one_name_a_line(block):
        block = block.replace("\n", " ; ")
    block = re.sub(r"\n(?=\s*(?:M\.|Mme|Madame|Monsieur)\s)", " ; ", BULLET.sub(" ; ", block))
    text = SPACED_HYPHEN.sub("-", re.sub(r"\s+", " ", block).strip())
    names: list[str] = []
    for segment in SEGMENTS.split(text):
        proxy = _pair(segment, is_proxy_block)
        if proxy:
            listed, proxy.giver = _listed_before(proxy.giver)
            proxy.holder, after = _listed_after(proxy.holder)
            names += listed + after
            proxies.append(proxy)
            if _holder_listed_first(segment):
                names.append(proxy.holder)
        elif segment:
            names += split_names(segment)
    return names, proxies


def _part_run_together(block: str) -> str:
    """A new statement starts only after a whole one ("X a donné pouvoir à Y"): "HUBER Valérie a donné"
    is one giver, printed NOM Prénom."""
    parts, last = [], 0
    for match in RUN_TOGETHER.finditer(block):
        if re.search(r"\sà\s", block[last:match.start()]):
            parts.append(block[last:match.start()])
            last = match.end()
    return " ; ".join(parts + [block[last:]])


def _one_name_a_line(block: str) -> bool:
    """A list printed one whole name a line ("FAURE René" / "ASTIER Monique"): each line is its own name.
    A name broken over two lines ("Monsieur Jean-Jacques" / "CARRETERO") has a line of one word."""
    lines = [line.strip(" ,;.") for line in block.split("\n") if line.strip(" ,;.")]
    if len(lines) < 2:
        return False
    names = [clean_name(line) for line in lines]
    return all(name and len(name.split()) >= 2 for name in names)


def _line_statements(block: str) -> tuple[list[Proxy], str]:
    """Proxies each stated on a line of their own, where " - " may join a surname, and the lines after them
    when these state none ("T.BUSIN : procuration à W.AUGUSTE / B.DUBOIS" in a block of the excused)."""
    lines = [line.strip() for line in block.split("\n") if line.strip(" .,;")]
    stated = list(itertools.takewhile(STATEMENT.match, lines))
    rest = lines[len(stated):]
    if not stated or any(re.search(GIVE, line) for line in rest):
        return [], block
    found, after = [], []
    for match in map(STATEMENT.match, stated):
        giver = clean_name(SPACED_HYPHEN.sub("-", match.group("giver")))
        holder = clean_name(SPACED_HYPHEN.sub("-", match.group("holder")))
        if giver and holder:
            holder, listed = _listed_after(holder)
            found.append(Proxy(giver=giver, holder=holder))
            after += listed
    return found, "\n".join(rest + [", ".join(after)] if after else rest)


def _pair(segment: str, is_proxy_block: bool) -> Proxy | None:
    patterns = PAIR_PATTERNS + ([PLAIN_PAIR] if is_proxy_block else [])
    for pattern in patterns:
        match = pattern.search(segment.strip(" .;"))
        if match:
            giver = clean_name(match.group("giver"))
            holder = HEAD_TITLE if HEAD.match(match.group("holder").strip(" .;")) else clean_name(match.group("holder"))
            if giver and holder:
                return Proxy(giver=giver, holder=holder)
    return None


def _listed_before(giver: str) -> tuple[list[str], str]:
    """A run-on list goes on into a proxy ("SAINT-MARTIN Karine M. PÉBAYLE Olivier donne procuration à"):
    the giver is the last name, after its civility; the names before it belong to the list."""
    parts = INNER_CIVILITY.split(giver)
    if len(parts) < 2:
        return [], giver
    return split_names(" ".join(parts[:-1])), clean_name(parts[-1]) or giver


def respective_proxies(block: str) -> tuple[str, list[Proxy]]:
    """The block without a sentence pairing two lists "respectivement", and the proxies it states (none when
    the lists differ in length: which giver gave to whom is then unknown)."""
    match = RESPECTIVELY.search(block)
    if match is None:
        return block, []
    givers = split_names(match.group("givers").replace("\n", " "))
    holders = split_names(match.group("holders").replace("\n", " "))
    if len(givers) != len(holders) or not givers:
        return block, []
    rest = (block[:match.start()] + block[match.end():]).strip()
    rest = re.sub(r"^(?:et|Et)\s+", "", rest)
    return rest, [Proxy(giver=g, holder=h) for g, h in zip(givers, holders)]


def _listed_after(holder: str) -> tuple[str, list[str]]:
    """A list goes on after a proxy's holder ("pouvoir à M. LAFITTE M. CAPDEVIELLE"): the holder is the first
    name, the names after its civility belong to the list."""
    parts = INNER_CIVILITY.split(holder)
    if len(parts) < 2 or holder == HEAD_TITLE:
        return holder, []
    return clean_name(parts[0]) or holder, split_names(" ".join(parts[1:]))


def _holder_listed_first(segment: str) -> bool:
    """"M. X (pouvoir de Mme Y)" in a list of present members: X is present."""
    return bool(PAIR_PATTERNS[1].search(segment.strip(" .;")))


def star_proxies(session: Session, zone: str) -> list[Proxy]:
    """Proxies marked with stars: "Présents : Jean-Pierre (Pr*)" and "Excusés : David (Pr*)"."""
    by_stars: dict[str, list[tuple[int, str]]] = {}
    for match in STARRED.finditer(zone):
        by_stars.setdefault(match.group("stars"), []).append((match.start(), match.group("name")))
    found: list[tuple[int, Proxy]] = []
    for marked in by_stars.values():
        holders = [name for _, name in marked if name in session.present]
        if len(holders) == 1:
            found += [(at, Proxy(giver=name, holder=holders[0])) for at, name in marked if name not in session.present]
    proxies = [proxy for _, proxy in sorted(found, key=lambda pair: pair[0])]
    givers = {p.giver for p in proxies}
    session.excused[:] = [n for n in session.excused if n not in givers]
    session.absent[:] = [n for n in session.absent if n not in givers]
    return proxies
