"""The Flask application: create_app() builds it on one data directory."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, g

from delibsearch.config import Settings
from delibsearch.index import FullTextIndex
from delibsearch.store import Store


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DATA_DIR="data", JSON_AS_ASCII=False)
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False
    app.extensions["settings"] = Settings(Path(app.config["DATA_DIR"]))

    from delibsearch.web import pages

    app.register_blueprint(pages.bp)
    app.teardown_appcontext(_close_store)
    return app


def store() -> Store:
    """The request's store connection (SQLite connections are per thread)."""
    if "store" not in g:
        from flask import current_app

        g.store = Store(current_app.extensions["settings"].db_path)
    return g.store


def full_text_index() -> FullTextIndex:
    from flask import current_app

    settings = current_app.extensions["settings"]
    if "index" not in current_app.extensions:
        current_app.extensions["index"] = FullTextIndex(settings.index_dir)
    return current_app.extensions["index"]


def _close_store(_exc: BaseException | None) -> None:
    db = g.pop("store", None)
    if db is not None:
        db.close()
