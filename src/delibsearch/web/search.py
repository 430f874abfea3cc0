"""Home and search: faceted full-text search over items, with the URL holding the whole state."""
from __future__ import annotations

from flask import Blueprint, request, url_for

from delibsearch.search import Filters, search
from delibsearch.web import full_text_index, page, respond, store

bp = Blueprint("search", __name__)
# URL parameter -> index field
FACET_PARAMS = {"authority": "authority", "year": "year", "body": "body", "decision": "decision",
                "person": "persons", "rapporteur": "rapporteur", "place": "places", "organisation": "organisations"}
FACET_LABELS = {"authority": "Collectivité", "year": "Année", "body": "Instance", "decision": "Décision",
                "person": "Personne citée", "rapporteur": "Rapporteur", "place": "Lieu", "organisation": "Organisation"}
STATE = (*FACET_PARAMS, "q", "sort", "date_from", "date_to")


@page(bp, "/", api="/api/sittings")
def home():
    counts = store().counts()
    documents = [dict(r) for r in store().documents()]
    return respond("home.html", {"counts": counts, "sittings": documents})


@page(bp, "/search", api="/api/search")
def search_page():
    args = request.args
    filters = Filters(**{field: args.get(param) or None for param, field in FACET_PARAMS.items()},
                      date_from=args.get("date_from") or None, date_to=args.get("date_to") or None)
    page = max(1, args.get("page", 1, type=int) or 1)
    sort = "date" if args.get("sort") == "date" else "relevance"
    results = search(full_text_index(), store(), args.get("q", ""), filters, page=page, sort=sort)
    data = {
        "query": results.query, "total": results.total, "page": results.page, "page_size": results.page_size,
        "sort": sort, "suggestion": results.suggestion,
        "selected": [{"param": p, "label": FACET_LABELS.get(p, "Période"), "value": args[p], "remove_url": _toggle(p, args[p])}
                     for p in (*FACET_PARAMS, "date_from", "date_to") if args.get(p)],
        "results": [{"item_id": h.item_id, "sitting_id": h.sitting_id, "authority": h.authority, "date": h.date,
                     "number": h.number, "title": h.title, "snippet": h.snippet,
                     "pdf_url": url_for("sittings.pdf", doc_id=h.sitting_id) + f"#page={h.page}", "page": h.page}
                    for h in results.hits],
        "facets": {param: [{"value": v, "count": n, "selected": args.get(param) == v, "toggle_url": _toggle(param, v)}
                           for v, n in results.facets.get(field, [])[:30]]
                   for param, field in FACET_PARAMS.items()},
    }
    data["pages"] = _pages(results.total, results.page_size, page)
    return respond("search.html", {**data, "labels": FACET_LABELS})


def _state() -> dict[str, str]:
    return {k: request.args[k] for k in STATE if request.args.get(k)}


def _toggle(param: str, value: str) -> str:
    """The URL that selects this facet value, or removes it when it is selected (page back to 1)."""
    state = _state()
    if state.get(param) == value:
        state.pop(param)
    else:
        state[param] = value
    return url_for("search.search_page", **state)


def _pages(total: int, size: int, page: int) -> dict[str, str | None]:
    state = _state()
    last = max(1, (total + size - 1) // size)
    return {
        "previous": url_for("search.search_page", **state, page=page - 1) if page > 1 else None,
        "next": url_for("search.search_page", **state, page=page + 1) if page < last else None,
        "last": last,
    }
