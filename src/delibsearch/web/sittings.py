"""A sitting, an item, and the PDF they come from."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, redirect, request, send_file, url_for

from delibsearch import archive
from delibsearch.web import page, respond, store

bp = Blueprint("sittings", __name__)


@page(bp, "/sittings/<int:doc_id>", api="/api/sittings/<int:doc_id>")
def sitting(doc_id: int):
    data = archive.sitting(store(), doc_id)
    if data is None:
        return _gone("sitting", doc_id, f"Aucune séance n°{doc_id}.")
    return respond("sitting.html", data)


@page(bp, "/items/<int:item_id>", api="/api/items/<int:item_id>")
def item(item_id: int):
    data = archive.item(store(), item_id)
    if data is None:
        return _gone("item", item_id, f"Aucun point n°{item_id}.")
    return respond("item.html", data)


def _gone(kind: str, record_id: int, unknown: str):
    """An id that once named a record leads to what replaced it (301), or says it is gone (410); else 404."""
    fate = store().retired(kind, record_id)
    if fate is None:
        abort(404, description=unknown)
    argument = "doc_id" if kind == "sitting" else "item_id"
    if fate["successor"] is not None:
        return redirect(url_for(request.endpoint, **{argument: fate["successor"]}), code=301)
    sitting = url_for("sittings.sitting", doc_id=fate["sitting_id"])
    abort(410, description=f"Ce point n'existe plus dans la lecture actuelle de sa séance ({sitting}).")


@bp.get("/sittings/<int:doc_id>/pdf")
def pdf(doc_id: int):
    doc = store().document(doc_id)
    if doc is None:
        return _gone("sitting", doc_id, f"Aucune séance n°{doc_id}.")
    path = next((p for p in store().paths_of(doc_id) if Path(p).is_file()), None)
    if path is None:
        abort(404, description="Ce PDF n'est plus à aucun des emplacements où il a été indexé.")
    return send_file(path, mimetype="application/pdf", download_name=doc["source"]["file"])
