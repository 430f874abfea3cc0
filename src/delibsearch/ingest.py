"""Per file: parse -> extract -> store -> index, with a report of what happened to each.

Files are parsed on every core (parsing is the cost); records are written by
this process only. A crash or Ctrl-C leaves the store consistent (one
transaction per document) and the next run first brings the full-text index
back in line with the store, then resumes with the files not yet stored.
"""
from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from delibsearch import corrections
from delibsearch.config import Settings
from delibsearch.errors import NeedsOCR, ParseError
from delibsearch.extract import build_document
from delibsearch.identity import file_sha256
from delibsearch.index import FullTextIndex, IndexedItem
from delibsearch.model import Document
from delibsearch.records import item_entities
from delibsearch.parse import read_pdf
from delibsearch.parse.pdf import page_count
from delibsearch.store import Store
from delibsearch.workers import Failure, WorkerPool

INDEXED, UNCHANGED, FAILED, NEEDS_OCR = "indexed", "unchanged", "failed", "needs OCR"
BATCH = 16
BATCH_AUTHORITY_NOTE = "donnée pour le lot à l'indexation (--authority)"


@dataclass
class FileResult:
    path: str
    status: str
    reason: str | None = None
    pages: int = 0
    items: int = 0


@dataclass
class Report:
    results: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.results)

    @property
    def failures(self) -> list[FileResult]:
        return [r for r in self.results if r.status in (FAILED, NEEDS_OCR)]

    @property
    def pages(self) -> int:
        return sum(r.pages for r in self.results if r.status == INDEXED)


