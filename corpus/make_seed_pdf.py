"""Render the seed deliberation to a PDF, as the city would have published it.

The seed text (extracted from the city's PDF) is rebuilt as a Flat ODT document
(headings, bold, superscripts, bullet lists, a bordered table on a landscape
page, running header and footer with page fields), then converted to PDF with
LibreOffice (``soffice --headless --convert-to pdf``).

Usage: python corpus/make_seed_pdf.py [--seed PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = REPO_ROOT / "../shared/seed/000_d9c7286315812823.txt"
DEFAULT_OUT = REPO_ROOT / "corpus/clermont-ferrand-2023-03-10-rapport-6.pdf"

DOC_TITLE = "Conseil municipal du 10 mars 2023 – Rapport N° 6"
HEADER_TEXT = "DÉLIBÉRATION DU CONSEIL MUNICIPAL – Séance du 10 mars 2023"
FOOTER_TEXT = "Ville de Clermont-Ferrand – Conseil municipal du 10 mars 2023 – Page "

INLINE_RE = re.compile(r"\*\*|\s*\^\{([^}]*)\}")
BULLET_RE = re.compile(r"^\s*([-•])\s*(?=\S)")
VOTE_RE = re.compile(r"^(TOTAL |Abstention)")
LABEL_RE = re.compile(r"^(Préside la séance|Secrétaire|Conseiller\(e\)s[^:]*|Rapporteur) :")
NUMBERED_ITEM_RE = re.compile(r"^\d+\.\s")
NUMBERED_SUBHEADING_RE = re.compile(r"^\d\s*[-–]\s")
SUBHEADING_RE = re.compile(r"^(Valoriser et partager les savoir-faire|Les faits marquants de l'année)")
COVER_TITLE_RE = re.compile(r"^(DÉLIBÉRATION|SÉANCE|RAPPORT)")
REPORT_NO_RE = re.compile(r"^Rapport N° ?\d+$")

TABLE_COLUMNS_CM = (3.0, 4.6, 2.5, 4.4, 2.2, 4.2, 4.8)


@dataclass
class Block:
    """One unit of the document: a paragraph, list item, table or vote line."""

    kind: str
    text: str = ""
    marker: str = ""
    gap: bool = False
    rows: list[list[str]] = field(default_factory=list)


def is_upper_heading(line: str) -> bool:
    """True for an all-capitals line long enough to be a heading."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and all(c.isupper() for c in letters)


def is_continuation(prev: Block | None, line: str) -> bool:
    """True when a line continues a paragraph cut by a page break."""
    if prev is None or prev.kind not in ("para", "bullet") or "**" in prev.text:
        return False
    body = BULLET_RE.sub("", line)
    return bool(re.search(r"[a-zà-ÿ]$", prev.text)) and body[:1].islower()


def add_table_row(blocks: list[Block], line: str) -> None:
    """Append a tab-separated row, merging rows wrapped across two lines."""
    cells = [c.strip() for c in line.split("\t")]
    table = blocks[-1] if blocks and blocks[-1].kind == "table" else None
    if table is None:
        blocks.append(Block("table", rows=[cells]))
        return
    width = len(table.rows[0])
    cells = (cells + [""] * width)[:width]
    first = cells[0]
    if first[:1] == "(" or first[:1].islower():
        prev = table.rows[-1]
        table.rows[-1] = [" ".join(p for p in pair if p) for pair in zip(prev, cells)]
    else:
        table.rows.append(cells)


def add_text_line(blocks: list[Block], line: str, after_blank: bool) -> None:
    """Append a prose line as a paragraph or list item, repairing split lines."""
    prev = blocks[-1] if blocks else None
    if prev and prev.kind == "para" and not after_blank and is_upper_heading(prev.text) and is_upper_heading(line):
        prev.text = f"{prev.text} {line.strip()}"
        return
    if is_continuation(prev, line):
        prev.text = f"{prev.text} {BULLET_RE.sub('', line).strip()}"
        return
    bullet = BULLET_RE.match(line)
    if bullet:
        blocks.append(Block("bullet", BULLET_RE.sub("", line).strip(), marker=bullet.group(1), gap=after_blank))
    else:
        blocks.append(Block("para", line.strip()))


def parse_seed(text: str) -> list[Block]:
    """Split the seed text into document blocks."""
    blocks: list[Block] = []
    after_blank = False
    for raw in text.splitlines():
        if not raw.strip():
            after_blank = True
            continue
        if VOTE_RE.match(raw):
            blocks.append(Block("vote", " ".join(c.strip() for c in raw.split("\t") if c.strip())))
        elif "\t" in raw:
            add_table_row(blocks, raw)
        else:
            add_text_line(blocks, raw, after_blank)
        after_blank = False
    return blocks


