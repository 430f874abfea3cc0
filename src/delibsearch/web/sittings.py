"""A sitting, an item, and the PDF they come from."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_file

from delibsearch import archive
from delibsearch.web import page, respond, store

bp = Blueprint("sittings", __name__)


@page(bp, "/sittings/<int:doc_id>", api="/api/sittings/<int:doc_id>")
def sitting(doc_id: int):
    data = archive.sitting(store(), doc_id)
    if data is None:
        abort(404, description=f"Aucune séance n°{doc_id}.")
    return respond("sitting.html", data)


@page(bp, "/items/<int:item_id>", api="/api/items/<int:item_id>")
def item(item_id: int):
    data = archive.item(store(), item_id)
    if data is None:
        abort(404, description=f"Aucun point n°{item_id}.")
    return respond("item.html", data)


@bp.get("/sittings/<int:doc_id>/pdf")
def pdf(doc_id: int):
    doc = store().document(doc_id)
    if doc is None or not Path(doc["path"]).is_file():
        abort(404, description="Ce PDF n'est plus à l'emplacement où il a été indexé.")
    return send_file(doc["path"], mimetype="application/pdf", download_name=doc["source"]["file"])
