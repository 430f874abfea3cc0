"""Answers read from the sitting's records: header (president, proxies, attendance, time, place, dates) and
items (rapporteur, vote, decision), each quoted from the line it was read from."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from delibsearch.extract.dates import fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.names import Roster, surname
from delibsearch.extract.sentences import flat, sentence_spans
from delibsearch.qa.answer import Answer, make_source
from delibsearch.qa.question import Question
from delibsearch.store import Store

ITEM_KINDS = {"rapporteur", "decision", "vote_against", "vote_for", "vote_abstention", "against_names", "abstention_names"}
YES_NO = re.compile(r"\b(?:a-t-il|a-t-elle|ont-ils|a-t-on)\b")
VOTE_FIELDS = {"vote_against": "against", "vote_for": "for", "vote_abstention": "abstention"}
VOTE_WORDS = {"vote_against": r"contre", "vote_for": r"pour", "vote_abstention": r"abstention"}
# "Madame Gwénaëlle LAIR expose :" opens an item whose rapporteur the header did not name.
PRESENTER = re.compile(r"(?:Madame|Monsieur|M\.|Mme)\s+((?:[A-ZÀ-Þ][\w'’-]*\s+){0,3}[A-ZÀ-Þ][\w'’-]*)\s*,?\s+(?:expose|présente|rapporte)\b")


@dataclass
class Sitting:
    id: int
    authority: str | None
    date: str | None
    doc: dict[str, Any]
    header: str

    @property
    def session(self) -> dict[str, Any]:
        return self.doc["session"]


class RecordAnswers:
    """Answers from the store's records of sittings, items and trips."""

    def __init__(self, store: Store, stems: Callable[[str], set[str]]) -> None:
        self.store, self.stems = store, stems

    def sittings(self, q: Question) -> list[Sitting]:
        """The sittings the question names by authority and/or date; [] when it names neither."""
        if not (q.authority or q.date):
            return []
        where, args = [], []
        if q.authority:
            where.append("authority = ?")
            args.append(q.authority)
        if q.date:
            where.append("date = ?")
            args.append(q.date)
        found = self._documents(where + (["substr(date, 1, 4) = ?"] if q.year and not q.date else []),
                                args + ([q.year] if q.year and not q.date else []))
        if not found and q.year and not q.date:
            # A year in the question may be the subject's ("le budget 2024"), not the sitting's.
            found = self._documents(where, args)
        if not found and q.authority and q.date:
            # The sitting's authority may not have been read from its PDF: the date alone may single it out.
            found = self._documents(["date = ?"], [q.date])
        return found

    def sitting(self, sitting_id: int) -> Sitting | None:
        return next(iter(self._documents(["id = ?"], [sitting_id])), None)

    def _documents(self, where: list[str], args: list) -> list[Sitting]:
        rows = self.store.db.execute(f"SELECT id, authority, date, data, header FROM documents WHERE {' AND '.join(where)}", args)
        return [Sitting(r["id"], r["authority"], r["date"], json.loads(r["data"]), r["header"] or "") for r in rows]

    def answer(self, q: Question, sittings: list[Sitting]) -> Answer | None:
        if q.kind in ITEM_KINDS:
            if q.authority and not q.date:
                # "la délégation ... de l'accueil de loisirs 2024": the year may be the subject's, voted in 2023.
                sittings = self._documents(["authority = ?"], [q.authority]) or sittings
            return self.item_answer(q, sittings)
        if len(sittings) != 1:
            return None
        sitting = sittings[0]
        session = sitting.session
        kind = q.kind
        if kind in ("president", "secretary"):
            return self._header_answer(sitting, session[kind], "person", 0.9)
        if kind in ("proxy_from", "proxy_to"):
            return self._proxy(q, sitting)
        if kind in ("excused", "absent"):
            names = session[kind] or session["absent" if kind == "excused" else "excused"] or _listed_after(sitting.header, kind)
            return self._header_answer(sitting, " et ".join(names) or None, "person", 0.7, names)
        if kind == "present_count":
            count = session["present_count"]
            return self._header_answer(sitting, str(count) if count is not None else None, "number", 0.75, count,
                                       quote_hint=str(count) if count is not None else None)
        if kind == "time":
            return self._header_answer(sitting, session["time"], "text", 0.8, quote_hint=(session["time"] or "")[:2])
        if kind == "place_of_sitting":
            return self._header_answer(sitting, session["place"] or _room_in_header(sitting.header), "place", 0.6 if not session["place"] else 0.7)
        if kind == "convened_on":
            return self.date_answer(sitting, session["convened_on"], 0.8)
        return None

    def _proxy(self, q: Question, sitting: Sitting) -> Answer | None:
        session = sitting.session
        roster = Roster([*session["present"], *(p["from"] for p in session["proxies"]), *(p["to"] for p in session["proxies"]),
                         *session["excused"], *session["absent"]])
        folded = fold(q.text)
        named = [n for n in roster.names if re.search(rf"\b{re.escape(fold(surname(n)))}\b", folded)]
        if q.kind == "proxy_from":
            givers = [p["from"] for p in session["proxies"] if p["to"] in named]
            return self._header_answer(sitting, " et ".join(givers) or None, "person", 0.85, givers)
        holders = [p["to"] for p in session["proxies"] if p["from"] in named and p["to"]]
        if holders:
            return self._header_answer(sitting, holders[0], "person", 0.85)
        return self._proxy_in_text(sitting, [surname(n) for n in named] + q.names)

    def _proxy_in_text(self, sitting: Sitting, givers: list[str]) -> Answer | None:
        """A proxy printed beside its giver, "Adeline (procuration à Mario)", in the header or on leaving
        during the sitting ("Départ de M. X (procuration à Y)")."""
        texts = [(None, sitting.header)] + [(item, item.text) for item in self.store.items_of(sitting.id)]
        for item, text in texts:
            for giver in givers:
                for match in re.finditer(rf"\b{re.escape(giver)}\s*\((?:procuration|pouvoir) (?:à|a) ([^)]+)\)", text):
                    holder = match.group(1).strip()
                    quote = _sentence_with(text, match.group(0)) or flat(match.group(0))
                    if item is None:
                        source = make_source(None, sitting.id, sitting.authority, sitting.date, None, 1, quote)
                    else:
                        source = make_source(item.id, sitting.id, sitting.authority, sitting.date, item.title, item.page_start, quote)
                    return Answer(holder, "person", holder, 0.7, [source])
        return None

    def date_answer(self, sitting: Sitting, value: str | None, confidence: float) -> Answer | None:
        """A date of the sitting, shown and quoted as its header prints it."""
        if not value:
            return None
        for line in sitting.header.split("\n"):
            for span in find_dates(line, int(value[:4])):
                if span.value == value:
                    source = make_source(None, sitting.id, sitting.authority, sitting.date, None, 1, flat(line))
                    return Answer(line[span.start:span.end], "date", value, confidence, [source])
        return None

    def item_answer(self, q: Question, sittings: list[Sitting]) -> Answer | None:
        """The vote, rapporteur or decision of the item whose title best matches the question."""
        items = [item for sitting in sittings for item in self.store.items_of(sitting.id)]
        best = self._best_item(q, items)
        if best is None:
            return None
        sitting = next(s for s in sittings if s.id == best.document_id)
        row = self.store.db.execute("SELECT vote, rapporteur, decision FROM items WHERE id = ?", (best.id,)).fetchone()
        vote = json.loads(row["vote"]) if row["vote"] else None
        value: Any = None
        line_quote = None
        if q.kind == "rapporteur":
            value = row["rapporteur"] or _presenter(best.text)
        elif q.kind == "decision":
            value = row["decision"]
        elif vote and q.kind in VOTE_FIELDS:
            value = vote[VOTE_FIELDS[q.kind]]
        elif vote and q.kind in ("against_names", "abstention_names"):
            near = self._names_near_subject(q, best.text, sitting)
            value, line_quote = near if near else (vote[q.kind] or None, None)
        if value in (None, []):
            return None
        shown = " et ".join(value) if isinstance(value, list) else str(value)
        if q.kind == "decision" and YES_NO.search(fold(q.text)):
            shown = {"adopted": "Oui", "rejected": "Non"}.get(value, shown)
        quote = line_quote or (_vote_quote(best.text, q.kind, value) if q.kind in VOTE_FIELDS else None) or _quote(best.text, _hints(value, q.kind))
        source = make_source(best.id, sitting.id, best.authority, best.date, best.title, best.page_start, quote)
        return Answer(shown, q.type, value, 0.75, [source])

    def _names_near_subject(self, q: Question, text: str, sitting: Sitting) -> tuple[list[str], str] | None:
        """When an item votes several times ("Contre : M. Papin, M. Tanguy" after each subsidy), the vote line
        that follows the text sharing most of the question's words."""
        label = r"Contre" if q.kind == "against_names" else r"Abstentions?"
        lines = list(re.finditer(rf"(?im)^[ \t]*{label}[ \t]*:.*$", text))
        if len(lines) < 2:
            return None
        stems = self.stems(" ".join(q.words)) - self.stems("vote contre pour abstention abstenu")

        def shared(line: re.Match[str]) -> int:
            previous = max((other.end() for other in lines if other.end() <= line.start()), default=0)
            return len(stems & self.stems(text[previous:line.start()]))

        best = max(lines, key=shared)
        listed = re.sub(rf"^\s*{label}\s*:\s*", "", best.group(0), flags=re.I)
        session = sitting.session
        roster = Roster([*session["present"], *(p["from"] for p in session["proxies"]), *(p["to"] for p in session["proxies"]),
                         *session["excused"], *session["absent"]])
        names = [n for n in (roster.resolve(part) for part in re.split(r"\s*(?:,|\bet\b)\s*", listed) if part.strip()) if n]
        return (names, flat(best.group(0))) if names else None

    def _best_item(self, q: Question, items: list) -> Any:
        stems = self.stems(" ".join(q.words))
        scored = []
        for item in items:
            title = self.stems(item.title or "")
            year = 0.0
            if q.year:
                year = 0.5 * (q.year in (item.title or "")) + 0.3 * ((item.date or "")[:4] == q.year)
            scored.append((len(stems & title) + 0.2 * len(stems & self.stems(item.text[:600])) + year, item))
        scored.sort(key=lambda pair: -pair[0])
        return scored[0][1] if scored and scored[0][0] > 0 else None

    @staticmethod
    def _header_answer(sitting: Sitting, shown: str | None, kind: str, confidence: float, value: Any = None,
                       quote_hint: str | None = None) -> Answer | None:
        if not shown:
            return None
        hint = quote_hint or surname(shown.split(" et ")[0])
        quote = _sentence_holding(sitting.header, shown) or (
            _line_with(sitting.header, hint) if hint and fold(hint) in fold(sitting.header) else shown)
        source = make_source(None, sitting.id, sitting.authority, sitting.date, None, 1, quote)
        return Answer(shown, kind, value if value is not None else shown, confidence, [source])


