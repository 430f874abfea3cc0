"""The rules under words are erased from a page image before OCR; the letters, thick bars and vertical
rules are kept. The figures are drawn here at 300 dpi with the DejaVu font Debian ships."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from delibsearch.parse.underlines import erase_underlines

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


@pytest.fixture
def page() -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    image = Image.new("L", (1600, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 50)
    boxes = {}
    draw.text((100, 100), "Approbation du compte rendu", font=font, fill=0)
    left, top, right, bottom = draw.textbbox((100, 100), "Approbation du compte rendu", font=font)
    boxes["text"] = (left, top, right, bottom - 14)  # the letters above the descenders' reach
    boxes["rule"] = (left, bottom + 4, right, bottom + 7)
    draw.rectangle(boxes["rule"], fill=40)
    draw.text((100, 300), "ILLE ELLE LILLE", font=font, fill=0)
    boxes["serifs"] = draw.textbbox((100, 300), "ILLE ELLE LILLE", font=font)
    boxes["bar"] = (100, 500, 1200, 530)
    draw.rectangle(boxes["bar"], fill=0)
    boxes["vertical"] = (1400, 100, 1403, 800)
    draw.rectangle(boxes["vertical"], fill=0)
    return image, boxes


def ink(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    left, top, right, bottom = box
    return int((np.asarray(image)[top:bottom + 1, left:right + 1] < 200).sum())


def test_the_rule_under_a_heading_is_erased(page):
    image, boxes = page
    assert ink(image, boxes["rule"]) > 1000
    assert ink(erase_underlines(image), boxes["rule"]) == 0


def test_letters_bars_and_vertical_rules_are_kept(page):
    image, boxes = page
    cleaned = erase_underlines(image)
    for name in ("text", "serifs", "bar", "vertical"):
        assert ink(cleaned, boxes[name]) == ink(image, boxes[name]), name


def test_a_broken_copier_line_is_still_one_rule():
    image = Image.new("L", (1000, 200), 255)
    draw = ImageDraw.Draw(image)
    for x in range(100, 900, 12):
        draw.rectangle((x, 100, x + 9, 102), fill=90)  # dashes 10 px long, gaps of 2 px
    assert ink(erase_underlines(image), (100, 100, 900, 102)) == 0


def test_the_lengths_follow_the_resolution():
    image = Image.new("L", (1000, 200), 255)
    ImageDraw.Draw(image).rectangle((100, 100, 200, 101), fill=0)  # 101 px: 25.7 mm at 100 dpi
    assert ink(erase_underlines(image, dpi=300), (100, 100, 200, 101)) > 0
    assert ink(erase_underlines(image, dpi=100), (100, 100, 200, 101)) == 0


def test_the_feet_of_a_serif_word_are_not_a_rule():
    # On a copier's slightly blurred page, DejaVu Serif's feet join along the baseline of "unanimité" into a
    # thin run longer than a rule's least length (a shapes scan lost its line "Vote : unanimité" when they
    # were erased).
    image = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 100), "Vote : unanimité minimum", font=ImageFont.truetype(FONT, 50), fill=30)
    image = image.filter(ImageFilter.GaussianBlur(1))
    assert np.array_equal(np.asarray(erase_underlines(image)), np.asarray(image))
