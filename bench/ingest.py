"""Benchmark: pages per second and peak memory of `delibsearch index` over ../shared/corpus.

Runs the real command in a fresh data directory, samples the resident memory of
its whole process tree (main process and parsing workers), and prints one
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


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
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
            peak = max(peak, tree_rss_kib(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - started
        summary = process.stdout.read().splitlines()[0]
    pages = int(re.search(r"\((\d+) pages", summary).group(1))
    return seconds, pages, peak, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    print("| run | workers | pages | wall s | pages/s (wall, incl. start-up) | peak RSS of the tree MiB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for run in range(1, args.runs + 1):
        seconds, pages, peak, summary = run_once(args.workers)
        print(f"| {run} | {args.workers or 'default'} | {pages} | {seconds:.1f} | {pages / seconds:.1f} | {peak / 1024:.0f} |")
    print(f"\nlast summary line: {summary}")


if __name__ == "__main__":
    main()