ROOM = re.compile(r"\b(?:[Ss]alle|[Mm]airie|[Hh][ôo]tel de [Vv]ille|[Ff]oyer|[Ee]space)\b[^\n.,;:]{0,60}")


def _room_in_header(header: str) -> str | None:
    """The room the header names ("Salle polyvalente de COUTHENANS.") when the header reader found no place."""
    match = ROOM.search(header)
    return match.group(0).strip() if match else None


def _listed_after(header: str, kind: str) -> list[str]:
    """Names printed after a header's label when the header reader did not get them ("Absent\nHélène")."""
    label = r"Absente?s?(?:\s+non\s+excusée?s?)?" if kind == "absent" else r"(?:Absente?s?\s+)?Excusée?s?"
    match = re.search(rf"(?m)^\s*{label}\s*:?\s*(?:\n\s*)?([^\n]+)", header)
    if not match:
        return []
    names = [n.strip() for n in re.split(r"\s*(?:,|&|\bet\b)\s*", match.group(1)) if n.strip()]
    return [n for n in names if re.fullmatch(r"[A-ZÀ-Þ][\w'’-]*(?:\s+[A-ZÀ-Þ][\w'’-]*){0,3}", n)]


def _presenter(text: str) -> str | None:
    match = PRESENTER.search(text[:600])
    return match.group(1) if match else None


