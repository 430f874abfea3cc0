"""Assemble a Document from a PDF's pages: header, items, votes, sections."""
from __future__ import annotations

from delibsearch.extract.header import extract_header
from delibsearch.extract.items import ItemSpan, find_items, find_rapporteur
from delibsearch.extract.names import Roster, clean_name
from delibsearch.extract.sections import find_sections
from delibsearch.extract.votes import parse_vote
from delibsearch.extract.entities import Context, extract_entities
from delibsearch.model import Document, Entity, Item, Session, Source
from delibsearch.parse.cleanup import clean_pages
from delibsearch.parse.pdf import RawPdf
from delibsearch.parse.text import PagedText

HEADER_FALLBACK = 4000


def build_document(raw: RawPdf, disabled: tuple[str, ...] = ()) -> Document:
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
    document = Document(source=source, authority=header.authority, body=header.body, session=header.session,
                        items=items, warnings=[*raw.warnings, *warnings, *header.warnings])
    document.entities = _entities(doc, document, disabled)
    return document


def _entities(doc: PagedText, document: Document, disabled: tuple[str, ...]) -> list[Entity]:
    session = document.session
    year = int(session.date[:4]) if session.date else None
    context = Context(Roster(session.roster()), year, document.authority)
    header_end = document.items[0].offset if document.items else len(doc.text)
    parts = [(None, -1, 0, doc.text[:header_end])] + [(i.number, n, i.offset, i.text) for n, i in enumerate(document.items)]
    drafts = extract_entities([(text, context) for _, _, _, text in parts], disabled)
    entities = []
    for (number, index, offset, _), found in zip(parts, drafts):
        for d in found:
            entities.append(Entity(type=d.type, text=d.text, value=d.value, item=number,
                                   page=doc.page_at(offset + d.start), start=d.start, end=d.end,
                                   unit="EUR" if d.type == "amount" else None, country=d.country, tax=d.tax,
                                   item_index=index))
    return entities


def _item(doc: PagedText, span: ItemSpan, session: Session) -> Item:
    raw = doc.text[span.start:span.end]
    text = raw.strip()
    offset = span.start + (len(raw) - len(raw.lstrip()))
    first, last = doc.page_range(span.start, span.end)
    roster = Roster(session.roster())
    rapporteur_raw = find_rapporteur(text)
    rapporteur = (roster.resolve(rapporteur_raw) or clean_name(rapporteur_raw)) if rapporteur_raw else None
    vote, decision = parse_vote(text, roster, session.voters())
    return Item(number=span.number, title=span.title, page_start=first, page_end=last, text=text,
                rapporteur=rapporteur, group=span.group, sections=find_sections(doc, span.start, span.end),
                vote=vote, decision=decision, offset=offset)
