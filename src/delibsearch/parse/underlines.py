"""Erase the rules drawn under words on a page image before OCR.

Tesseract reads an underlined heading badly or not at all: the rule joins the letters' feet and the
descenders into one blob (a Flaux scan lost "Environnement : Convention de partenariat…" whole, and read
"Approbation du co" for a whole underlined line). Minutes underline exactly what matters most: item
headings and the labels "Présents", "Absents excusés", "Vote". So the rules are erased first.

A rule is a horizontal run of dark pixels at least RULE_MIN_LENGTH long (bridging the small gaps of a
faint copier line) that is at most RULE_MAX_THICKNESS thick. A line of text is never that thin over that
length; the feet of a few serif capitals can be, so the length is kept well above a short word's.
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


def erase_underlines(image: Image.Image, dpi: int = DPI_OF_FIGURES) -> Image.Image:
    """The grey image with its thin horizontal rules turned white."""
    scale = dpi / DPI_OF_FIGURES
    pixels = np.asarray(image.convert("L"))
    dark = pixels < DARK
    bridged = dark.copy()
    for shift in range(1, max(1, round(GAP_BRIDGED * scale)) + 1):
        bridged[:, shift:] |= dark[:, :-shift]
    rule = _in_runs(bridged, max(2, round(RULE_MIN_LENGTH * scale))) & (pixels < FAINT)
    thick = _in_runs(np.ascontiguousarray(rule.T), max(2, round(RULE_MAX_THICKNESS * scale)) + 1).T
    cleaned = pixels.copy()
    cleaned[rule & ~thick] = 255
    return Image.fromarray(cleaned)


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
