"""Pages of a person, a place and an organisation."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for

from delibsearch import archive
from delibsearch.web import page, respond, store

bp = Blueprint("entities", __name__)


def _entity_page(kind: str, entity_id: int, template: str):
    data = archive.entity(store(), entity_id, kind)
    if data is None:
        abort(404, description=f"Aucune fiche n°{entity_id} de ce type.")
    return respond(template, data)


@page(bp, "/people/<int:entity_id>", api="/api/people/<int:entity_id>")
def person(entity_id: int):
    """A record linked to another of the same human leads to that one's page, which gathers them all."""
    human = archive.human_of(store(), entity_id)
    if human != entity_id:
        return redirect(url_for(request.endpoint, entity_id=human), code=301)
    return _entity_page("person", entity_id, "person.html")


@page(bp, "/places/<int:entity_id>", api="/api/places/<int:entity_id>")
def place(entity_id: int):
    return _entity_page("place", entity_id, "place.html")


@page(bp, "/organisations/<int:entity_id>", api="/api/organisations/<int:entity_id>")
def organisation(entity_id: int):
    return _entity_page("organisation", entity_id, "organisation.html")
