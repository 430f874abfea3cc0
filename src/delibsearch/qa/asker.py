"""Putting the steps together: records first, passages second, silence when unsure."""
from __future__ import annotations

import re
from dataclasses import asdict

from delibsearch.index import FullTextIndex
from delibsearch.qa.answer import Answer, Source, make_source
from delibsearch.qa.mentions import Candidate, Choice, candidates, choose, text_span
from delibsearch.qa.passages import Passage, PassageFinder, score_passages, stems_of
from delibsearch.qa.question import RECORD_ONLY, Question, read_question
from delibsearch.qa.records import RecordAnswers, Sitting
from delibsearch.qa.trips import TripAnswers
from delibsearch.store import Store

ANSWER_THRESHOLD = 0.3
PASSAGES_TRIED = 8
TIE_WEIGHT = 0.15
EVIDENCE = 6.0  # the weight of matched words (about three rare ones) that makes a passage full evidence
MENTION_TYPES = {"amount", "number", "date", "person", "place", "organisation", "text"}
TEXT_CONFIDENCE = 0.8  # a phrase cut from a sentence is less sure than a typed mention
# "Lot n°3 – Aucune offre – Lot infructueux": the passage says there is none.
NOTHING = re.compile(r"\b(?:aucune? (?:offre|réponse|candidat|candidature|demande)|infructueux|pas de réponse|néant)\b", re.I)


class Asker:
    """Answers questions from one store and index."""

    def __init__(self, store: Store, index: FullTextIndex) -> None:
        self.store = store
        self.records = RecordAnswers(store, stems_of)
        self.trips = TripAnswers(store, stems_of)
        self.finder = PassageFinder(store, index)

    def ask(self, text: str) -> Answer:
        authorities = [r[0] for r in self.store.db.execute("SELECT DISTINCT authority FROM documents WHERE authority IS NOT NULL")]
        question = read_question(text, authorities)
        sittings = self.records.sittings(question)
        answer = None
        if question.kind.startswith("trip"):
            answer = self.trips.trip(question)
        elif question.kind == "sitting_date":
            answer = self._sitting_date(question, sittings)
        elif not question.in_text and sittings:
            answer = self.records.answer(question, sittings)
        # What the header records (president, proxies, attendance, time, room) is not told in the items:
        # when the records are silent, so is the answer.
        if (answer is None or answer.answer is None) and question.type in MENTION_TYPES and question.kind not in RECORD_ONLY:
            answer = self._from_passages(question, sittings) or answer
        if answer is None:
            return Answer(None, question.type, None, 0.0, [])
        if answer.confidence < ANSWER_THRESHOLD:
            answer.alternatives.insert(0, {"answer": answer.answer, "value": answer.value, "confidence": round(answer.confidence, 2)})
            answer.answer, answer.value = None, None
        return answer

    def _sitting_date(self, q: Question, sittings: list[Sitting]) -> Answer | None:
        """"Quand s'est tenu le conseil qui a ..." : the date of the sitting whose passage best matches."""
        passages = self.finder.passages(q, sittings)
        score_passages(q, passages)
        if not passages:
            return None
        best = max(passages, key=lambda p: p.score)
        sitting = self.records.sitting(best.sitting_id)
        answer = self.records.date_answer(sitting, sitting.date, 0.3 + 0.4 * min(1.0, best.score)) if sitting else None
        return answer

    def _from_passages(self, q: Question, sittings: list[Sitting]) -> Answer | None:
        passages = self.finder.passages(q, sittings)
        if not passages:
            return None
        weights = score_passages(q, passages)
        passages.sort(key=lambda p: -p.score)
        tried = self._tried(q, passages, weights)
        if not tried:
            return None
        score, passage, chosen = tried[0]
        mention = chosen.candidate
        source = self._source(passage, mention)
        alternatives = [{"answer": other.candidate.text, **asdict(self._source(where, other.candidate)),
                         "quote": where.quote[:200]} for _, where, other in tried[1:4]]
        shown = _short_name(mention.text) if q.type == "organisation" else mention.text
        return Answer(shown, q.type, mention.value, _confidence(q, tried, weights), [source], alternatives)

    def _tried(self, q: Question, passages: list[Passage], weights: dict[str, float]) -> list[tuple[float, Passage, Choice]]:
        """The best passages that hold a mention of the expected type, each with the mention it ties to the
        question, best first."""
        tried: list[tuple[float, Passage, Choice]] = []
        names = q.names if q.type in ("person", "place", "organisation") else None
        for passage in passages[:PASSAGES_TRIED * 4]:
            if q.type == "text":
                span = text_span(passage, weights, q.focus)
                found = [span] if span else []
            else:
                found = [c for c in candidates(passage, q.type, self._mentions(passage)) if not _is_own_authority(c, passage)]
            chosen = choose(passage, found, q.text, weights, q.focus, q.type == "number", names) if found else None
            if chosen:
                # A mention the focus holds ("l'ancien restaurant « Le Trio »") lifts its passage.
                tried.append((passage.score + TIE_WEIGHT * chosen.tie, passage, chosen))
            if len(tried) == PASSAGES_TRIED:
                break
        return sorted(tried, key=lambda t: -t[0])

    def _mentions(self, passage: Passage) -> list[dict]:
        if passage.item is None:
            rows = self.store.db.execute(
                "SELECT m.type, m.text, m.value, m.page, m.start, m.end, e.name FROM mentions m"
                " LEFT JOIN entities e ON e.id = m.entity_id WHERE m.document_id = ? AND m.item_id IS NULL",
                (passage.sitting_id,))
        else:
            rows = self.store.db.execute(
                "SELECT m.type, m.text, m.value, m.page, m.start, m.end, e.name FROM mentions m"
                " LEFT JOIN entities e ON e.id = m.entity_id WHERE m.item_id = ?", (passage.item.id,))
        return [dict(r) for r in rows]

    def _source(self, passage: Passage, mention: Candidate) -> Source:
        return make_source(passage.item.id if passage.item else None, passage.sitting_id, passage.authority,
                           passage.date, passage.item.title if passage.item else None, self._page(passage, mention),
                           passage.quote)

    def _page(self, passage: Passage, mention: Candidate) -> int | None:
        """The PDF page of the passage: that of the item's last stored mention before it."""
        if passage.item is None or passage.start is None:
            return passage.page
        row = self.store.db.execute("SELECT page FROM mentions WHERE item_id = ? AND start <= ? AND page IS NOT NULL"
                                    " ORDER BY start DESC LIMIT 1", (passage.item.id, passage.start + mention.end)).fetchone()
        return row["page"] if row else passage.page


