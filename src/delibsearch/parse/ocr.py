"""Words of scanned pages by OCR: pypdfium2 renders each page, Tesseract's French model reads it.

Tesseract and its French data come from Debian's packages (`tesseract-ocr`, `tesseract-ocr-fra`), so
nothing is downloaded at run time. Tesseract's TSV output gives every word with its box; the words of
one Tesseract line share that line's box, so that a skewed scan still reads line by line, and the page
then goes through the same layout reading as a text layer. Underlines are erased first (see
`underlines`): Tesseract loses underlined headings.
Without Tesseract a scanned PDF is reported as needing OCR.

Recognising a page costs about two seconds; the words read are kept in an optional cache folder,
keyed by the file's content and the page, so that reading a document again costs nothing.
"""
from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from pathlib import Path

from delibsearch.errors import NeedsOCR, ParseError
from delibsearch.parse.layout import Word
from delibsearch.parse.underlines import erase_underlines

LANGUAGE = "fra"
DPI = 300
PAGE_TIMEOUT_S = 180
POINTS = 72 / DPI
PAGE_SEGMENTATION = "4"  # one column of text of varying sizes: finds the figures a margin holds (psm 3 drops them)
LINE_GAP_PT = 24  # a gap wider than a justified line's widest space parts a margin from the body
CACHE_VERSION = f"tsv-{DPI}-psm{PAGE_SEGMENTATION}-v3"  # v2: underlines erased before OCR; v3: not serif feet


@functools.lru_cache(maxsize=1)
def tesseract() -> str | None:
    """The Tesseract program when it is installed with its French data, else None."""
    program = shutil.which("tesseract")
    if not program:
        return None
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return program if LANGUAGE in listed.stdout.split() else None


def require_tesseract(path: Path, count: int) -> str:
    program = tesseract()
    if program is None:
        raise NeedsOCR(path, f"no text layer on its {count} page(s): a scanned document, OCR needed"
                             " (install tesseract-ocr and tesseract-ocr-fra to read it)")
    return program


def ocr_words(path: Path, document, numbers: list[int], sha256: str, cache: Path | None) -> dict[int, list[Word]]:
    """The words of the given 1-based pages, read by Tesseract (or from the cache)."""
    program = require_tesseract(path, len(numbers))
    found = {}
    for number in numbers:
        tsv = _cached(cache, sha256, number)
        if tsv is None:
            tsv = _recognise(path, program, document[number - 1], number)
            _keep(cache, sha256, number, tsv)
        found[number] = words_from_tsv(tsv)
    return found


def _cache_file(cache: Path, sha256: str, number: int) -> Path:
    return cache / CACHE_VERSION / sha256[:2] / f"{sha256}-{number}.tsv"


def _cached(cache: Path | None, sha256: str, number: int) -> str | None:
    if cache is None:
        return None
    try:
        return _cache_file(cache, sha256, number).read_text(encoding="utf-8")
    except OSError:
        return None


def _keep(cache: Path | None, sha256: str, number: int, tsv: str) -> None:
    """Written beside, then renamed: a reader never sees half a file."""
    if cache is None:
        return
    target = _cache_file(cache, sha256, number)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_text(tsv, encoding="utf-8")
        partial.replace(target)
    except OSError:
        pass  # the cache only saves time


def _recognise(path: Path, program: str, page, number: int) -> str:
    image = erase_underlines(page.render(scale=DPI / 72, grayscale=True).to_pil(), DPI)
    png = io.BytesIO()
    image.save(png, format="PNG")
    # One thread per Tesseract: the ingest already runs one parsing process per core.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run([program, "stdin", "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION, "tsv"],
                              input=png.getvalue(), capture_output=True, timeout=PAGE_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ParseError(path, f"OCR of page {number} took over {PAGE_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["unknown error"]
        raise ParseError(path, f"OCR failed on page {number} ({reason[0][:160]})")
    return done.stdout.decode("utf-8", "replace")


def words_from_tsv(tsv: str) -> list[Word]:
    """Tesseract's words in points, each given the box of its stretch of line (so that a skewed line stays
    one row for the layout reading, which then finds its columns and margins word by word)."""
    lines: dict[tuple[str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (float(v) * POINTS for v in cells[6:10])
        word = Word(x0=left, top=top, x1=left + width, bottom=top + height, text=cells[11].strip(), space_after=True)
        lines.setdefault((cells[2], cells[3], cells[4]), []).append(word)
    return [word for words in lines.values() for stretch in _stretches(_untangled(words))
            for word in _on_one_line(stretch)]


def _untangled(words: list[Word]) -> list[Word]:
    """Words of one Tesseract line whose boxes overlap at the same height are neighbours, not a stamp over
    the line: an accented "à" boxed into the end of the word before it ("Adopté" 215-379, "à" 359-378)
    would otherwise be read as a line of its own. The earlier box is cut where the next begins."""
    ordered = sorted(words, key=lambda w: w.x0)
    for i in range(len(ordered) - 1):
        left, right = ordered[i], ordered[i + 1]
        shared = min(left.bottom, right.bottom) - max(left.top, right.top)
        if right.x0 < left.x1 and shared >= 0.5 * min(left.height, right.height):
            ordered[i] = Word(x0=left.x0, top=left.top, x1=max(right.x0, left.x0 + 0.5), bottom=left.bottom,
                              text=left.text, space_after=True)
    return ordered


def _stretches(words: list[Word]) -> list[list[Word]]:
    """A Tesseract line cut where a wide gap parts its words: psm 4 joins a margin note and the body line
    beside it into one line even when they stand at different heights (a margin's "Nombre de membres en
    exercice" on the second line of a list of those present); each part keeps its own box."""
    ordered = sorted(words, key=lambda w: w.x0)
    stretches = [[ordered[0]]] if ordered else []
    for word in ordered[1:]:
        if word.x0 - stretches[-1][-1].x1 > LINE_GAP_PT:
            stretches.append([word])
        else:
            stretches[-1].append(word)
    return stretches


def _on_one_line(words: list[Word]) -> list[Word]:
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    return [Word(x0=w.x0, top=top, x1=w.x1, bottom=bottom, text=w.text, space_after=True) for w in words]