def span(text: str, bold: bool, sup: bool) -> str:
    """One run of text, wrapped in the matching automatic text style."""
    if not text:
        return ""
    style = {(True, False): "T_b", (False, True): "T_sup", (True, True): "T_bsup"}.get((bold, sup))
    body = escape(text)
    return f'<text:span text:style-name="{style}">{body}</text:span>' if style else body


def inline_xml(text: str) -> str:
    """Convert **bold** and ^{sup} markers to ODF spans."""
    parts: list[str] = []
    bold = False
    pos = 0
    for match in INLINE_RE.finditer(text):
        parts.append(span(text[pos : match.start()], bold, False))
        if match.group(0) == "**":
            bold = not bold
        else:
            parts.append(span(match.group(1), bold, True))
        pos = match.end()
    parts.append(span(text[pos:], bold, False))
    return "".join(parts)


def paragraph_style(text: str) -> str:
    """Choose the paragraph style of a prose paragraph."""
    if REPORT_NO_RE.match(text):
        return "ReportNo"
    if is_upper_heading(text):
        return "CoverTitle" if COVER_TITLE_RE.match(text) else "Heading1"
    if SUBHEADING_RE.match(text):
        return "Heading2"
    if NUMBERED_SUBHEADING_RE.match(text):
        return "Heading3"
    if NUMBERED_ITEM_RE.match(text):
        return "NumItem"
    return "Body"


def paragraph_xml(text: str, style: str) -> str:
    """A paragraph (or heading) element."""
    label = LABEL_RE.match(text)
    if label:
        text = f"**{label.group(0)}**{text[label.end():]}"
    if style in ("Heading1", "Heading2"):
        level = 1 if style == "Heading1" else 2
        return f'<text:h text:style-name="{style}" text:outline-level="{level}">{inline_xml(text)}</text:h>'
    return f'<text:p text:style-name="{style}">{inline_xml(text)}</text:p>'


def list_xml(items: list[Block]) -> str:
    """A bulleted list from consecutive list-item blocks."""
    style = "LBullet" if items[0].marker == "•" else "LDash"
    styles = ["ListItem"] * (len(items) - 1) + ["ListItemLast"]
    styles = ["ListHeading" if i.text.startswith("**") else s for i, s in zip(items, styles)]
    body = "".join(
        f'<text:list-item><text:p text:style-name="{s}">{inline_xml(i.text)}</text:p></text:list-item>'
        for i, s in zip(items, styles)
    )
    return f'<text:list text:style-name="{style}">{body}</text:list>'


def cell_xml(text: str, header: bool) -> str:
    """One bordered table cell."""
    style = "TableHead" if header else "TableCell"
    cell_style = "CellHead" if header else "Cell"
    return (
        f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
        f'<text:p text:style-name="{style}">{inline_xml(text)}</text:p></table:table-cell>'
    )


def table_xml(rows: list[list[str]], index: int) -> str:
    """A bordered table whose first row is a repeated header row."""
    width = len(rows[0])
    columns = "".join(f'<table:table-column table:style-name="Col{i + 1}"/>' for i in range(width))
    head = "".join(cell_xml(c, True) for c in rows[0])
    body = "".join(
        '<table:table-row table:style-name="Row">' + "".join(cell_xml(c, False) for c in row) + "</table:table-row>"
        for row in rows[1:]
    )
    return (
        f'<table:table table:name="Tableau{index}" table:style-name="Table">{columns}'
        f'<table:table-header-rows><table:table-row table:style-name="Row">{head}</table:table-row>'
        f"</table:table-header-rows>{body}</table:table>"
    )


def body_xml(blocks: list[Block]) -> str:
    """The document body: landscape pages around tables, portrait elsewhere."""
    out: list[str] = []
    pending: list[Block] = []
    after_table = after_vote = False
    for n, block in enumerate(blocks):
        if pending and (block.kind != "bullet" or block.gap or block.marker != pending[0].marker):
            out.append(list_xml(pending))
            pending = []
        if block.kind == "bullet":
            pending.append(block)
            continue
        if block.kind == "table":
            out.append(table_xml(block.rows, n))
            after_table = True
            continue
        if block.kind == "vote":
            out.append(f'<text:p text:style-name="Vote">{escape(block.text)}</text:p>')
            after_vote = True
            continue
        next_is_table = n + 1 < len(blocks) and blocks[n + 1].kind == "table"
        style = paragraph_style(block.text)
        if next_is_table:
            style = "TableTitle"
        elif after_table:
            style, after_table = "Decision", False
        elif after_vote:
            style = "Closing"
        out.append(paragraph_xml(block.text, style))
    if pending:
        out.append(list_xml(pending))
    return "\n".join(out)


