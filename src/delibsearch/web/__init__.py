"""The Flask application: create_app() builds it on one data directory.

Every page is built by one view as a dict, returned as HTML or, for the same
URL ending in `.json` or under `/api/`, as JSON (Datasette's way).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from delibsearch.config import Settings
from delibsearch.index import FullTextIndex
from delibsearch.store import Store


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR="data")
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["settings"] = Settings(Path(app.config["DATA_DIR"]))

    from delibsearch.web import ask, display, entities, search, sittings, trips

    for module in (search, sittings, entities, trips, ask):
        app.register_blueprint(module.bp)
    display.init_app(app)
    app.register_error_handler(HTTPException, _error)
    app.teardown_appcontext(_close_store)
    return app


def page(bp, rule: str, api: str | None = None):
    """Register a view for its HTML page, its `.json` twin and its `/api/` route (endpoints `name`, `name_json`)."""
    def register(view):
        bp.add_url_rule(rule, endpoint=view.__name__, view_func=view, methods=["GET"])
        bp.add_url_rule(("/index" if rule == "/" else rule) + ".json", endpoint=view.__name__ + "_json", view_func=view, methods=["GET"])
        if api:
            bp.add_url_rule(api, endpoint=view.__name__ + "_api", view_func=view, methods=["GET"])
        return view
    return register


def wants_json() -> bool:
    return request.path.endswith(".json") or request.path.startswith("/api/")


def respond(template: str, data: dict[str, Any], status: int = 200):
    """The page's data as JSON for its JSON twin, else rendered with the template."""
    if wants_json():
        return jsonify(data), status
    json_url = request.path if request.path.endswith(".json") else (request.path.rstrip("/") or "/index") + ".json"
    if request.query_string:
        json_url += "?" + request.query_string.decode()
    return render_template(template, data=data, json_url=json_url), status


def _error(exc: HTTPException):
    if wants_json():
        return jsonify({"ok": False, "error": exc.description, "status": exc.code}), exc.code
    return render_template("error.html", error=exc), exc.code


def store() -> Store:
    """The request's store connection (SQLite connections belong to one thread)."""
    if "store" not in g:
        g.store = Store(current_app.extensions["settings"].db_path)
    return g.store


def full_text_index() -> FullTextIndex:
    if "index" not in current_app.extensions:
        current_app.extensions["index"] = FullTextIndex(current_app.extensions["settings"].index_dir)
    return current_app.extensions["index"]


def _close_store(_exc: BaseException | None) -> None:
    db = g.pop("store", None)
    if db is not None:
        db.close()
