"""Template filters: French dates and amounts, item text with its entities linked."""
from __future__ import annotations

from flask import Flask, url_for
import functools
import gettext

import pycountry
from markupsafe import Markup, escape

from delibsearch.extract.money import format_euros

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
DECISIONS = {"adopted": "adopté", "rejected": "rejeté", "noted": "pris acte", "withdrawn": "retiré"}
ROLES = {"present": "présent·e", "excused": "excusé·e", "absent": "absent·e", "president": "préside",
         "secretary": "secrétaire", "proxy_given": "donne pouvoir à", "proxy_held": "reçoit le pouvoir de",
         "reported": "rapporte", "against": "vote contre", "abstention": "s'abstient", "for": "vote pour"}
FRENCH_COUNTRIES = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
ENTITY_PAGES = {"person": "entities.person", "place": "entities.place", "organisation": "entities.organisation"}


def french_date(value: str | None) -> str:
    """"2023-03-10" -> "10 mars 2023"; "2021-03" -> "mars 2021"; other text as is."""
    if not value:
        return "date inconnue"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = int(parts[2])
            return f"{'1er' if day == 1 else day} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return value


def euros(value: float | None) -> str:
    """12345.5 -> "12 345,50 €" (narrow no-break spaces as French typography wants)."""
    return "—" if value is None else format_euros(value, "\u202f", "\u00a0")


@functools.lru_cache(maxsize=512)
def country_fr(name: str | None) -> str:
    """The gazetteer's English country name in French ("Mexico" -> "Mexique"), from pycountry's translations."""
    if not name:
        return ""
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return name
    return FRENCH_COUNTRIES.gettext(country.name)


def linked_text(text: str, mentions: list[dict]) -> Markup:
    """The item's text with each linked mention as a link to its page, dates and amounts marked."""
    out, cursor = [], 0
    for m in sorted(mentions, key=lambda m: m["start"]):
        if m["start"] < cursor or m["end"] > len(text):
            continue
        out.append(escape(text[cursor:m["start"]]))
        piece = escape(text[m["start"]:m["end"]])
        if m.get("entity_id") and m.get("entity_kind") in ENTITY_PAGES:
            href = url_for(ENTITY_PAGES[m["entity_kind"]], entity_id=m["entity_id"])
            out.append(Markup(f'<a class="ent ent-{m["entity_kind"]}" href="{href}">{piece}</a>'))
        else:
            out.append(Markup(f'<span class="ent ent-{escape(m["type"])}">{piece}</span>'))
        cursor = m["end"]
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def init_app(app: Flask) -> None:
    app.add_template_filter(french_date, "date_fr")
    app.add_template_filter(euros, "euros")
    app.add_template_filter(country_fr, "country_fr")
    app.add_template_filter(lambda v: DECISIONS.get(v or "", v or "—"), "decision_fr")
    app.add_template_filter(lambda v: ROLES.get(v, v), "role_fr")
    app.add_template_global(linked_text, "linked_text")