FONTS = ("DejaVu Sans", "DejaVu Sans Condensed")


def font_decls() -> str:
    """Declarations of the fonts used by the styles."""
    faces = "".join(
        f'<style:font-face style:name="{name}" svg:font-family="&apos;{name}&apos;" '
        'style:font-family-generic="swiss" style:font-pitch="variable"/>'
        for name in FONTS
    )
    return f"<office:font-face-decls>{faces}</office:font-face-decls>"


def para_style(name: str, para: str = "", text: str = "", parent: str = "Body", master: str = "") -> str:
    """A common paragraph style."""
    parent_attr = f' style:parent-style-name="{parent}"' if parent else ""
    master_attr = f' style:master-page-name="{master}"' if master else ""
    return (
        f'<style:style style:name="{name}" style:family="paragraph"{parent_attr}{master_attr}>'
        f"<style:paragraph-properties {para}/><style:text-properties {text}/></style:style>"
    )


def list_style(name: str, char: str) -> str:
    """A one-level bullet list style."""
    return (
        f'<text:list-style style:name="{name}"><text:list-level-style-bullet text:level="1" text:bullet-char="{char}">'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        '<style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.7cm" '
        'fo:text-indent="-0.4cm" fo:margin-left="0.7cm"/></style:list-level-properties>'
        "</text:list-level-style-bullet></text:list-style>"
    )


def common_styles() -> str:
    """Paragraph, list and default styles."""
    keep = 'fo:keep-with-next="always"'
    styles = [
        '<style:default-style style:family="paragraph">'
        '<style:text-properties style:font-name="DejaVu Sans" fo:font-size="10pt" fo:language="fr" fo:country="FR" '
        'fo:hyphenate="false"/></style:default-style>',
        para_style(
            "Body",
            'fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.2cm" fo:line-height="115%" '
            'fo:orphans="2" fo:widows="2"',
            'style:font-name="DejaVu Sans" fo:font-size="10pt" fo:hyphenate="false"',
            parent="",
        ),
        para_style("CoverTitle", f'fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.35cm" {keep}',
                   'fo:font-size="11pt" fo:font-weight="bold"'),
        para_style("ReportNo", f'fo:text-align="center" fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" {keep}',
                   'fo:font-size="11pt" fo:font-weight="bold"'),
        para_style("Heading1", f'fo:text-align="start" fo:margin-top="0.45cm" fo:margin-bottom="0.25cm" {keep}',
                   'fo:font-size="10.5pt" fo:font-weight="bold"'),
        para_style("Heading2", f'fo:text-align="start" fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" {keep}',
                   'fo:font-weight="bold" style:text-underline-style="solid" style:text-underline-width="auto" '
                   'style:text-underline-color="font-color"'),
        para_style("Heading3", f'fo:text-align="start" fo:margin-top="0.15cm" {keep}',
                   'fo:font-weight="bold" fo:font-style="italic"'),
        para_style("NumItem", 'fo:margin-left="0.7cm" fo:margin-bottom="0.1cm"'),
        para_style("ListItem", 'fo:text-align="start" fo:margin-bottom="0.1cm"'),
        para_style("ListHeading", f'fo:text-align="start" fo:margin-top="0.15cm" fo:margin-bottom="0.2cm" {keep}'),
        para_style("ListItemLast", 'fo:text-align="start" fo:margin-bottom="0.2cm"'),
        para_style("TableTitle", f'fo:text-align="center" fo:margin-bottom="0.35cm" {keep}',
                   'fo:font-size="11pt" fo:font-weight="bold"', master="Landscape"),
        para_style("Decision", 'fo:margin-top="0.3cm" fo:margin-bottom="0.5cm"', 'fo:font-weight="bold"',
                   master="Standard"),
        para_style("Vote", 'fo:text-align="start" fo:margin-bottom="0.1cm"'),
        para_style("Closing", 'fo:text-align="end" fo:margin-top="0.3cm"'),
        para_style("TableCell", 'fo:text-align="start" fo:margin-bottom="0cm" fo:line-height="100%"',
                   'style:font-name="DejaVu Sans Condensed" fo:font-size="9pt"'),
        para_style("TableHead", 'fo:text-align="center" fo:margin-bottom="0cm" fo:line-height="100%"',
                   'style:font-name="DejaVu Sans Condensed" fo:font-size="9pt" fo:font-weight="bold"'),
        para_style("Header", 'fo:text-align="center" fo:padding-bottom="0.1cm" '
                   'fo:border-bottom="0.5pt solid #000000"', 'fo:font-size="8pt"', parent=""),
        para_style("Footer", 'fo:text-align="center" fo:padding-top="0.1cm" '
                   'fo:border-top="0.5pt solid #000000"', 'fo:font-size="8pt"', parent=""),
        list_style("LDash", "–"),
        list_style("LBullet", "•"),
    ]
    return "<office:styles>" + "\n".join(styles) + "</office:styles>"