def _confidence(q: Question, tried: list[tuple[float, Passage, Choice]], weights: dict[str, float]) -> float:
    """How sure the best passage's mention is: how much of the question the passage holds, its margin over
    passages giving another answer, how clearly the mention wins, what is said (not only who), how much."""
    score, passage, chosen = tried[0]
    value = chosen.candidate.value
    rival = next((t[0] for t in tried[1:] if t[2].candidate.value != value), 0.0)
    # Other passages that give the same value agree with it: "l'encours ... : 15.766.362 €" twice.
    agree = sum(t[0] for t in tried[1:] if t[2].candidate.value == value and t[0] > rival)
    margin = max(0.0, score - rival) + 0.5 * agree
    held = min(1.0, passage.score)
    confidence = 0.15 + 0.35 * held + 0.5 * min(1.0, 2 * margin) * held + 0.1 * chosen.clarity
    # A question of two words matched says little: the evidence grows with the weight of the words held.
    evidence = min(1.0, sum(w for s, w in weights.items() if s in passage.stems | stems_of(passage.lead_in)) / EVIDENCE)
    confidence = min(0.95, confidence * (0.6 + 0.4 * _relation(q, passage, weights)) * (0.5 + 0.5 * evidence))
    if q.type == "text":
        confidence *= TEXT_CONFIDENCE
    if NOTHING.search(passage.text):
        confidence *= 0.3
    return confidence


def _relation(q: Question, passage: Passage, weights: dict[str, float]) -> float:
    """The share of the question's common words (its verbs and nouns, not its names) the passage holds:
    a passage that holds the names but not what is said of them ("situé", "gère") is weak evidence."""
    names = stems_of(" ".join(q.names))
    common = {s: w for s, w in weights.items() if s not in names}
    if not common:
        return 1.0
    held = passage.stems | stems_of(passage.context)
    return sum(w for s, w in common.items() if s in held) / sum(common.values())


def _is_own_authority(c: Candidate, passage: Passage) -> bool:
    """The authority whose sitting it is ("la Communauté de communes des Lisières de l'Oise" in its own
    minutes) is where the question is asked, not what it asks for."""
    own = (passage.authority or "").casefold()
    return bool(own) and " ".join(c.text.split()).casefold().replace("’", "'") in (own, f"commune de {own}")


def _short_name(text: str) -> str:
    """"société MEDIAKIOSK" -> "MEDIAKIOSK": the answer is the name, not its kind."""
    return re.sub(r"^(?:la |l[’'])?(?:société|entreprise|sas|sarl|sa|cabinet|bureau d[’']études)\s+", "", text, flags=re.I)
