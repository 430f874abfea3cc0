"""Bad and modified PDFs for the tests, made with pypdf from the seed PDF."""
from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter

from conftest import SEED_PDF


def write_bad_files(folder: Path) -> dict[str, Path]:
    """One file per kind of bad input, named for it."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = SEED_PDF.read_bytes()
    files = {name: folder / f"{name}.pdf" for name in ("empty", "text", "truncated", "encrypted", "nopages", "blank")}
    files["empty"].write_bytes(b"")
    files["text"].write_text("Compte rendu du conseil municipal, en texte brut.\n", encoding="utf-8")
    files["truncated"].write_bytes(seed[: len(seed) // 2])
    writer = PdfWriter(clone_from=SEED_PDF)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    writer.write(files["encrypted"])
    PdfWriter().write(files["nopages"])
    blank = PdfWriter()
    for _ in range(2):
        blank.add_blank_page(width=595, height=842)
    blank.write(files["blank"])
    return files


def first_pages_of_seed(target: Path, count: int) -> Path:
    """A shorter but valid variant of the seed: its first pages."""
    writer = PdfWriter(clone_from=SEED_PDF)
    while len(writer.pages) > count:
        writer.remove_page(len(writer.pages) - 1)
    writer.write(target)
    return target
