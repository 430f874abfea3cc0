"""Question -> a short answer with its quoted, page-linked source, or no answer with the best passages.

Offline and explainable, in three separate steps:
1. read the French question (`read_question`): the kind of answer expected, and its constraints
   (authority, date, persons named, content words);
2. answer from the structured records when the question asks about them (president, secretary,
   attendance, proxies, votes, rapporteur, decision, time and place of the sitting, trips);
3. otherwise retrieve passages (the search engine, then the sentences that share most of the
   question's words) and take the mention of the expected type that the best sentence holds.
A wrong answer stated with confidence is worse than none: below a threshold the answer is null.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from delibsearch.extract.dates import first_date, fold
from delibsearch.extract.datespans import find_dates
from delibsearch.extract.money import format_euros
from delibsearch.extract.names import Roster, surname
from delibsearch.extract.sentences import flat, sentence_spans
from delibsearch.index import FullTextIndex, french_analyzer
from delibsearch.search import Filters, search
from delibsearch.store import Store

ANSWER_THRESHOLD = 0.35
ITEM_KINDS = {"rapporteur", "decision", "vote_against", "vote_for", "vote_abstention", "against_names", "abstention_names"}
YES_NO = re.compile(r"\b(?:a-t-il|a-t-elle|ont-ils|a-t-on)\b")
KINDS = [  # (kind, expected type, pattern over the folded question); first match wins
    ("proxy_from", "person", r"qui a (?:donne|confie) (?:son )?(?:pouvoir|procuration)"),
    ("proxy_to", "person", r"a qui .*(?:donne|confie|remis).*(?:pouvoir|procuration)|(?:pouvoir|procuration).* a qui"),
    ("president", "person", r"\bqui\b.*\bpresid"),
    ("secretary", "person", r"secretaire"),
    ("rapporteur", "person", r"rapporteu|qui a rapporte"),
    ("against_names", "person", r"\bqui\b.*vote contre"),
    ("abstention_names", "person", r"\bqui\b.*(?:abstenu|abstention)"),
    ("excused", "person", r"\bqui\b.*excuse|\bquel(?:le)?s? .*excuse"),
    ("absent", "person", r"\bqui\b.*absent|\bquel(?:le)?s? .*absent"),
    ("vote_against", "number", r"combien .*contre"),
    ("vote_abstention", "number", r"combien .*(?:abstenu|abstention)"),
    ("vote_for", "number", r"combien .*(?:vote pour|voix pour|pour la|pour le|pour l')"),
    ("present_count", "number", r"combien .*present"),
    ("trip_cost", "amount", r"(?:combien|cout|coute).*(?:deplacement|voyage|mission|transport)"),
    ("trip_delegation", "person", r"\bqui\b.*(?:deplace|rendu|voyage|delegation)"),
    ("time", "text", r"a quelle heure"),
    ("place_of_sitting", "place", r"\bou\b.*(?:reuni|tenu|siege|deroule)"),
    ("decision", "decision", r"(?:a-t-il|a-t-elle|ont-ils|a-t-on) (?:adopte|approuve|rejete|accepte|valide|pris acte)|quelle decision"),
]
QUESTION_WORDS = {"qui", "quand", "combien", "quel", "quelle", "quels", "quelles", "ou", "est", "ce", "que", "qu",
                  "a", "t", "il", "elle", "ils", "elles", "lors", "conseil", "municipal", "communautaire", "seance",
                  "du", "de", "des", "la", "le", "les", "l", "d", "au", "aux", "en", "pour", "sur", "par", "et",
                  "un", "une", "son", "sa", "ses", "a-t-il", "a-t-elle"}


@dataclass
class Question:
    text: str
    kind: str
    type: str
    authority: str | None = None
    date: str | None = None
    year: str | None = None
    words: list[str] = field(default_factory=list)


@dataclass
class Source:
    item_id: int | None
    sitting_id: int
    authority: str | None
    date: str | None
    title: str | None
    page: int | None
    quote: str
    pdf_url: str


@dataclass
class Answer:
    answer: str | None
    type: str
    value: Any
    confidence: float
    sources: list[Source]
    alternatives: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"answer": self.answer, "type": self.type, "value": self.value, "confidence": round(self.confidence, 2),
                "sources": [asdict(s) for s in self.sources], "alternatives": self.alternatives}


def read_question(text: str, authorities: list[str]) -> Question:
    """The kind of answer expected and the question's constraints."""
    folded = fold(text).replace("’", "'")
    kind, expected = _kind(folded)
    authority = _authority(folded, authorities)
    date = first_date(text)
    spans = find_dates(text, None)
    year = date[:4] if date else next((s.value[:4] for s in spans), None) or _year(text)
    words = [w for w in re.findall(r"[\w'-]+", folded) if w not in QUESTION_WORDS and len(w) > 2 and not w.isdigit()]
    return Question(text, kind, expected, authority, date, year, words)