Progress = Callable[[int, int, FileResult], None]


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """Files named as they are; folders searched recursively for *.pdf (any case)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
        else:
            found.append(path)
    return list(dict.fromkeys(p.resolve() for p in found))


def parse_file(path: Path, disabled: tuple[str, ...] = (), ocr_cache: Path | None = None) -> Document:
    """The document model of one PDF; raises ParseError naming the file and the cause.

    `disabled` names entity pipeline components to leave out, for measuring what each adds;
    `ocr_cache` is a folder keeping the words read by OCR, so that a scan is recognised once.
    """
    doc = build_document(read_pdf(path, ocr_cache), disabled)
    doc.source.path = str(path)
    return doc


def _parse_safely(path: Path, ocr_cache: Path | None = None) -> tuple[Path, Document | None, str | None, str]:
    try:
        return path, parse_file(path, ocr_cache=ocr_cache), None, ""
    except NeedsOCR as exc:
        return path, None, exc.reason, NEEDS_OCR
    except ParseError as exc:
        return path, None, exc.reason, FAILED
    except MemoryError:
        return path, None, "too large: the reading passed the memory limit", FAILED
    except Exception as exc:  # a bug on one file must not stop the batch
        return path, None, f"internal error while parsing ({type(exc).__name__}: {exc})", FAILED


class Ingest:
    """Index PDFs into the store and the full-text index of one data directory."""

    def __init__(self, settings: Settings, workers: int | None = None) -> None:
        self.store = Store(settings.db_path)
        self.index = FullTextIndex(settings.index_dir)
        self.workers = workers or min(2, os.cpu_count() or 1)
        self.parse = functools.partial(_parse_safely, ocr_cache=settings.ocr_cache_dir)
        self.limit_s, self.limit_per_page_s = settings.file_time_limit_s, settings.page_time_limit_s
        self.memory_mb = settings.file_memory_limit_mb

    def close(self) -> None:
        self.store.close()

    def run(self, paths: Iterable[Path], progress: Progress | None = None, authority: str | None = None) -> Report:
        """Index the PDFs under paths; `authority` names the council of the whole batch (kept as a correction
        of each document, so that it outlives re-reading and shows on the sitting's page)."""
        started = time.perf_counter()
        self.reconcile()
        files = find_pdfs(paths)
        report = Report()
        todo: dict[str, Path] = {}
        copies: dict[str, list[Path]] = {}
        for path in files:
            sha = file_sha256(path)
            if sha and authority:
                self._give_authority(sha, authority)
            if sha and self.store.is_current(sha):
                self.store.note_path(str(path), sha)
                self._note(report, FileResult(str(path), UNCHANGED), len(files), progress)
            elif sha in todo:
                copies.setdefault(sha, []).append(path)
            else:
                todo[sha or str(path)] = path
        shas = {path: sha for sha, path in todo.items()}
        pending: list[int] = []
        for path, doc, reason, status in self._parsed(list(todo.values())):
            if doc is None:
                self.store.record_failure(str(path), file_sha256(path), reason or "unknown error")
                result = FileResult(str(path), status, reason)
            else:
                corrections.apply(doc, self.store.corrections(doc.source.sha256, str(path)))
                pending.append(self.store.save(doc))
                result = FileResult(str(path), INDEXED, pages=doc.source.pages, items=len(doc.items))
            if len(pending) >= BATCH:
                self._index(pending)
                pending = []
            self._note(report, result, len(files), progress)
            for copy in copies.get(shas[path], []):
                self._note(report, self._copy(copy, path, result, shas[path]), len(files), progress)
        self._index(pending)
        if report.count(INDEXED):
            self.store.link_people()
        self.reconcile()
        if report.count(INDEXED):
            self.index.optimize()
        report.seconds = time.perf_counter() - started
        return report

    def _give_authority(self, sha: str, authority: str) -> None:
        given = corrections.check("authority", authority, BATCH_AUTHORITY_NOTE)
        if all(c.field != "authority" or c.value != given.value for c in self.store.corrections(sha)):
            self.store.set_correction(sha, given)

    def _copy(self, copy: Path, original: Path, result: FileResult, sha: str) -> FileResult:
        """A file of the same bytes as one just read: the same document, seen at one more path."""
        if result.status != INDEXED:
            self.store.record_failure(str(copy), sha, result.reason or "unknown error")
            return FileResult(str(copy), result.status, result.reason)
        self.store.note_path(str(copy), sha)
        return FileResult(str(copy), UNCHANGED, f"the same PDF as {original}")

    def _parsed(self, paths: list[Path]) -> Iterator[tuple[Path, Document | None, str | None, str]]:
        """Each file read in a worker under a time and a memory limit, in the order the readings end."""
        pool = WorkerPool(self.parse, self.workers, self._time_limit, self.memory_mb)
        for outcome in pool.run(paths):
            if isinstance(outcome, Failure):
                yield outcome.task, None, outcome.reason, FAILED
            else:
                yield outcome

    def _time_limit(self, path: Path) -> float:
        return self.limit_s + self.limit_per_page_s * page_count(path)

    @staticmethod
    def _note(report: Report, result: FileResult, total: int, progress: Progress | None) -> None:
        report.results.append(result)
        if progress:
            progress(len(report.results), total, result)

    def _index(self, doc_ids: list[int]) -> None:
        """Write the documents' items to the full-text index, then mark them indexed."""
        if not doc_ids:
            return
        with self.index.writer() as writer:
            for doc_id in doc_ids:
                writer.replace_document(doc_id, self._indexed_items(doc_id))
        self.store.mark_indexed(doc_ids)

    def _indexed_items(self, doc_id: int) -> list[IndexedItem]:
        items = []
        for item in self.store.items_of(doc_id):
            linked = item_entities(self.store.db, item.id)
            items.append(IndexedItem(
                item_id=item.id, doc_id=doc_id, authority=item.authority, body=item.body, date=item.date,
                decision=item.decision, number=item.number, rapporteur=item.rapporteur, title=item.title,
                text=item.text, page=item.page_start, file=item.file,
                persons=tuple(linked["person"]), places=tuple(linked["place"]),
                organisations=tuple(linked["organisation"]),
            ))
        return items

    def reconcile(self) -> None:
        """Bring the full-text index in line with the store after an interrupted run."""
        in_index, in_store = self.index.document_ids(), self.store.document_ids()
        unindexed = sorted(set(self.store.unindexed_ids()) | (in_store - in_index))
        stale = in_index - in_store
        if not unindexed and not stale:
            return
        with self.index.writer() as writer:
            for doc_id in stale:
                writer.remove_document(doc_id)
            for doc_id in unindexed:
                writer.replace_document(doc_id, self._indexed_items(doc_id))
        self.store.mark_indexed(unindexed)
