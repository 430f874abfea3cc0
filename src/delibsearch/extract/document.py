"""Assemble a Document from a PDF's pages: header, items, votes, sections, entities, tables, trips."""
from __future__ import annotations

import re

from delibsearch.extract.authority import authority_of_folder
from delibsearch.extract.entities import Context, extract_entities
from delibsearch.extract.header import extract_header
from delibsearch.extract.items import ItemSpan, find_items
from delibsearch.extract.kind import MINUTES, document_kind
from delibsearch.extract.rapporteur import find_rapporteur
from delibsearch.extract.money import parse_amount_cell
from delibsearch.extract.names import Roster
from delibsearch.extract.sections import find_sections
from delibsearch.extract.tables import find_tables
from delibsearch.extract.unnumbered import (agenda_items, bullet_headings, capital_headings, object_items,
                                            register_extracts, single_deliberation, vote_closed_items)
from delibsearch.extract.trips import column_map, is_trip_table, trips_from_table, trips_from_text
from delibsearch.extract.votes import parse_vote
from delibsearch.model import Document, Entity, Item, Session, Source, Table, Trip
from delibsearch.parse.cleanup import clean_lines
from delibsearch.parse.pdf import RawPdf
from delibsearch.parse.text import PagedText

HEADER_FALLBACK = 4000


def build_document(raw: RawPdf, disabled: tuple[str, ...] = ()) -> Document:
    """Parse a read PDF into the document model; what is not understood goes to warnings.

    `disabled` names entity pipeline components to leave out, for measuring what each adds.
    """
    doc = PagedText.from_lines(clean_lines(raw.lines))
    spans, warnings = find_items(doc.text)
    extracts = register_extracts(doc.text)
    if len(extracts) > len(spans):
        # Bound extracts print their numbers in a margin the numbering schemes miss; each extract is one item.
        spans, warnings = extracts, ["items: the file binds several register extracts; each one's deliberation is an item"]
    if not spans:
        spans = _unnumbered_items(doc, warnings)
    header_end = spans[0].start if spans else min(len(doc.text), HEADER_FALLBACK)
    if spans and spans[0] in extracts:
        # An extract may print its object before the sitting's attendance: the first extract is the header.
        header_end = min(spans[0].end, spans[0].start + HEADER_FALLBACK)
    if header_end < 200:
        header_end = min(len(doc.text), HEADER_FALLBACK)
    header = extract_header(doc, header_end)
    if not spans:
        # No item found: the whole text is one item (the header's end is a guess, and cutting there lost text).
        spans = [ItemSpan(None, None, 0, len(doc.text), None)]
    source = Source(file=raw.path.name, sha256=raw.sha256, pages=len(raw.pages), path=str(raw.path))
    roster = Roster(header.session.roster())
    items = [_item(doc, span, header.session, roster) for span in spans]
    document = Document(source=source, authority=header.authority, body=header.body, session=header.session,
                        items=items, warnings=[*raw.warnings, *warnings, *header.warnings],
                        header_text=doc.text[:items[0].offset or header_end])
    document.kind = document_kind(doc.text, header.session, items)
    if document.kind != MINUTES:
        _as_one_text(document, doc, raw)
        roster = Roster([])
    if document.authority is None:
        _authority_of_folder(document, raw)
    context = Context(roster, _year(document.session), document.authority)
    document.entities = _entities(doc, document, context, disabled)
    document.tables = _tables(doc, raw, document)
    document.entities += _cost_amounts(document)
    document.trips = _trips(doc, document, context)
    return document


def _authority_of_folder(document: Document, raw: RawPdf) -> None:
    """The commune the file's folder is named after, for minutes that never print their authority."""
    folder = raw.path.parent.name
    document.authority = authority_of_folder(folder)
    if document.authority:
        document.warnings.append(f"header: the authority is not printed; {document.authority} is the commune "
                                 f"the folder '{folder}' is named after")


def _as_one_text(document: Document, doc: PagedText, raw: RawPdf) -> None:
    """A document that records no sitting: no session, one item holding the whole text."""
    document.session = Session()
    first, last = doc.page_range(0, len(doc.text))
    document.items = [Item(number=None, title=None, page_start=first, page_end=last, text=doc.text.strip(),
                           offset=len(doc.text) - len(doc.text.lstrip()))]
    document.header_text = ""
    document.warnings = [*raw.warnings, "document: not the record of a sitting (no attendance, vote or "
                                        "deliberation found); kept as one text, with no sitting"]


def _unnumbered_items(doc: PagedText, warnings: list[str]) -> list[ItemSpan]:
    """The deliberations of bound register extracts, or the items that each open with "Objet :", or the headings
    that repeat the agenda's entries, or the parts that votes close (whichever finds most, extracts winning
    ties), else a register extract's one deliberation; warnings say which. The agenda comes before a lone
    extract: an "Objet : Ordre du jour" would pass for an extract's object."""
    headed = agenda_items(doc.text, doc.side_spans)
    closed = vote_closed_items(doc.text, doc.side_spans)
    extracts = register_extracts(doc.text)
    if extracts and len(extracts) >= max(len(headed), len(closed)):
        warnings[:] = [w for w in warnings if not w.startswith("items:")]
        warnings.append("items: the file binds several register extracts; each one's deliberation is an item")
        return extracts
    capitals = max(capital_headings(doc.text, doc.side_spans), bullet_headings(doc.text, doc.side_spans), key=len)
    if len(capitals) > max(len(headed), len(closed)):
        warnings[:] = [w for w in warnings if not w.startswith("items:")]
        warnings.append("items: no numbering; each item opens with a heading (in capitals, or after a bullet)")
        return capitals
    objects = object_items(doc.text)
    if len(objects) > max(len(headed), len(closed)):
        warnings[:] = [w for w in warnings if not w.startswith("items:")]
        warnings.append("items: no numbering; each item opens with its object ('Objet : ...')")
        return objects
    if headed or closed:
        warnings[:] = [w for w in warnings if not w.startswith("items:")]
        if len(closed) > len(headed):
            warnings.append("items: no numbering; items are the parts of the body that a vote closes")
            return closed
        warnings.append("items: no numbering; items are the headings that repeat the agenda's entries")
        return headed
    single = single_deliberation(doc.text)
    if single:
        warnings[:] = [w for w in warnings if not w.startswith("items:")]
        return [single]
    return []