def page_layout(name: str, width: str, height: str, orientation: str) -> str:
    """An A4 page layout with header and footer areas."""
    return (
        f'<style:page-layout style:name="{name}"><style:page-layout-properties fo:page-width="{width}" '
        f'fo:page-height="{height}" style:print-orientation="{orientation}" fo:margin-top="1.2cm" '
        'fo:margin-bottom="1.2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.5cm"/>'
        '</style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>'
    )


def table_styles() -> str:
    """Automatic styles for the table, its columns, rows and cells."""
    total = sum(TABLE_COLUMNS_CM)
    border = 'fo:border="0.5pt solid #000000" fo:padding="0.08cm"'
    parts = [
        f'<style:style style:name="Table" style:family="table"><style:table-properties style:width="{total:.1f}cm" '
        'table:align="center" fo:margin-bottom="0.3cm"/></style:style>',
        '<style:style style:name="Row" style:family="table-row">'
        '<style:table-row-properties fo:keep-together="always"/></style:style>',
        f'<style:style style:name="Cell" style:family="table-cell">'
        f"<style:table-cell-properties {border}/></style:style>",
        f'<style:style style:name="CellHead" style:family="table-cell"><style:table-cell-properties {border} '
        'fo:background-color="#d9d9d9" style:vertical-align="middle"/></style:style>',
    ]
    parts += [
        f'<style:style style:name="Col{i + 1}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
        for i, w in enumerate(TABLE_COLUMNS_CM)
    ]
    return "".join(parts)


def text_styles() -> str:
    """Automatic text styles for bold and superscript runs."""
    sup = 'style:text-position="super 58%"'
    return (
        '<style:style style:name="T_b" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>'
        f'<style:style style:name="T_sup" style:family="text"><style:text-properties {sup}/></style:style>'
        '<style:style style:name="T_bsup" style:family="text">'
        f'<style:text-properties fo:font-weight="bold" {sup}/></style:style>'
    )


def master_page(name: str, layout: str) -> str:
    """A master page with the running header and the paginated footer."""
    footer = (
        f"{escape(FOOTER_TEXT)}<text:page-number text:select-page=\"current\">1</text:page-number>"
        " / <text:page-count>1</text:page-count>"
    )
    return (
        f'<style:master-page style:name="{name}" style:page-layout-name="{layout}">'
        f'<style:header><text:p text:style-name="Header">{escape(HEADER_TEXT)}</text:p></style:header>'
        f'<style:footer><text:p text:style-name="Footer">{footer}</text:p></style:footer></style:master-page>'
    )


def build_fodt(blocks: list[Block]) -> str:
    """The complete Flat ODT document."""
    namespaces = " ".join(
        f'xmlns:{p}="{u}"'
        for p, u in (
            ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
            ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
            ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
            ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
            ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
            ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
            ("dc", "http://purl.org/dc/elements/1.1/"),
            ("meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"),
        )
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {namespaces} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">\n'
        f"<office:meta><dc:title>{escape(DOC_TITLE)}</dc:title><dc:creator>Ville de Clermont-Ferrand</dc:creator>"
        "<dc:language>fr-FR</dc:language></office:meta>\n"
        f"{font_decls()}\n{common_styles()}\n"
        "<office:automatic-styles>"
        + page_layout("PortraitLayout", "21cm", "29.7cm", "portrait")
        + page_layout("LandscapeLayout", "29.7cm", "21cm", "landscape")
        + table_styles()
        + text_styles()
        + "</office:automatic-styles>\n<office:master-styles>"
        + master_page("Standard", "PortraitLayout")
        + master_page("Landscape", "LandscapeLayout")
        + "</office:master-styles>\n<office:body><office:text>\n"
        + body_xml(blocks)
        + "\n</office:text></office:body></office:document>\n"
    )


def convert_to_pdf(fodt: Path, out: Path) -> None:
    """Convert the Flat ODT to PDF with a private LibreOffice profile."""
    workdir = fodt.parent
    command = [
        "soffice",
        f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(workdir),
        str(fodt),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    produced = fodt.with_suffix(".pdf")
    if not produced.exists():
        raise RuntimeError(f"LibreOffice did not produce {produced}")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(produced), out)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, build the document and write the PDF."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="seed text file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="PDF to write")
    args = parser.parse_args(argv)
    blocks = parse_seed(args.seed.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="seed-pdf-") as tmp:
        fodt = Path(tmp) / args.out.with_suffix(".fodt").name
        fodt.write_text(build_fodt(blocks), encoding="utf-8")
        convert_to_pdf(fodt, args.out.resolve())
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
