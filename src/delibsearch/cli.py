"""The `delibsearch` command: parse, index, status, search, serve."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from delibsearch.config import DATA_ENV, Settings, resolve_settings
from delibsearch.errors import DelibError, ParseError

DESCRIPTION = "Index French council deliberation PDFs and search them."


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", metavar="DIR", help=f"where the store and index live (default: ${DATA_ENV} or ./data)")
    parser = argparse.ArgumentParser(prog="delibsearch", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", parents=[common], help="print one PDF as JSON",
                                description="Parse one PDF and print the document as JSON.")
    parse.add_argument("file", type=Path, help="the PDF to parse")

    index = commands.add_parser("index", parents=[common], help="index PDFs or folders",
                                description="Index PDFs and folders of PDFs (recursively). Unchanged files are skipped.")
    index.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a PDF or a folder")
    index.add_argument("--workers", type=int, default=None, help="parsing processes (default: up to 2)")
    index.add_argument("--authority", metavar="NAME",
                       help="the council of every PDF of the batch (kept as a correction of each, shown on its page)")

    correct = commands.add_parser(
        "correct", parents=[common], help="correct what was read from a PDF",
        description="Correct one field of a sitting or of an item as read from a PDF; the correction is kept and"
                    " applied whenever the file is indexed again. Fields: authority, body, session.date, session.time,"
                    " session.place, session.convened_on, session.president, session.secretary,"
                    " item.NUMBER.title, item.NUMBER.rapporteur, item.NUMBER.decision.")
    correct.add_argument("file", type=Path, help="the PDF, as indexed")
    correct.add_argument("field", nargs="?", help='for example session.date or "item.D2024-45.title"')
    correct.add_argument("value", nargs="?", help="the right value (dates YYYY-MM-DD, times HH:MM)")
    correct.add_argument("--note", help="why (shown beside the correction)")
    correct.add_argument("--remove", action="store_true", help="drop the correction of FIELD")
    correct.add_argument("--list", action="store_true", help="list the file's corrections")

    people = commands.add_parser(
        "people", parents=[common], help="which person records are one human",
        description="List the person records linked as one human and why; or decide as an archivist: 'same A B'"
                    " makes record B the same human as A, 'apart A' keeps A alone whatever the rules say. Decisions"
                    " are kept and outlive re-indexing.")
    people.add_argument("action", choices=("list", "same", "apart"))
    people.add_argument("ids", nargs="*", type=int, metavar="ID", help="person record numbers (as in /people/N)")
    people.add_argument("--note", help="why (shown on the person's page)")

    commands.add_parser("status", parents=[common], help="what is stored, and the files that failed",
                        description="Show how many sittings and items are stored and every file that failed.")

    search = commands.add_parser("search", parents=[common], help="search the items",
                                 description="Search the indexed items and print the hits as JSON.")
    search.add_argument("query", help='words, "an exact phrase", -excluded, a OR b, prefix*')
    search.add_argument("--page", type=int, default=1)

    ask = commands.add_parser("ask", parents=[common], help="answer a question with its source",
                              description="Answer a question in French with a short answer and its quoted, page-linked source.")
    ask.add_argument("question", help='for example "Combien a coûté le déplacement à Montréal ?"')
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")

    serve = commands.add_parser("serve", parents=[common], help="serve the web UI",
                                description="Serve the web UI and JSON API with a production WSGI server (waitress).")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = resolve_settings(args.data)
    handler = {"parse": cmd_parse, "index": cmd_index, "correct": cmd_correct, "people": cmd_people,
               "status": cmd_status,
               "search": cmd_search, "ask": cmd_ask, "serve": cmd_serve}[args.command]
    try:
        return handler(args, settings)
    except ParseError as exc:
        print(f"delibsearch: error: {exc.path}: {exc.reason}", file=sys.stderr)
        return 1
    except DelibError as exc:
        print(f"delibsearch: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ndelibsearch: interrupted; what was stored is kept, run the command again to resume", file=sys.stderr)
        return 130


def cmd_parse(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.ingest import parse_file

    # The data directory's OCR cache serves when there is one; `parse` never creates a data directory.
    cache = settings.ocr_cache_dir if settings.data_dir.is_dir() else None
    doc = parse_file(args.file, ocr_cache=cache)
    doc.source.path = str(args.file)
    json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.ingest import FAILED, INDEXED, NEEDS_OCR, UNCHANGED, Ingest

    missing = [p for p in args.paths if not p.exists()]
    for path in missing:
        print(f"delibsearch: error: {path}: no such file or folder", file=sys.stderr)
    ingest = Ingest(settings, workers=args.workers)
    try:
        report = ingest.run([p for p in args.paths if p.exists()], progress=_progress_printer(sys.stderr),
                            authority=args.authority)
    finally:
        ingest.close()
    rate = report.pages / report.seconds if report.seconds else 0.0
    print(f"{report.count(INDEXED)} indexed, {report.count(UNCHANGED)} unchanged, "
          f"{report.count(FAILED, NEEDS_OCR)} failed ({report.pages} pages in {report.seconds:.1f} s, {rate:.1f} pages/s)")
    for failure in report.failures:
        print(f"failed ({failure.status}): {failure.path}: {failure.reason}")
    return 1 if report.failures or missing else 0


def _progress_printer(stream: TextIO):
    tty = stream.isatty()

    def show(done: int, total: int, result) -> None:
        name = Path(result.path).name
        if tty:
            width = 30
            filled = int(width * done / max(total, 1))
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:40}")
            if done == total:
                stream.write("\n")
        else:
            stream.write(f"{done}/{total} {result.status}: {result.path}\n")
        stream.flush()

    return show


def cmd_correct(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.corrections import check
    from delibsearch.identity import file_sha256
    from delibsearch.ingest import Ingest

    path = args.file.resolve()
    ingest = Ingest(settings, workers=1)
    try:
        sha = file_sha256(path) or ingest.store.sha_at(str(path))
        if sha is None:
            print(f"delibsearch: error: {path}: no such file, and no document was indexed from there", file=sys.stderr)
            return 1
        if args.list or not args.field:
            for c in ingest.store.corrections(sha):
                print(f"{c.field} = {c.value}" + (f"  ({c.note})" if c.note else ""))
            return 0
        if args.remove:
            if not ingest.store.remove_correction(sha, args.field):
                print(f"delibsearch: error: {path}: no correction of {args.field}", file=sys.stderr)
                return 1
        elif args.value is None:
            print("delibsearch: error: give the right VALUE, or --remove", file=sys.stderr)
            return 2
        else:
            ingest.store.set_correction(sha, check(args.field, args.value, args.note))
        if not path.is_file():
            print(f"kept; {path} is not there to read again: the correction applies when it is indexed")
            return 0
        report = ingest.run([path])
    finally:
        ingest.close()
    if report.failures:
        for failure in report.failures:
            print(f"delibsearch: error: {failure.path}: {failure.reason}", file=sys.stderr)
        return 1
    print(f"{'removed' if args.remove else 'corrected'}: {args.field} of {path.name}; the sitting was read again")
    return 0


def cmd_people(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.records import APART
    from delibsearch.store import Store

    wanted = {"list": 0, "same": 2, "apart": 1}[args.action]
    if len(args.ids) != wanted:
        print(f"delibsearch: error: people {args.action} takes {wanted} record number(s)", file=sys.stderr)
        return 2
    store = Store(settings.db_path)
    try:
        if args.action == "list":
            for row in store.person_links():
                print(f"{row['member_id']} « {row['member']} » ({row['member_scope']}) -> {row['person_id']}"
                      f" « {row['person']} » ({row['person_scope']}): {row['why']}")
            return 0
        if args.action == "same":
            store.decide_people(args.ids[1], args.ids[0], args.note)
        else:
            store.decide_people(args.ids[0], APART, args.note)
    finally:
        store.close()
    index_in_line(settings)
    print(f"{args.action}: {' '.join(map(str, args.ids))}; the person pages and facets follow")
    return 0


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.store import Store

    store = Store(settings.db_path)
    counts = store.counts()
    print(f"{counts['documents']} sittings, {counts['items']} items, {counts['failures']} failed files in {settings.data_dir}")
    for row in store.failures():
        print(f"failed: {row['path']}: {row['reason']}")
    store.close()
    return 0


def index_in_line(settings: Settings):
    """The full-text index, first brought in line with the store: an index of an older layout is refilled here."""
    from delibsearch.ingest import Ingest

    ingest = Ingest(settings)
    ingest.reconcile()
    ingest.close()
    return ingest.index


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.search import search
    from delibsearch.store import Store

    store = Store(settings.db_path)
    results = search(index_in_line(settings), store, args.query, page=args.page)
    out = {"total": results.total, "suggestion": results.suggestion,
           "results": [hit.__dict__ for hit in results.hits]}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    store.close()
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from delibsearch.qa import Asker
    from delibsearch.store import Store

    store = Store(settings.db_path)
    answer = Asker(store, index_in_line(settings)).ask(args.question).to_dict()
    store.close()
    if args.json:
        json.dump(answer, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(answer["answer"] or "Je ne sais pas (aucune réponse assez sûre).")
    for source in answer["sources"]:
        print(f"  « {source['quote']} »")
        print(f"  — {source['authority'] or ''}, séance du {source['date'] or '?'}, page {source['page']} ({source['pdf_url']})")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from waitress import serve

    from delibsearch.web import create_app

    index_in_line(settings).close()
    app = create_app({"DATA_DIR": str(settings.data_dir)})
    print(f"delibsearch: serving {settings.data_dir} on http://{args.host}:{args.port}/", file=sys.stderr)
    serve(app, host=args.host, port=args.port, threads=8)
    return 0


if __name__ == "__main__":
    sys.exit(main())