def _vote_quote(text: str, kind: str, count: Any) -> str | None:
    """The last sentence that prints the count beside its vote word ("34 voix pour", "Contre : 4")."""
    number = rf"(?<![\d,.]){int(count)}(?![\d,.])" if isinstance(count, (int, float)) else None
    if number is None:
        return None
    word = VOTE_WORDS[kind]
    found = [flat(text[a:b]) for a, b in sentence_spans(text)
             if re.search(rf"{number}\s*(?:voix|votes?|suffrages?)?\s*{word}|{word}\w*\s*:?\s*{number}", text[a:b], re.I)]
    return found[-1][:400] if found else None


def _sentence_holding(text: str, shown: str) -> str | None:
    """The sentence (or printed line) of text that holds the shown answer, accents and line breaks aside."""
    wanted = fold(flat(shown))
    for start, end in sentence_spans(text):
        sentence = flat(text[start:end])
        if wanted in fold(sentence):
            return sentence[:400] if len(sentence) <= 400 else _line_with(text[start:end], shown)
    return None


def _quote(text: str, hints: list[str]) -> str:
    for hint in hints:
        sentence = _sentence_with(text, hint)
        if sentence:
            return sentence
    return flat(text[:200])


def _hints(value: Any, kind: str) -> list[str]:
    if isinstance(value, list):
        return [surname(v) for v in value]
    if kind.startswith("vote"):
        return {"vote_against": ["contre", "CONTRE"], "vote_for": ["pour", "POUR"], "vote_abstention": ["bstention"]}[kind]
    if kind == "decision":
        return ["unanimit", "adopt", "majorit", "acte", "rejet"]
    return [surname(str(value))]


def _sentence_with(text: str, hint: str) -> str | None:
    if not hint:
        return None
    for start, end in sentence_spans(text):
        if hint.lower() in text[start:end].lower():
            return flat(text[start:end])[:400]
    return None


def _line_with(text: str, hint: str) -> str:
    """The printed line holding the hint, with its neighbours when the line is short."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if hint and fold(hint) in fold(line):
            window = lines[max(0, number - 1):number + 2] if len(line) < 60 else [line]
            return flat(" ".join(window))
    return hint
