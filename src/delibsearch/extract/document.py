"""Assemble a Document from a PDF's pages: header, items, votes, sections."""
from __future__ import annotations

from delibsearch.extract.header import extract_header
from delibsearch.extract.items import ItemSpan, find_items, find_rapporteur
from delibsearch.extract.names import Roster, clean_name
from delibsearch.extract.sections import find_sections
from delibsearch.extract.votes import parse_vote
from delibsearch.model import Document, Item, Session, Source
from delibsearch.parse.cleanup import clean_pages
from delibsearch.parse.pdf import RawPdf
from delibsearch.parse.text import PagedText

HEADER_FALLBACK = 4000


def build_document(raw: RawPdf) -> Document:
    """Parse a read PDF into the document model; what is not understood goes to warnings."""
    doc = PagedText(clean_pages(raw.pages))
    spans, warnings = find_items(doc.text)
    header_end = spans[0].start if spans else min(len(doc.text), HEADER_FALLBACK)
    if header_end < 200:
        header_end = min(len(doc.text), HEADER_FALLBACK)
    header = extract_header(doc, header_end)
    if not spans:
        spans = [ItemSpan(None, None, header_end if header_end < len(doc.text) else 0, len(doc.text), None)]
    source = Source(file=raw.path.name, sha256=raw.sha256, pages=len(raw.pages), path=str(raw.path))
    items = [_item(doc, span, header.session) for span in spans]
    return Document(source=source, authority=header.authority, body=header.body, session=header.session,
                    items=items, warnings=[*raw.warnings, *warnings, *header.warnings])


def _item(doc: PagedText, span: ItemSpan, session: Session) -> Item:
    text = doc.text[span.start:span.end].strip()
    first, last = doc.page_range(span.start, span.end)
    roster = Roster(session.roster())
    rapporteur_raw = find_rapporteur(text)
    rapporteur = (roster.resolve(rapporteur_raw) or clean_name(rapporteur_raw)) if rapporteur_raw else None
    vote, decision = parse_vote(text, roster, session.voters())
    return Item(number=span.number, title=span.title, page_start=first, page_end=last, text=text,
                rapporteur=rapporteur, group=span.group, sections=find_sections(doc, span.start, span.end),
                vote=vote, decision=decision)
