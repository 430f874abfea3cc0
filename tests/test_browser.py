"""The pages in a real browser: Debian's Chromium driven by playwright, over real HTTP (waitress).

Writes docs/screenshots/{search,person,trips}.png.
"""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from pypdf import PdfReader
from waitress.server import create_server

from conftest import ROOT, SEED_PDF
from delibsearch.store import Store
from delibsearch.web import create_app

SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base_url(indexed):
    server = create_server(create_app({"DATA_DIR": str(indexed.data_dir)}), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(executable).exists(), "Debian's chromium is needed: tests/run.sh installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    yield page
    page.close()


def test_unaccented_search_finds_the_accented_word(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Rechercher dans les délibérations").fill("Queretaro")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("pour « Queretaro »")
    expect(page.locator(".hits mark").first).to_have_text("Querétaro")


def test_a_facet_click_narrows_and_its_count_was_right(page, base_url):
    page.goto(base_url + "/search?q=subvention")
    total = int(page.locator("h1").inner_text().split()[0])
    facet = page.locator(".facet", has=page.locator("h2", has_text="Collectivité")).locator("li").filter(has_text="Pierrefonds")
    count = int(facet.locator(".count").inner_text())
    facet.locator("a").click()
    expect(page.locator("h1")).to_contain_text(f"{count} point")
    assert count < total
    expect(page.locator(".chips")).to_contain_text("Collectivité : Pierrefonds")
    page.set_viewport_size({"width": 1280, "height": 900})
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "/search?q=subvention")
    page.screenshot(path=str(SHOTS / "search.png"))
    page.locator(".chips a, .chips").count()


def test_person_page_lists_sittings_attended(page, base_url, indexed):
    store = Store(indexed.db_path)
    person = store.db.execute("SELECT id FROM entities WHERE kind = 'person' AND name = 'Florence DEMOUY' AND scope = 'Pierrefonds'").fetchone()[0]
    page.goto(f"{base_url}/people/{person}")
    expect(page.locator("h1")).to_have_text("Florence DEMOUY")
    rows = page.locator("table.attendance tbody tr")
    # Sittings read by hand in which she is listed present (tests/expectations/sessions_pierrefonds.json).
    for date in ("10 décembre 2024", "27 mai 2025", "19 octobre 2021", "13 décembre 2022"):
        expect(rows.filter(has_text=date).first).to_contain_text("présent")
    page.screenshot(path=str(SHOTS / "person.png"))


def test_trip_register_shows_the_seven_trips_of_the_seed(page, base_url):
    page.goto(base_url + "/trips")
    page.get_by_label("Collectivité").select_option("Clermont-Ferrand")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("table.trips tbody tr")).to_have_count(7)
    expect(page.locator(".total")).to_have_text("25\u202f680\u00a0€")
    expect(page.locator("svg.chart rect")).to_have_count(3)
    page.screenshot(path=str(SHOTS / "trips.png"), full_page=True)


def test_item_page_links_the_pdf_at_the_right_page(page, base_url):
    page.goto(base_url + "/search?q=Montréal+Entretiens+Jacques+Cartier")
    page.locator(".hits h2 a").first.click()
    link = page.locator("a.pdf")
    href = link.get_attribute("href")
    number = int(href.split("#page=")[1])
    assert "Rapport N° 6" in PdfReader(SEED_PDF).pages[number - 1].extract_text()
    response = page.request.get(base_url + href.split("#")[0])
    assert response.ok and response.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR ("])
def test_malformed_query_gives_a_page(page, base_url, query):
    response = page.goto(base_url + "/search?q=" + query)
    assert response.status == 200
    expect(page.locator("h1")).to_contain_text("trouvé")


def test_ask_a_question_end_to_end(page, base_url):
    page.goto(base_url + "/ask")
    page.get_by_label("Votre question").fill("Combien a coûté le déplacement à Montréal ?")
    page.get_by_role("button", name="Demander").click()
    expect(page.locator(".answer .short")).to_have_text("1 400 €")
    expect(page.locator("blockquote").first).to_contain_text("Montréal")
    href = page.locator("a.source").first.get_attribute("href")
    assert "/pdf#page=" in href
