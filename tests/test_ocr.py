"""Scanned PDFs without a text layer are read by OCR (Tesseract's French model, from Debian's packages).

Expected values were read on the scanned page itself (Flaux, 31 March 2021, page 1).
"""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import run_cli, shared_pdf
from delibsearch.parse.ocr import tesseract
from delibsearch.web import create_app

SCAN = "flaux-scans/compte-rendu-du-31-mars-2021.pdf"
PRESENT = ["Denis JUVIN", "Catherine MARTEL", "Patricia MICHOT", "Muriel NIGGEL", "Alessandra STURANI",
           "Valérie UPPHOFF", "Michel VAILLIES", "Catherine VINAS", "Philippe VINÇON"]

pytestmark = pytest.mark.skipif(tesseract() is None and not os.environ.get("CI"),
                                reason="Tesseract with its French data is not installed (tests/run.sh installs it)")


def parse(path, env=None) -> subprocess.CompletedProcess:
    return run_cli("parse", str(path), env=env)


@pytest.fixture(scope="module")
def scan() -> dict:
    result = parse(shared_pdf(SCAN))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_sitting_is_read_from_the_scan(scan):
    session = scan["session"]
    assert scan["authority"] == "Flaux" and scan["body"] == "conseil municipal"
    assert (session["date"], session["time"]) == ("2021-03-31", "18:30")
    assert session["president"] == "Denis JUVIN"
    assert session["absent"] == ["Jean-Pierre PLUS"]


def test_most_present_members_survive_recognition(scan):
    found = set(scan["session"]["present"])
    assert len(found & set(PRESENT)) >= 7, found


def test_the_text_is_searchable_and_the_reader_is_warned(scan):
    text = " ".join(item["text"] for item in scan["items"])
    assert "Budget Primitif 2021" in text and "stérilisation" in text
    assert any("read by OCR" in warning for warning in scan["warnings"])


def test_without_tesseract_a_scan_is_reported_as_needing_ocr(tmp_path):
    result = parse(shared_pdf(SCAN), env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 1 and result.stdout == ""
    assert "OCR needed" in result.stderr and "compte-rendu-du-31-mars-2021.pdf" in result.stderr
    assert "tesseract-ocr" in result.stderr


def test_the_scanned_sittings_are_in_the_archive(indexed):
    client = create_app({"DATA_DIR": str(indexed.data_dir), "TESTING": True}).test_client()
    sittings = client.get("/api/sittings").get_json()
    dates = sorted(s["date"] for s in sittings["sittings"] if s["authority"] == "Flaux")
    assert dates == ["2021-03-31", "2021-05-19", "2021-10-15", "2022-04-28"]
    found = client.get("/api/search", query_string={"q": "stérilisation des chats", "authority": "Flaux"}).get_json()
    assert "2021-03-31" in {hit["date"] for hit in found["results"]}


def test_secretary_proxies_and_excused_of_another_scan():
    """Flaux, 15 October 2021, page 1: read on the scanned page.

    Both excused members gave a proxy: as everywhere (tests/expectations/README.md), a member who gave a
    proxy is listed with the proxies only."""
    result = parse(shared_pdf("flaux-scans/compte-rendu-du-15-octobre.pdf"))
    session = json.loads(result.stdout)["session"]
    assert session["date"] == "2021-10-15" and session["secretary"] == "Philippe VINÇON"
    assert session["excused"] == [] and session["absent"] == []
    assert session["proxies"] == [{"from": "Philippe ROUVIER-COROUGE", "to": "Denis JUVIN"},
                                  {"from": "Patricia MICHOT", "to": "Catherine VINAS"}]


@pytest.mark.parametrize("relative,phrase", [
    # Read on the page images: a convocation with its agenda, and a convention annexed to a deliberation
    # whose text layer is garbage (read again by OCR).
    ("other-documents/convocation-ordre-du-jour.pdf", "Evolutions et modalités du dispositif de télétravail"),
    ("other-documents/annexe-deliberation-2023-12-14.pdf", "CONVENTION DE PARTENARIAT"),
])
def test_documents_that_are_not_minutes_claim_no_sitting(relative, phrase):
    done = parse(shared_pdf(relative))
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["kind"] == "other"
    session = doc["session"]
    assert not (session["date"] or session["president"] or session["present"] or session["proxies"])
    assert all(item["vote"] is None and item["decision"] is None for item in doc["items"])
    assert phrase.lower() in " ".join(" ".join(item["text"].split()) for item in doc["items"]).lower()


def test_an_underlined_heading_is_read_once_its_rule_is_erased():
    """Flaux, 28 April 2022, page 1: the underlined item headings, read on the page image."""
    import pypdfium2

    from delibsearch.parse.ocr import ocr_words

    path = shared_pdf("flaux-scans/compte-rendu-du-28-avril-2022.pdf")
    words = ocr_words(path, pypdfium2.PdfDocument(str(path)), [1], "no-cache", None)[1]
    text = " ".join(word.text for word in words)
    assert "Environnement : Convention de partenariat et de prestation avec la" in text
    assert "Approbation du compte rendu du Conseil Municipal du 25 mars 2022" in text
