"""Words of a PDF page's text layer with their boxes, read by pdfium (pypdfium2).

pdfium gives every character with its box in a few microseconds; characters are joined into words
here (a space, a line break pdfium generates, or a jump in position ends a word). Coordinates are
turned to points from the top-left corner of the page as displayed (rotation applied).
"""
from __future__ import annotations

import pypdfium2
import pypdfium2.raw as pdfium_c

from delibsearch.parse.layout import Word

BREAKS = {"\r", "\n", "\x02", "\ufffe", "\x00"}
SPACES = {" ", "\t", "\u00a0", "\u2009", "\u202f", "\u2007"}
# pdfium marks a printed hyphen it takes for a soft one (U+FFFE; "Jean-Claude" came out "Jean\ufffeClaude"):
# the page shows a hyphen, and the hyphenation rules decide at a line's end.
PRINTED_AS = {"\ufffe": "-", "\u00ad": "-"}


def page_words(page: pypdfium2.PdfPage) -> list[Word]:
    """Every word printed on the page's text layer."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # characters outside the BMP shift the indexes: read them one by one
            text = "".join(textpage.get_text_range(i, 1) or " " for i in range(count))
        return _words(textpage, text, page_transform(page))
    finally:
        textpage.close()


def page_transform(page: pypdfium2.PdfPage):
    """PDF user space (y up) to the displayed page (y down), for a page rotated by 0, 90, 180 or 270."""
    rotation = page.get_rotation()
    width, height = page.get_size()
    if rotation == 90:
        return lambda x, y: (y, x)
    if rotation == 180:
        return lambda x, y: (width - x, y)
    if rotation == 270:
        return lambda x, y: (height - y, width - x)
    return lambda x, y: (x, height - y)


def _words(textpage: pypdfium2.PdfTextPage, text: str, to_page) -> list[Word]:
    words: list[Word] = []
    current: list = []  # [x0, top, x1, bottom, chars, x0 of each char]
    handle = textpage.raw
    for index, char in enumerate(text):
        char = PRINTED_AS.get(char, char)
        if char in BREAKS or char in SPACES or pdfium_c.FPDFText_IsGenerated(handle, index) == 1:
            if current:
                words.append(_word(current, space_after=char in SPACES or char in " \r\n"))
                current = []
            elif char in SPACES and words:
                words[-1].space_after = True
            continue
        left, bottom, right, top = textpage.get_charbox(index, loose=True)
        (ax, ay), (bx, by) = to_page(left, top), to_page(right, bottom)
        x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        if current and _continues(current, x0, y0, y1):
            current[2] = max(current[2], x1)
            current[1], current[3] = min(current[1], y0), max(current[3], y1)
            current[4].append(char)
            current[5].append(x0)
        else:
            if current:
                words.append(_word(current))
            current = [x0, y0, x1, y1, [char], [x0]]
    if current:
        words.append(_word(current))
    return words


def _continues(current: list, x0: float, top: float, bottom: float) -> bool:
    """The next character belongs to the same word: on the same line, no wide jump either way."""
    height = max(current[3] - current[1], 1.0)
    middle = (top + bottom) / 2
    same_line = current[1] - 0.2 * height <= middle <= current[3] + 0.2 * height
    # The letters of a ligature ("ﬀ" read as "f", "f") share one box: the second starts where the first did.
    return same_line and (x0 >= current[5][-1] - 0.05 * height) and x0 - current[2] <= 0.25 * height


def _word(current: list, space_after: bool = False) -> Word:
    return Word(x0=current[0], top=current[1], x1=current[2], bottom=current[3], text="".join(current[4]),
                space_after=space_after, starts=tuple(current[5]))
