"""Benchmark: answer latency (p50, p95) over the question set, on the index of ../shared/corpus and corpus/.

Usage: python bench/ask.py [--data DIR] (without --data, indexes the corpus into a temporary directory first)
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from delibsearch.config import Settings
    from delibsearch.index import FullTextIndex
    from delibsearch.ingest import Ingest
    from delibsearch.qa import Asker
    from delibsearch.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        if not args.data:
            ingest = Ingest(Settings(data))
            ingest.run([ROOT / "corpus", ROOT.parent / "shared" / "corpus"])
            ingest.close()
        settings = Settings(data)
        asker = Asker(Store(settings.db_path), FullTextIndex(settings.index_dir))
        questions = [json.loads(line)["question"] for line in (ROOT / "tests" / "qa" / "questions.jsonl").open(encoding="utf-8")]
        asker.ask(questions[0])
        timings = []
        for question in questions:
            started = time.perf_counter()
            asker.ask(question)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        print("| questions | p50 ms | p95 ms | max ms |\n| --- | --- | --- | --- |")
        print(f"| {len(timings)} | {statistics.median(timings):.0f} | {timings[int(len(timings) * 0.95) - 1]:.0f} | {timings[-1]:.0f} |")


if __name__ == "__main__":
    main()
