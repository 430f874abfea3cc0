"""Benchmark: pages per second and peak memory of `delibsearch index` over ../shared/corpus.

With --stages, times each stage per page in-process instead. Runs the real command in a fresh data directory, samples the memory of its whole
process tree (main process and parsing workers, PSS), and prints one
Markdown table row per run. Usage: python bench/ingest.py [--runs 3] [--workers N]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def tree_pss_kib(pid: int) -> int:
    """Proportional memory (PSS) of a process and all its descendants, in KiB.

    PSS shares the pages that forked workers hold in common with the parent (the language
    model, the gazetteer) among them, so the sum is what the tree really occupies.
    """
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+)", rollup, re.M).group(1))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, AttributeError):
            continue
    return total


def run_once(workers: int | None) -> tuple[float, int, int, str]:
    with tempfile.TemporaryDirectory() as data:
        command = [sys.executable, "-m", "delibsearch.cli", "index", "--data", data, str(CORPUS)]
        if workers:
            command += ["--workers", str(workers)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_pss_kib(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        summary = process.stdout.read().splitlines()[0]
    pages = int(re.search(r"\((\d+) pages", summary).group(1))
    return seconds, pages, peak, summary


def stage_costs() -> None:
    """Seconds per page of each stage, in this process (one core), over the text PDFs of the corpus."""
    from delibsearch.errors import ParseError
    from delibsearch.extract import document as assemble
    from delibsearch.extract.entities import Context, pipeline
    from delibsearch.extract.gazetteer import gazetteer
    from delibsearch.extract.names import Roster
    from delibsearch.extract.tables import find_tables
    from delibsearch.parse import read_pdf
    from delibsearch.parse.cleanup import clean_lines
    from delibsearch.parse.text import PagedText

    started = time.perf_counter()
    pipeline(), gazetteer()
    print(f"model and gazetteer loading (once per process): {time.perf_counter() - started:.1f} s")
    totals = {"read (pdfium words, layout, ruled tables)": 0.0, "structure": 0.0, "entities (spaCy + rules)": 0.0,
              "tables (rows across pages)": 0.0}
    pages = ruled = 0
    for path in sorted(CORPUS.rglob("*.pdf")):
        if "scans" in path.parent.name:
            continue
        clock = time.perf_counter()
        try:
            raw = read_pdf(path)
        except ParseError:
            continue
        totals["read (pdfium words, layout, ruled tables)"] += time.perf_counter() - clock
        pages += len(raw.pages)
        ruled += len(raw.ruled_pages)
        clock = time.perf_counter()
        paged = PagedText.from_lines(clean_lines(raw.lines))
        spans, _ = assemble.find_items(paged.text)
        header = assemble.extract_header(paged, spans[0].start if spans else min(len(paged.text), 4000))
        roster = Roster(header.session.roster())
        items = [assemble._item(paged, span, header.session, roster) for span in spans]
        totals["structure"] += time.perf_counter() - clock
        clock = time.perf_counter()
        document = assemble.Document(source=None, authority=header.authority, session=header.session, items=items)
        context = Context(roster, assemble._year(header.session), header.authority)
        assemble._entities(paged, document, context, ())
        totals["entities (spaCy + rules)"] += time.perf_counter() - clock
        clock = time.perf_counter()
        find_tables(raw.tables)
        totals["tables (rows across pages)"] += time.perf_counter() - clock
    print(f"{pages} text pages, {ruled} of them ruled (looked at for tables)\n")
    print("| stage | s per page | pages/s on one core |\n| --- | --- | --- |")
    for stage, seconds in totals.items():
        print(f"| {stage} | {seconds / pages:.3f} | {pages / seconds:.1f} |")
    total = sum(totals.values())
    print(f"| all | {total / pages:.3f} | {pages / total:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--stages", action="store_true", help="also time each stage per page, on one core")
    args = parser.parse_args()
    if args.stages:
        stage_costs()
        return
    print("| run | workers | pages | wall s | pages/s (wall, incl. start-up) | peak PSS of the tree MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for run in range(1, args.runs + 1):
        seconds, pages, peak, summary = run_once(args.workers)
        print(f"| {run} | {args.workers or 'default'} | {pages} | {seconds:.1f} | {pages / seconds:.1f} | {peak / 1024:.0f} |")
    print(f"\nlast summary line: {summary}")


if __name__ == "__main__":
    main()
