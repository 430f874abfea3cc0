"""Text of scanned pages by OCR: pypdfium2 renders each page, Tesseract's French model reads it.

Tesseract and its French data come from Debian's packages (`tesseract-ocr`, `tesseract-ocr-fra`), so
nothing is downloaded at run time; pypdfium2 is already installed with pdfplumber. Without Tesseract a
scanned PDF is reported as needing OCR, as before.
"""
from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from pathlib import Path

from delibsearch.errors import NeedsOCR, ParseError

LANGUAGE = "fra"
DPI = 300
PAGE_TIMEOUT_S = 180


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


def ocr_pages(path: Path, data: bytes, count: int) -> list[str]:
    """The text of every page of a scanned PDF; raises NeedsOCR when Tesseract is missing."""
    program = tesseract()
    if program is None:
        raise NeedsOCR(path, f"no text layer on its {count} page(s): a scanned document, OCR needed"
                             " (install tesseract-ocr and tesseract-ocr-fra to read it)")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise ParseError(path, f"scanned pages could not be rendered for OCR ({exc})") from exc
    try:
        return [_read_page(path, program, document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()


def _read_page(path: Path, program: str, page, number: int) -> str:
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    # One thread per Tesseract: the ingest already runs one parsing process per core.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run([program, "stdin", "stdout", "-l", LANGUAGE, "--psm", "3"], input=png.getvalue(),
                              capture_output=True, timeout=PAGE_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired as exc:
        raise ParseError(path, f"OCR of page {number} took over {PAGE_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["unknown error"]
        raise ParseError(path, f"OCR failed on page {number} ({reason[0][:160]})")
    return done.stdout.decode("utf-8", "replace")