def _kind(folded: str) -> tuple[str, str]:
    for kind, expected, pattern in KINDS:
        if re.search(pattern, folded):
            return kind, expected
    if re.search(r"\bquand\b|quelle date|quel jour", folded):
        return "date_in_text", "date"
    if re.search(r"combien|montant|\bcout|somme|\baide\b|subvention|\bprix\b|tarif|participation|devis|credits", folded):
        return "amount_in_text", "amount"
    if re.search(r"\bou\b|quelle ville|quel lieu|quel pays|quel parking|quelle commune", folded):
        return "place_in_text", "place"
    if re.search(r"quel(?:le)? (?:association|entreprise|societe|organisme|assureur|cabinet|bureau|syndicat|prestataire|banque|operateur)", folded):
        return "organisation_in_text", "organisation"
    return "person_in_text", "person"


def _authority(folded: str, authorities: list[str]) -> str | None:
    for authority in sorted(authorities, key=len, reverse=True):
        words = [w for w in re.findall(r"[\w-]+", fold(authority)) if len(w) > 3 and w not in ("communaute", "communes")]
        if words and all(w in folded for w in words[-2:]):
            return authority
    return None


def _year(text: str) -> str | None:
    match = re.search(r"\b(20\d{2})\b", text)
    return match.group(1) if match else None


