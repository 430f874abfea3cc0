"""Score the entity extractor against the hand-made gold set (tests/gold/entities).

Precision, recall and F1 per type. A predicted mention matches a gold one on
the same page with the same type and the same text (civility, case, spacing
and extraction markers aside); for persons, dates and amounts the value must
be right too. Two kinds of gold mentions are neither counted nor held against
the extractor ("don't care"): named events and programmes the annotator tagged
`kind` event/programme/brand, and mentions printed only in running headers
or footers, which the parser drops as page furniture.

Usage: python tests/score_entities.py [--without COMPONENT ...]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from conftest import SEED_PDF, shared_pdf  # noqa: E402
from delibsearch.extract.dates import fold  # noqa: E402
from delibsearch.extract.names import strip_civility  # noqa: E402
from delibsearch.model import ENTITY_TYPES  # noqa: E402
from delibsearch.parse.cleanup import running_lines  # noqa: E402
from delibsearch.parse.pdf import read_pdf  # noqa: E402

GOLD = HERE / "gold" / "entities"
DONT_CARE_KINDS = {"event", "programme", "brand"}
STRICT_VALUE = {"person", "date", "amount"}


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)

    def scores(self, kind: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def text_key(kind: str, text: str) -> str:
    text = re.sub(r"\^\{([^}]*)\}", r"\1", text).replace("**", "").replace("’", "'")
    text = re.sub(r"\s+", " ", text).strip(" .,;:()")
    if kind == "person":
        text = strip_civility(text)
    if kind == "organisation":
        text = re.sub(r"^(?:l'|la |le |les |du |de la |des )", "", text, flags=re.I)
    return fold(text)


def value_key(kind: str, value) -> str:
    if kind == "amount":
        return f"{float(value):.2f}"
    return fold(str(value)) if kind in STRICT_VALUE else ""


def mention_key(kind: str, text: str, value) -> tuple[str, str, str]:
    return kind, text_key(kind, text), value_key(kind, value)


def furniture(path: Path) -> dict[int, str]:
    """Per page, the text of its running header's and footer's lines (the first page's header included,
    although the parser keeps it: the gold leaves out what runs on every page)."""
    pages = [[re.sub(r"\s+", " ", line).strip() for line in page.split("\n")] for page in read_pdf(path).pages]
    return {number: "\n".join(page[i] for i in sorted(indexes))
            for number, (page, indexes) in enumerate(zip(pages, running_lines(pages)), start=1)}


def running_header_end(path: Path, text: str) -> int:
    """Where the running header that opens the document's text ends (0 when it opens with none)."""
    pages = [[re.sub(r"\s+", " ", line).strip() for line in page.split("\n")] for page in read_pdf(path).pages]
    first = pages[0] if pages else []
    header = [first[i] for i in sorted(running_lines(pages)[0]) if i < len(first) // 2 + 1] if first else []
    end = 0
    for line in header:
        found = text.find(line, end)
        if found < 0 or text[end:found].strip():
            break
        end = found + len(line)
    return end


def score(documents: list) -> tuple[Tally, list[str]]:
    """Tally over the gold documents; `documents` are (gold, parsed Document) pairs."""
    tally, misses = Tally(), []
    for gold, doc, path in documents:
        pages = set(gold["pages"])
        dropped = furniture(path) if pages else {}
        header_end = running_header_end(path, doc.header_text)
        gold_counts: Counter = Counter()
        dont_care: Counter = Counter()
        for m in gold["mentions"]:
            key = (m["page"] if pages else None, *mention_key(m["type"], m["text"], m["value"]))
            in_furniture = pages and text_key(m["type"], m["text"]) in fold(dropped.get(m["page"], ""))
            if m.get("kind") in DONT_CARE_KINDS or in_furniture:
                dont_care[key[:3]] += 1
            else:
                gold_counts[key] += 1
        predicted: Counter = Counter()
        for e in doc.entities:
            if pages and e.page not in pages:
                continue
            if e.start < header_end:
                continue  # the first page's running header, which the parser keeps and the gold leaves out
            predicted[(e.page if pages else None, *mention_key(e.type, e.text, e.value))] += 1
        for key, count in predicted.items():
            matched = min(count, gold_counts.get(key, 0))
            tally.tp[key[1]] += matched
            spare = count - matched
            excused = min(spare, dont_care.get(key[:3], 0))
            tally.fp[key[1]] += spare - excused
            if spare - excused:
                misses.append(f"{gold['file']} FP {key} x{spare - excused}")
        for key, count in gold_counts.items():
            missed = count - min(count, predicted.get(key, 0))
            tally.fn[key[1]] += missed
            if missed:
                misses.append(f"{gold['file']} FN {key} x{missed}")
    return tally, misses


def load_documents(disabled: tuple[str, ...] = ()) -> list:
    from delibsearch.ingest import parse_file

    documents = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pdf = SEED_PDF if gold["file"] == "seed" else shared_pdf(gold["file"])
        documents.append((gold, parse_file(pdf, disabled), pdf))
    return documents


def table(tally: Tally) -> str:
    lines = ["| type | gold | precision | recall | F1 |", "| --- | --- | --- | --- | --- |"]
    for kind in ENTITY_TYPES:
        p, r, f = tally.scores(kind)
        lines.append(f"| {kind} | {tally.tp[kind] + tally.fn[kind]} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--without", nargs="*", default=[], help="pipeline components to leave out (ner, entity_ruler, delib_rules)")
    parser.add_argument("--misses", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args()
    tally, misses = score(load_documents(tuple(args.without)))
    print(table(tally))
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
