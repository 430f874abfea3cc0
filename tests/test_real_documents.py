"""Sessions, items and votes of real sittings, against values read by hand from the PDFs.

The expectations (tests/expectations/*.json) were written by reading each
document, never from the parser's output. Where the parser is still wrong, the
case is listed in KNOWN_GAPS with the reason; those run as strict xfails, so a
fix shows up as a failure until the entry is removed.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import parsed, shared_pdf

EXPECTATIONS = Path(__file__).parent / "expectations"
SESSION_FIELDS = ("date", "time", "convened_on", "president", "secretary", "present_count", "proxies",
                  "excused", "absent", "item_numbers")
VOTE_FIELDS = ("for", "against", "abstention", "unanimous", "against_names", "abstention_names")
KNOWN_GAPS = {
    "pierrefonds/cm-19-octobre-2023.pdf::item 8::decision": "an information item closed without a vote sentence",
    "pierrefonds/cm-du-10-avril-2024.pdf::item D2024-15::vote.for": "the mayor leaves the room for the accounts vote; voters are not recounted",
    "pierrefonds/20250527-pv.pdf::item D2025-021::vote.against": "template leftover 'à l'unanimité/majorité' is read as unanimity",
    "pierrefonds/20250527-pv.pdf::item D2025-021::vote.abstention": "template leftover 'à l'unanimité/majorité' is read as unanimity",
    "pierrefonds/20250527-pv.pdf::item D2025-021::vote.unanimous": "template leftover 'à l'unanimité/majorité' is read as unanimity",
    "couthenans/cr-reunion-20211105.pdf::item 2::vote.against": "a tally without 'contre' is read as 0 against; the reader left it unknown",
    "couthenans/cr-conseil-municipal-24-02-2023.pdf::item_numbers": "the number 13 printed three times is kept once",
    "lannion/proces-verbal-du-conseil-municipal-du-25-mai.pdf::president": "installation sitting: the outgoing mayor opens it, unnamed in the header",
}
for number in ("1", "3"):
    for field in ("vote.for", "vote.against"):
        KNOWN_GAPS[f"lannion/proces-verbal-du-conseil-municipal-du-25-mai.pdf::item {number}::{field}"] = \
            "secret-ballot election results are not read as votes"
KNOWN_GAPS["lannion/proces-verbal-du-conseil-municipal-du-25-mai.pdf::item 4::decision"] = \
    "reading of the councillors' charter: 'noted' is not written"
for number, fields in (("10", ("vote.for", "vote.against", "vote.abstention")),
                       ("11", ("vote.for", "vote.against", "vote.abstention", "vote.unanimous"))):
    for field in fields:
        KNOWN_GAPS[f"lannion/proces-verbal-du-conseil-municipal-du-8-juin.pdf::item {number}::{field}"] = \
            "election items: results by list"


def load_expectations() -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for path in sorted(EXPECTATIONS.glob("sessions_*.json")):
        merged.update(json.loads(path.read_text()))
    return merged


def number_key(number: str | None) -> str | None:
    """Numbers compare as printed, without the heading's punctuation ("1." -> "1")."""
    return re.sub(r"\s+", " ", number or "").strip(" .)/:-–") or None


def title_key(title: str | None) -> str:
    return re.sub(r"\W+", "", (title or "").lower())


def cases() -> list:
    params = []
    for document, expected in load_expectations().items():
        for field in SESSION_FIELDS:
            params.append(_param(f"{document}::{field}", document, field, None))
        for item in expected["items"]:
            fields = ["page", "title", "decision", *(f"vote.{f}" for f in VOTE_FIELDS)]
            fields += ["rapporteur"] if "rapporteur" in item else []
            for field in fields:
                params.append(_param(f"{document}::item {number_key(item['number'])}::{field}", document, field, item))
    return params


def _param(case_id: str, document: str, field: str, item: dict | None):
    marks = [pytest.mark.xfail(reason=KNOWN_GAPS[case_id], strict=True)] if case_id in KNOWN_GAPS else []
    return pytest.param(document, field, item, id=case_id, marks=marks)


EXPECTED = load_expectations()


def test_enough_documents_and_authorities():
    assert len(EXPECTED) >= 12
    assert len({e["authority"] for e in EXPECTED.values()}) >= 4
    assert all(len(e["items"]) >= 2 for e in EXPECTED.values())


@pytest.mark.parametrize("document,field,item", cases())
def test_matches_the_document(document: str, field: str, item: dict | None):
    doc = parsed(shared_pdf(document))
    expected = EXPECTED[document]
    if item is None:
        assert session_value(doc, field) == expected_session_value(expected, field)
    else:
        assert item_value(find_item(doc, item), field) == expected_item_value(item, field)


def session_value(doc, field: str):
    s = doc.session
    if field == "proxies":
        return [[p.giver, p.holder] for p in s.proxies]
    if field == "item_numbers":
        return [number_key(i.number) for i in doc.items]
    return getattr(s, field)


def expected_session_value(expected: dict, field: str):
    if field == "item_numbers":
        return [number_key(n) for n in expected["item_numbers"]]
    return expected[field]


def find_item(doc, expected_item: dict):
    same_number = [i for i in doc.items if number_key(i.number) == number_key(expected_item["number"])]
    assert same_number, f"no item numbered {expected_item['number']}"
    return next((i for i in same_number if i.page_start == expected_item["page"]), same_number[0])


def item_value(item, field: str):
    if field == "page":
        return item.page_start
    if field == "title":
        return title_key(item.title)
    if field.startswith("vote."):
        name = field[5:]
        if item.vote is None:
            return {"unanimous": False, "against_names": [], "abstention_names": []}.get(name)
        return item.vote.to_dict()[name]
    return getattr(item, field)


def expected_item_value(expected: dict, field: str):
    if field == "title":
        return title_key(expected["title"])
    if field.startswith("vote."):
        return expected["vote"][field[5:]]
    return expected[field]


def test_a_file_binding_several_register_extracts_reads_each_as_an_item(tmp_path):
    """Three one-page extracts of one sitting bound into one file (as a commune may publish them): each
    deliberation is an item, numbered and decided as its own extract reads (develop expectations)."""
    from pypdf import PdfWriter

    names = ["0000072108", "0000072215", "0000072220"]
    expected = json.loads((Path(__file__).parent / "expectations" / "develop" / "montpellier.json").read_text())
    writer, first_pages = PdfWriter(), []
    for name in names:
        first_pages.append(len(writer.pages))
        writer.append(str(shared_pdf(f"montpellier/extrait-2014-05-22-{name}.pdf")))
    bound = tmp_path / "extraits-2014-05-22.pdf"
    writer.write(bound)
    doc = parsed(bound)
    wanted = [expected[f"montpellier/extrait-2014-05-22-{name}.pdf"]["items"][0] for name in names]
    assert [i.number for i in doc.items] == [w["number"] for w in wanted]
    assert [i.page_start for i in doc.items] == [first + w["page"] for first, w in zip(first_pages, wanted)]
    assert [i.decision for i in doc.items] == [w["decision"] for w in wanted]
    assert all(title_key(i.title) == title_key(w["title"]) for i, w in zip(doc.items, wanted))