class Asker:
    """Answers questions from one store and index."""

    def __init__(self, store: Store, index: FullTextIndex) -> None:
        self.store, self.index = store, index
        self.analyzer = french_analyzer()

    def ask(self, text: str) -> Answer:
        authorities = [r[0] for r in self.store.db.execute("SELECT DISTINCT authority FROM documents WHERE authority IS NOT NULL")]
        question = read_question(text, authorities)
        sittings = self._sittings(question)
        answer = None
        if question.kind.startswith("trip"):
            answer = self._trip(question)
        elif not question.kind.endswith("_in_text") and sittings:
            answer = self._structured(question, sittings)
        if answer is None or answer.answer is None:
            answer = self._from_passages(question) or answer
        if answer is None:
            return Answer(None, question.type, None, 0.0, [])
        if answer.confidence < ANSWER_THRESHOLD:
            answer.alternatives.insert(0, {"answer": answer.answer, "value": answer.value, "confidence": round(answer.confidence, 2)})
            answer.answer, answer.value = None, None
        return answer

    # Structured records -------------------------------------------------------------------------
    def _sittings(self, q: Question) -> list[dict[str, Any]]:
        where, args = ["1 = 1"], []
        if q.authority:
            where.append("authority = ?")
            args.append(q.authority)
        if q.date:
            where.append("date = ?")
            args.append(q.date)
        elif q.year:
            where.append("substr(date, 1, 4) = ?")
            args.append(q.year)
        if not (q.authority or q.date):
            return []
        found = self._documents(where, args)
        if not found and q.authority and q.date:
            # The sitting's authority may not have been read from its PDF: the date alone may single it out.
            found = self._documents(["date = ?"], [q.date])
        return found

    def _documents(self, where: list[str], args: list) -> list[dict[str, Any]]:
        rows = self.store.db.execute(f"SELECT id, authority, date, data, header FROM documents WHERE {' AND '.join(where)}", args)
        return [{"id": r["id"], "authority": r["authority"], "date": r["date"], "doc": json.loads(r["data"]),
                 "header": r["header"]} for r in rows]

    def _structured(self, q: Question, sittings: list[dict]) -> Answer | None:
        if len(sittings) != 1:
            return self._item_answer(q, sittings) if q.kind in ITEM_KINDS else None
        sitting = sittings[0]
        session = sitting["doc"]["session"]
        roster = Roster([*session["present"], *(p["from"] for p in session["proxies"]), *(p["to"] for p in session["proxies"]),
                         *session["excused"], *session["absent"]])
        named = [n for n in roster.names if fold(surname(n)) in fold(q.text)]
        kind = q.kind
        if kind in ("president", "secretary"):
            return self._header_answer(sitting, session[kind], "person", 0.9)
        if kind == "proxy_from":
            holders = [n for n in named]
            givers = [p["from"] for p in session["proxies"] if p["to"] in holders]
            return self._header_answer(sitting, " et ".join(givers) or None, "person", 0.85, givers)
        if kind == "proxy_to":
            holders = [p["to"] for p in session["proxies"] if p["from"] in named or fold(p["from"]) in fold(q.text)]
            return self._header_answer(sitting, holders[0] if holders else None, "person", 0.85)
        if kind in ("excused", "absent"):
            names = session[kind]
            return self._header_answer(sitting, " et ".join(names) or None, "person", 0.7, names)
        if kind == "present_count":
            count = session["present_count"]
            return self._header_answer(sitting, str(count) if count is not None else None, "number", 0.75, count,
                                       quote_hint=str(count) if count is not None else None)
        if kind == "time":
            return self._header_answer(sitting, session["time"], "text", 0.8, quote_hint=(session["time"] or "")[:2])
        if kind == "place_of_sitting":
            return self._header_answer(sitting, session["place"], "place", 0.7)
        return self._item_answer(q, [sitting])

    def _item_answer(self, q: Question, sittings: list[dict]) -> Answer | None:
        """The vote, rapporteur or decision of the item whose title best matches the question."""
        items = [item for sitting in sittings for item in self.store.items_of(sitting["id"])]
        best = self._best_item(q, items)
        if best is None:
            return None
        sitting = next(s for s in sittings if s["id"] == best.document_id)
        row = self.store.db.execute("SELECT vote, rapporteur, decision FROM items WHERE id = ?", (best.id,)).fetchone()
        vote = json.loads(row["vote"]) if row["vote"] else None
        value: Any = None
        if q.kind == "rapporteur":
            value = row["rapporteur"]
        elif q.kind == "decision":
            value = row["decision"]
        elif vote and q.kind in ("vote_against", "vote_for", "vote_abstention"):
            value = vote[{"vote_against": "against", "vote_for": "for", "vote_abstention": "abstention"}[q.kind]]
        elif vote and q.kind in ("against_names", "abstention_names"):
            names = vote[q.kind]
            value = names or None
        if value in (None, []):
            return None
        shown = " et ".join(value) if isinstance(value, list) else str(value)
        if q.kind == "decision" and YES_NO.search(fold(q.text)):
            shown = {"adopted": "Oui", "rejected": "Non"}.get(value, shown)
        quote = self._quote(best.text, _hints(value, q.kind))
        source = self._source(best.id, sitting["id"], best.authority, best.date, best.title, best.page_start, quote)
        return Answer(shown, q.type, value, 0.75, [source])

    def _best_item(self, q: Question, items: list) -> Any:
        stems = self._stems(" ".join(q.words))
        scored = []
        for item in items:
            title = self._stems(item.title or "")
            scored.append((len(stems & title) + 0.2 * len(stems & self._stems(item.text[:600])), item))
        scored.sort(key=lambda pair: -pair[0])
        return scored[0][1] if scored and scored[0][0] > 0 else None

    def _header_answer(self, sitting: dict, shown: str | None, kind: str, confidence: float, value: Any = None,
                       quote_hint: str | None = None) -> Answer | None:
        if not shown:
            return None
        header = sitting["header"] or ""
        hint = quote_hint or surname(shown.split(" et ")[0])
        quote = _line_with(header, hint) if hint and fold(hint) in fold(header) else shown
        source = Source(None, sitting["id"], sitting["authority"], sitting["date"], None, 1, quote,
                        f"/sittings/{sitting['id']}/pdf#page=1")
        return Answer(shown, kind, value if value is not None else shown, confidence, [source])

    # Trips -----------------------------------------------------------------------------------------
    def _trip(self, q: Question) -> Answer | None:
        rows = self.store.db.execute(
            "SELECT t.*, d.authority, d.date AS sitting_date FROM trips t JOIN documents d ON d.id = t.document_id").fetchall()
        folded = fold(q.text)
        candidates = [r for r in rows if r["destination"] and fold(r["destination"]) in folded]
        if q.authority:
            candidates = [r for r in candidates if r["authority"] == q.authority]
        if len(candidates) > 1:
            stems = self._stems(" ".join(q.words))
            candidates.sort(key=lambda r: -len(stems & self._stems((r["purpose"] or "") + " " + (r["start"] or ""))))
            if q.year:
                candidates = [r for r in candidates if (r["start"] or "").startswith(q.year)] or candidates
        if not candidates:
            return None
        trip = candidates[0]
        if q.kind == "trip_cost":
            value, shown = trip["cost"], _euros(trip["cost"]) if trip["cost"] is not None else None
        else:
            people = [r[0] for r in self.store.db.execute(
                "SELECT e.name FROM trip_people tp JOIN entities e ON e.id = tp.entity_id WHERE tp.trip_id = ?", (trip["id"],))]
            value, shown = people, " et ".join(people) or None
        if shown is None:
            return None
        confidence = 0.85 if len(candidates) == 1 else 0.6
        item = self.store.item(trip["item_id"]) if trip["item_id"] else None
        quote = self._trip_row(trip) or (_line_with(item.text, trip["destination"]) if item else trip["destination"])
        source = self._source(trip["item_id"], trip["document_id"], trip["authority"], trip["sitting_date"],
                              item.title if item else None, trip["page"], quote)
        alternatives = [{"answer": _euros(r["cost"]), "value": r["cost"]} for r in candidates[1:3]]
        return Answer(shown, q.type, value, confidence, [source], alternatives)

    def _trip_row(self, trip) -> str | None:
        """The table row the trip was read from, cells joined, as the quote."""
        for table in self.store.db.execute("SELECT rows FROM tables WHERE item_id = ? AND page <= ?", (trip["item_id"], trip["page"])):
            for row in json.loads(table[0]):
                joined = " | ".join(cell for cell in row if cell)
                cost = re.sub(r"\D", "", str(int(trip["cost"]))) if trip["cost"] is not None else ""
                if fold(trip["destination"] or "")[:5] in fold(joined) and cost in re.sub(r"\D", "", joined):
                    return joined
        return None

    # Passages ------------------------------------------------------------------------------------
    def _from_passages(self, q: Question) -> Answer | None:
        if not q.words:
            return None
        query = " OR ".join(re.sub(r"[^\w-]", "", w) for w in q.words if re.sub(r"[^\w-]", "", w))
        filters = Filters(authority=q.authority, year=q.date[:4] if q.date else None)
        hits = search(self.index, self.store, query, filters, page_size=5).hits
        stems = self._stems(" ".join(q.words))
        candidates = []
        for hit in hits:
            item = self.store.item(hit.item_id)
            mentions = self._mentions(hit.item_id, q.type)
            for start, end in sentence_spans(item.text):
                sentence = item.text[start:end]
                overlap = len(stems & self._stems(sentence)) / max(1, len(stems))
                inside = [m for m in mentions if start <= m["start"] and m["end"] <= end]
                if overlap > 0 and inside:
                    candidates.append((overlap, hit, item, sentence, start, inside))
        if not candidates:
            return None
        candidates.sort(key=lambda c: -c[0])
        overlap, hit, item, sentence, start, inside = candidates[0]
        mention = self._nearest(inside, sentence, start, stems, q.text)
        value = mention["number"] if mention["number"] is not None else (mention["value"] or mention["text"])
        page = mention["page"] or hit.page
        source = self._source(item.id, item.document_id, item.authority, item.date, item.title, page, flat(sentence))
        margin = overlap - (candidates[1][0] if len(candidates) > 1 else 0)
        # A passage is weaker evidence than a record: confident only when it shares nearly all the
        # question's words and clearly beats the next passage.
        confidence = 0.2 + 0.3 * overlap + 0.2 * margin
        if overlap >= 0.8 and margin >= 0.3:
            confidence = min(0.9, confidence + 0.2)
        alternatives = [{"answer": c[5][0]["text"], "quote": flat(c[3])[:200]} for c in candidates[1:4]]
        shown = _short_name(mention["text"]) if q.type == "organisation" else mention["text"]
        return Answer(shown, q.type, value, confidence, [source], alternatives)

    def _nearest(self, mentions: list[dict], sentence: str, offset: int, stems: set[str], question: str) -> dict:
        """The mention closest to the question's words in the sentence, not one the question itself names."""
        folded_question = fold(question)
        fresh = [m for m in mentions if fold(m["text"]) not in folded_question] or mentions
        anchors = [offset + t.startchar for t in self.analyzer(sentence, chars=True) if t.text in stems]
        if not anchors:
            return fresh[0]
        return min(fresh, key=lambda m: min(abs(m["start"] - a) for a in anchors))

    def _mentions(self, item_id: int, kind: str) -> list[dict[str, Any]]:
        types = {"number": ("amount",), "text": ("date",)}.get(kind, (kind,))
        marks = ",".join("?" * len(types))
        return [dict(r) for r in self.store.db.execute(
            "SELECT m.text, m.value, m.number, m.page, m.start, m.end, e.name FROM mentions m"
            f" LEFT JOIN entities e ON e.id = m.entity_id WHERE m.item_id = ? AND m.type IN ({marks}) ORDER BY m.start",
            (item_id, *types))]

    # Helpers ---------------------------------------------------------------------------------------
    def _stems(self, text: str) -> set[str]:
        return {t.text for t in self.analyzer(text) if len(t.text) > 2}

    @staticmethod
    def _quote(text: str, hints: list[str]) -> str:
        for hint in hints:
            sentence = _sentence_with(text, hint)
            if sentence:
                return sentence
        return flat(text[:200])

    def _source(self, item_id: int | None, sitting_id: int, authority: str | None, date: str | None,
                title: str | None, page: int | None, quote: str) -> Source:
        return Source(item_id, sitting_id, authority, date, title, page, quote,
                      f"/sittings/{sitting_id}/pdf#page={page or 1}")


def _short_name(text: str) -> str:
    """"société MEDIAKIOSK" -> "MEDIAKIOSK": the answer is the name, not its kind."""
    return re.sub(r"^(?:la |l[’'])?(?:société|entreprise|sas|sarl|sa|cabinet|bureau d[’']études)\s+", "", text, flags=re.I)


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


def _euros(value: float | None) -> str:
    return "" if value is None else format_euros(value)
