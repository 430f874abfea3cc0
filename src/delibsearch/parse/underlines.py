"""Erase the rules drawn under words on a page image before OCR.

Tesseract reads an underlined heading badly or not at all: the rule joins the letters' feet and the
descenders into one blob (a Flaux scan lost "Environnement : Convention de partenariat…" whole, and read
"Approbation du co" for a whole underlined line). Minutes underline exactly what matters most: item
headings and the labels "Présents", "Absents excusés", "Vote". So the rules are erased first.

A rule is a horizontal run of dark pixels at least RULE_MIN_LENGTH long (bridging the small gaps of a
faint copier line) that is at most RULE_MAX_THICKNESS thick, and that stands apart from the ink above it.
The feet of a serif word ("unanimité" in DejaVu Serif) make such a thin run along the baseline too, but
the letters' stems stand on it: a run whose pixels mostly have ink straight above its band is the foot
of a line of text, and erasing it made Tesseract drop the whole line.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

DPI_OF_FIGURES = 300
RULE_MIN_LENGTH = 150  # pixels at 300 dpi: 12.7 mm
RULE_MAX_THICKNESS = 6  # pixels at 300 dpi: 0.5 mm
GAP_BRIDGED = 3  # pixels: a copier's broken line still counts as one rule
DARK = 200  # grey level under which a pixel is ink
FAINT = 235  # rule pixels lighter than this are left (they do not hurt OCR)
MAX_ATTACHED = 0.5  # share of a run's pixels with ink straight above its band: more, and it is letters' feet


def erase_underlines(image: Image.Image, dpi: int = DPI_OF_FIGURES) -> Image.Image:
    """The grey image with its thin horizontal rules turned white."""
    scale = dpi / DPI_OF_FIGURES
    pixels = np.asarray(image.convert("L"))
    dark = pixels < DARK
    bridged = dark.copy()
    for shift in range(1, max(1, round(GAP_BRIDGED * scale)) + 1):
        bridged[:, shift:] |= dark[:, :-shift]
    rule = _in_runs(bridged, max(2, round(RULE_MIN_LENGTH * scale))) & (pixels < FAINT)
    thickness = max(2, round(RULE_MAX_THICKNESS * scale))
    thick = _in_runs(np.ascontiguousarray(rule.T), thickness + 1).T
    rule &= ~thick
    cleaned = pixels.copy()
    cleaned[rule & ~_feet(rule, dark, thickness)] = 255
    return Image.fromarray(cleaned)


def _feet(rule: np.ndarray, dark: np.ndarray, thickness: int) -> np.ndarray:
    """The pixels of the runs whose band has ink straight above it over most of their length.

    Worked on the rule's pixels only (a few thousand on a page), not on the whole image."""
    ys, xs = np.nonzero(rule)  # row by row, left to right
    attached = np.zeros(ys.shape, dtype=bool)
    pending = np.ones(ys.shape, dtype=bool)
    for k in range(1, thickness + 2):
        above = ys - k
        inside = above >= 0
        above_rule = np.zeros(ys.shape, dtype=bool)
        above_dark = np.zeros(ys.shape, dtype=bool)
        above_rule[inside] = rule[above[inside], xs[inside]]
        above_dark[inside] = dark[above[inside], xs[inside]]
        attached |= pending & ~above_rule & above_dark
        pending &= above_rule
    new_run = np.ones(ys.shape, dtype=bool)
    new_run[1:] = (ys[1:] != ys[:-1]) | (xs[1:] != xs[:-1] + 1)
    runs = np.cumsum(new_run) - 1
    share = np.bincount(runs, weights=attached) / np.bincount(runs)
    feet = np.zeros(rule.shape, dtype=bool)
    feet[ys, xs] = share[runs] > MAX_ATTACHED
    return feet


def _prefix_counts(mask: np.ndarray) -> np.ndarray:
    counts = np.zeros(mask.shape[:-1] + (mask.shape[-1] + 1,), dtype=np.int32)
    np.cumsum(mask, axis=-1, dtype=np.int32, out=counts[..., 1:])
    return counts


def _in_runs(mask: np.ndarray, length: int) -> np.ndarray:
    """True where a pixel lies in a run of True at least `length` long along each row.

    Two prefix sums: one finds the windows of `length` that are all True, the other marks every pixel
    such a window covers. Linear in the pixels, without a Python loop over rows.
    """
    width = mask.shape[-1]
    covered = np.zeros(mask.shape, dtype=bool)
    if length > width:
        return covered
    counts = _prefix_counts(mask)
    full = np.zeros(mask.shape, dtype=bool)
    full[..., : width - length + 1] = (counts[..., length:] - counts[..., : width - length + 1]) == length
    starts = _prefix_counts(full)
    covered[..., : length - 1] = starts[..., 1:length] > 0
    covered[..., length - 1 :] = (starts[..., length:] - starts[..., : width - length + 1]) > 0
    return covered
