"""The trip register: every official trip, filtered, sorted, totalled, charted, and as CSV."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, request, url_for

from delibsearch import archive
from delibsearch.web import page, respond, store

bp = Blueprint("trips", __name__)
FILTERS = ("year", "destination", "person", "authority")


def _filters() -> archive.TripFilters:
    args = request.args
    return archive.TripFilters(**{k: args.get(k) or None for k in FILTERS}, sort=args.get("sort", "date"),
                               descending=args.get("order") == "desc")


@page(bp, "/trips", api="/api/trips")
def register():
    data = archive.trips(store(), _filters())
    state = {k: request.args[k] for k in FILTERS if request.args.get(k)}
    data["sort_urls"] = {key: url_for("trips.register", **state, sort=key,
                                      order="asc" if request.args.get("order") == "desc" else "desc")
                         for key in archive.TRIP_SORTS}
    data["csv_url"] = url_for("trips.as_csv", **state)
    data["filters"] = state
    return respond("trips.html", data)


@bp.get("/trips.csv")
def as_csv():
    data = archive.trips(store(), _filters())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["collectivite", "destination", "pays", "objet", "debut", "fin", "delegation", "delegation_imprimee",
                     "cout_eur", "observations", "seance", "page"])
    for t in data["trips"]:
        writer.writerow([t["authority"], t["destination"], t["country"], t["purpose"], t["start"], t["end"],
                         "; ".join(p["name"] for p in t["delegation"]), t["delegation_text"], t["cost"], t["notes"],
                         t["sitting_date"], t["page"]])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=deplacements.csv"})
