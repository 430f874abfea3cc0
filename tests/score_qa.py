"""Score question answering against the hand-written question set (tests/qa/questions.jsonl).

Exact-answer accuracy (a question with no answer in the corpus is right when the answer is null), the
share of answers whose quote contains the answer, and the share of wrong answers given with confidence
above 0.5. Usage: python tests/score_qa.py --data DIR [--misses]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "qa" / "questions.jsonl"
sys.path.insert(0, str(HERE))

from delibsearch.extract.dates import fold  # noqa: E402
from delibsearch.extract.names import strip_civility, surname  # noqa: E402


@dataclass
class QaScore:
    total: int = 0
    right: int = 0
    answered: int = 0
    quoted: int = 0
    confident_wrong: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def quote_share(self) -> float:
        return self.quoted / self.answered if self.answered else 1.0

    @property
    def confident_wrong_share(self) -> float:
        return self.confident_wrong / self.total if self.total else 0.0


def norm(text) -> str:
    text = fold(str(text)).replace("’", "'")
    text = " ".join(strip_civility(part) for part in re.split(r"\s*(?:,| et )\s*", text))
    return re.sub(r"[^\w]+", " ", text).strip()


def digits(text) -> str:
    return re.sub(r"\D", "", str(text).split(",")[0].split(".")[0])


def is_right(question: dict, answer: dict) -> bool:
    if not question["answers"]:
        return answer["answer"] is None
    if answer["answer"] is None:
        return False
    given = norm(answer["answer"])
    if any(given == norm(a) for a in question["answers"]):
        return True
    value, expected = answer["value"], question["value"]
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        try:
            return abs(float(value) - float(expected)) < 0.01
        except (TypeError, ValueError):
            return digits(answer["answer"]) == digits(expected)
    if isinstance(expected, list):
        got = value if isinstance(value, list) else [value]
        return {norm(v) for v in got} == {norm(v) for v in expected}
    return expected is not None and norm(value) == norm(expected)


def quote_holds(answer: dict) -> bool:
    quote = " ".join(s["quote"] for s in answer["sources"][:1])
    if not quote:
        return False
    shown = answer["answer"]
    if answer["type"] == "decision":
        # "Oui" is supported by the decision's own words.
        return re.search(r"adopt|unanimit|majorit|approuv|rejet|acte|valid", quote, re.I) is not None
    if re.fullmatch(r"[\d\s.,€:hH]+", shown or ""):
        return re.sub(r"\D", "", shown.split(",")[0]) in re.sub(r"\D", "", quote) or (
            shown.strip() == "1" and re.search(r"\bune?\b", quote) is not None)
    if answer["type"] == "person":
        # A name is quoted as printed: "Mme DEFOSSEZ" supports "Hélène DEFOSSEZ".
        return all(norm(surname(part)) in norm(quote) for part in re.split(r"\s+et\s+", shown))
    return all(norm(part) in norm(quote) for part in re.split(r"\s+et\s+", shown))


def score(asker, questions: list[dict]) -> QaScore:
    result = QaScore()
    for question in questions:
        answer = asker.ask(question["question"]).to_dict()
        right = is_right(question, answer)
        result.total += 1
        result.right += right
        if answer["answer"] is not None:
            result.answered += 1
            result.quoted += quote_holds(answer)
            result.confident_wrong += (not right) and answer["confidence"] > 0.5
        if not right:
            result.misses.append(f"{question['id']} {question['kind']}: {question['question']} -> {answer['answer']!r}"
                                 f" ({answer['confidence']}) expected {question['answers'][:1]}")
    return result


def load_questions() -> list[dict]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    from delibsearch.config import Settings
    from delibsearch.index import FullTextIndex
    from delibsearch.qa import Asker
    from delibsearch.store import Store

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="a data directory holding corpus/ and ../shared/corpus")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    settings = Settings(args.data)
    result = score(Asker(Store(settings.db_path), FullTextIndex(settings.index_dir)), load_questions())
    print(f"| questions | accuracy | quotes holding the answer | confident wrong |\n| --- | --- | --- | --- |\n"
          f"| {result.total} | {result.accuracy:.1%} | {result.quote_share:.1%} | {result.confident_wrong_share:.1%} |")
    if args.misses:
        print("\n".join(result.misses))


if __name__ == "__main__":
    main()
