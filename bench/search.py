"""Benchmark: search latency (p50, p95) with facets, as the web page asks for it (20 hits, snippets, 8 facets).

Two indexes: the real one of ../shared/corpus and corpus/, and a synthetic one of at least 50 000 items
made by replicating the real items (each copy under another authority and year, so facets stay wide).
Usage: python bench/search.py [--items 50000] [--repeat 5] [--data DIR]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
QUERIES = [
    ("subvention", {}), ("budget primitif", {}), ('"compte financier unique"', {}), ("travaux -église", {}),
    ("Queretaro OR Montréal", {}), ("bibliot*", {}), ("129 000 euros", {}), ("eau assainissement", {}),
    ("tarifs", {"authority": "Pierrefonds"}), ("subvention", {"year": "2024"}), ("convention", {"decision": "adopted"}),
    ("école", {"authority": "Lannion", "year": "2020"}), ("conseil", {}), ("déplacement", {}), ("forêt", {}),
    ("personnel recrutement", {}), ("SIVOC", {}), ("délibération", {"persons": "Gilles PAPIN"}),
    ("", {"authority": "Pierrefonds"}), ("vidéoprotection", {}),
]


def build_real(data: Path) -> None:
    from delibsearch.config import Settings
    from delibsearch.ingest import Ingest

    ingest = Ingest(Settings(data))
    ingest.run([ROOT / "corpus", CORPUS])
    ingest.close()


def build_synthetic(source: Path, target: Path, items: int) -> int:
    """Copy every stored item until there are `items`, into a new store and index."""
    from delibsearch.config import Settings
    from delibsearch.index import FullTextIndex, IndexedItem
    from delibsearch.records import item_entities
    from delibsearch.store import Store

    real, copy = Store(Settings(source).db_path), Store(Settings(target).db_path)
    rows = real.db.execute("SELECT i.*, d.authority, d.body, d.date, d.file FROM items i JOIN documents d ON d.id = i.document_id").fetchall()
    linked = {row["id"]: item_entities(real.db, row["id"]) for row in rows}
    index = FullTextIndex(Settings(target).index_dir)
    made, round_ = 0, 0
    copy.db.execute("BEGIN")
    with index.writer() as writer:
        while made < items:
            round_ += 1
            authority, year = f"Commune {round_ % 40}", 2000 + round_ % 25
            doc_id = copy.db.execute(
                "INSERT INTO documents (path, file, sha256, pages, authority, body, date, data, indexed, stored_at)"
                " VALUES (?, 'synthetic.pdf', '', 1, ?, 'conseil municipal', ?, '{}', 1, '')",
                (f"synthetic-{round_}", authority, f"{year}-01-01")).lastrowid
            copies = []
            for row in rows[:items - made]:
                item_id = copy.db.execute(
                    "INSERT INTO items (document_id, ord, number, title, page_start, decision, text) VALUES (?, 0, ?, ?, ?, ?, ?)",
                    (doc_id, row["number"], row["title"], row["page_start"], row["decision"], row["text"])).lastrowid
                copies.append(IndexedItem(
                    item_id=item_id, doc_id=doc_id, authority=authority, body=row["body"],
                    date=f"{year}-{row['date'][5:] if row['date'] else '01-01'}", decision=row["decision"],
                    number=row["number"], rapporteur=row["rapporteur"], title=row["title"], text=row["text"],
                    page=row["page_start"], file="synthetic.pdf", persons=tuple(linked[row["id"]]["person"]),
                    places=tuple(linked[row["id"]]["place"]), organisations=tuple(linked[row["id"]]["organisation"])))
            writer.replace_document(doc_id, copies)
            made += len(copies)
    copy.db.execute("COMMIT")
    index.optimize()
    return made


def measure(data: Path, repeat: int) -> tuple[float, float, int]:
    from delibsearch.config import Settings
    from delibsearch.index import FullTextIndex
    from delibsearch.search import Filters, search
    from delibsearch.store import Store

    settings = Settings(data)
    index, store = FullTextIndex(settings.index_dir), Store(settings.db_path)
    search(index, store, "warm up")
    timings = []
    for _ in range(repeat):
        for query, filters in QUERIES:
            started = time.perf_counter()
            search(index, store, query, Filters(**filters))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], index.item_count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path, help="an existing data directory of the real corpus")
    parser.add_argument("--synthetic", type=Path, help="where to keep the synthetic index (reused when present)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        real = args.data or Path(tmp) / "real"
        if not args.data:
            build_real(real)
        synthetic = args.synthetic or Path(tmp) / "synthetic"
        if not (synthetic / "index").exists():
            started = time.perf_counter()
            made = build_synthetic(real, synthetic, args.items)
            print(f"synthetic index of {made} items built in {time.perf_counter() - started:.0f} s\n")
        print("| index | items | queries | p50 ms | p95 ms |\n| --- | --- | --- | --- | --- |")
        for name, data in (("real corpus", real), ("synthetic", synthetic)):
            p50, p95, count = measure(data, args.repeat)
            print(f"| {name} | {count} | {len(QUERIES) * args.repeat} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
