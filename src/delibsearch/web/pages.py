"""Home, search, sitting and PDF pages; each page has a JSON twin."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template, request, send_file

from delibsearch.search import Filters, search
from delibsearch.web import full_text_index, store

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    documents = store().documents()
    return render_template("home.html", documents=documents, counts=store().counts())


@bp.get("/search")
def search_page():
    query = request.args.get("q", "")
    filters = Filters(**{k: request.args.get(k) or None for k in ("authority", "year", "body", "decision")})
    page = request.args.get("page", 1, type=int) or 1
    results = search(full_text_index(), store(), query, filters, page=page)
    return render_template("search.html", results=results, query=query)


@bp.get("/sittings/<int:doc_id>")
def sitting(doc_id: int):
    doc = store().document(doc_id)
    if doc is None:
        abort(404)
    items = list(store().items_of(doc_id))
    return render_template("sitting.html", doc=doc, items=items)


@bp.get("/sittings/<int:doc_id>/pdf")
def sitting_pdf(doc_id: int):
    doc = store().document(doc_id)
    if doc is None or not Path(doc["path"]).is_file():
        abort(404)
    return send_file(doc["path"], mimetype="application/pdf", download_name=doc["source"]["file"])
