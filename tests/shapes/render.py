"""Render the hand-written council minutes in this folder to PDF.

Each ``<slug>.html`` becomes ``<out_dir>/<slug>.pdf`` through headless Chromium.  The slugs
listed in ``scans.txt`` are then turned into image-only PDFs that look like office-copier
scans: rasterised at 200 dpi in grey, turned by a fraction of a degree, blurred and
speckled a little (deterministic: the seed depends on the slug and the page only).

    python tests/shapes/render.py /tmp/shapes-pdf
    python tests/shapes/render.py /tmp/shapes2-pdf tests/shapes2   # another folder of shapes
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageFilter

HERE = Path(__file__).resolve().parent
DPI = 200
SEED = 20240611


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("chromium is not installed")


def scan_slugs(source: Path = HERE) -> list[str]:
    path = Path(source) / "scans.txt"
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def html_to_pdf(html: Path, pdf: Path) -> None:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="shapes-chromium-") as profile:
        subprocess.run(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
             "--no-pdf-header-footer", f"--user-data-dir={profile}",
             f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180,
        )
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF for {html.name}")


def _degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """Make one clean grey page look like it went through an office copier."""
    img = page.convert("L")
    # grey paper, lifted blacks
    img = img.point(lambda v: int(22 + v * (234 - 22) / 255))
    # a small skew
    angle = rng.uniform(0.3, 1.0) * rng.choice((-1, 1))
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=234)
    # toner spread
    img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.55, 0.85)))
    # fine grain: seeded uniform noise of +/- 16 grey levels, mixed in at 12 %
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    noise = noise.point(lambda v: 128 + (v - 128) // 8)
    img = Image.blend(img, noise, 0.12)
    img = img.point(lambda v: max(0, min(255, int((v - 0.12 * 128) / 0.88))))
    # sparse dark specks
    px = img.load()
    for _ in range(w * h // 4000):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.randrange(40, 150)
    return img


def pdf_to_scan(pdf: Path, slug: str) -> None:
    with tempfile.TemporaryDirectory(prefix="shapes-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), f"{tmp}/p"],
                       check=True)
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        if not pages:
            raise RuntimeError(f"pdftoppm gave no page for {pdf}")
        out: list[Image.Image] = []
        for n, path in enumerate(pages, 1):
            digest = hashlib.sha256(f"{SEED}:{slug}:{n}".encode()).hexdigest()
            rng = random.Random(int(digest[:16], 16))
            with Image.open(path) as page:
                out.append(_degrade(page, rng))
        tmp_pdf = pdf.with_suffix(".scan.pdf")
        out[0].save(tmp_pdf, "PDF", save_all=True, append_images=out[1:], resolution=DPI)
        tmp_pdf.replace(pdf)


def render(out_dir: Path, source: Path = HERE) -> dict[str, Path]:
    """Render every shape of ``source`` (this folder by default); return {slug: pdf path}.
    Up-to-date PDFs are kept."""
    out_dir = Path(out_dir)
    source = Path(source)
    out_dir.mkdir(parents=True, exist_ok=True)
    scans = set(scan_slugs(source))
    done: dict[str, Path] = {}
    for html in sorted(source.glob("*.html")):
        slug = html.stem
        pdf = out_dir / f"{slug}.pdf"
        newest_source = max(html.stat().st_mtime, Path(__file__).stat().st_mtime,
                            (source / "scans.txt").stat().st_mtime if (source / "scans.txt").exists() else 0)
        if not (pdf.exists() and pdf.stat().st_mtime > newest_source):
            html_to_pdf(html, pdf)
            if slug in scans:
                pdf_to_scan(pdf, slug)
        done[slug] = pdf
    return done


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: render.py OUT_DIR [SOURCE_DIR]")
    for slug, path in render(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else HERE).items():
        print(f"{slug}\t{path}")