def _year(session: Session) -> int | None:
    return int(session.date[:4]) if session.date else None


def _item(doc: PagedText, span: ItemSpan, session: Session, roster: Roster) -> Item:
    raw = doc.text[span.start:span.end]
    text = raw.strip()
    offset = span.start + (len(raw) - len(raw.lstrip()))
    first, last = doc.page_range(span.start, span.end)
    rapporteur = find_rapporteur(_body_after_title(text, span.title), doc.side_text_before(span.start), roster,
                                 session.president)
    vote, decision = parse_vote(text, roster, session.voters())
    return Item(number=span.number, title=span.title, page_start=first, page_end=last, text=text,
                rapporteur=rapporteur, group=span.group, sections=find_sections(doc, span.start, span.end),
                vote=vote, decision=decision, offset=offset)


def _body_after_title(text: str, title: str | None) -> str:
    """The item's text after its heading lines (the title may run over several lines)."""
    if not title:
        return text
    words = title.split()
    pattern = r"\s+".join(map(re.escape, words[-3:])) if words else ""
    found = re.search(pattern, text[:len(title) + 400]) if pattern else None
    return text[found.end():] if found else text


def _entities(doc: PagedText, document: Document, context: Context, disabled: tuple[str, ...]) -> list[Entity]:
    """Entities of the header (item None, offsets in the document's text) and of every item."""
    header_end = document.items[0].offset if document.items else len(doc.text)
    parts = [(None, -1, 0, doc.text[:header_end])]
    parts += [(item.number, n, item.offset, item.text) for n, item in enumerate(document.items)]
    drafts = extract_entities([(text, context) for _, _, _, text in parts], disabled)
    entities = []
    for (number, index, offset, _), found in zip(parts, drafts):
        for d in found:
            entities.append(Entity(type=d.type, text=d.text, value=d.value, item=number,
                                   page=doc.page_at(offset + d.start), start=d.start, end=d.end,
                                   unit="EUR" if d.type == "amount" else None, country=d.country, tax=d.tax,
                                   item_index=index))
    return entities


def _tables(doc: PagedText, raw: RawPdf, document: Document) -> list[Table]:
    tables = []
    for draft in find_tables(raw.tables):
        index = _item_at(doc, document, draft.page, next((c for c in draft.header if c), ""))
        number = document.items[index].number if index >= 0 else None
        tables.append(Table(item=number, page=draft.page, header=draft.header, rows=draft.rows,
                            page_end=draft.page_end, item_index=index))
    return tables


def _item_at(doc: PagedText, document: Document, page: int, cell: str) -> int:
    """The item whose text holds the table's first header cell on that page (-1: the header)."""
    start = doc.starts[page - 1]
    end = doc.starts[page] if page < len(doc.starts) else len(doc.text)
    pattern = r"\s+".join(re.escape(w) for w in cell.split()[:4])
    found = re.search(pattern, doc.text[start:end]) if pattern else None
    offset = start + found.start() if found else start
    index = -1
    for n, item in enumerate(document.items):
        if item.offset <= offset:
            index = n
    return index


def _cost_amounts(document: Document) -> list[Entity]:
    """Cells of a cost column ("Coût du transport pour la Ville": "3 600") are amounts, found in the item's text."""
    found = []
    taken = {(e.item_index, e.start) for e in document.entities if e.type == "amount"}
    for table in document.tables:
        column = column_map(table.header).get("cost")
        if column is None or table.item_index < 0:
            continue
        text, cursor = document.items[table.item_index].text, 0
        for row in table.rows:
            cell = row[column] if column < len(row) else ""
            value = parse_amount_cell(cell)
            match = re.search(r"(?<![\d,.])" + r"\s+".join(map(re.escape, cell.split())) + r"(?![\d,])", text[cursor:]) if value is not None else None
            if not match:
                continue
            start, end = cursor + match.start(), cursor + match.end()
            cursor = end
            if (table.item_index, start) not in taken:
                found.append(Entity(type="amount", text=text[start:end], value=value, item=table.item,
                                    page=table.page, start=start, end=end, unit="EUR", item_index=table.item_index))
    return found


def _trips(doc: PagedText, document: Document, context: Context) -> list[Trip]:
    trips: list[Trip] = []
    for table in document.tables:
        if is_trip_table(table.header):
            for trip in trips_from_table(table.header, table.rows, context.roster, context.year):
                trip.item, trip.page, trip.item_index = table.item, table.page, table.item_index
                trips.append(trip)
    # The table is the record; a sentence about a destination it already lists tells the same trip.
    known = {t.destination for t in trips}
    for index, item in enumerate(document.items):
        for offset, trip in trips_from_text(item.text, context.year, document.authority):
            if trip.destination not in known:
                known.add(trip.destination)
                trip.item, trip.page, trip.item_index = item.number, doc.page_at(item.offset + offset), index
                trips.append(trip)
    return trips
