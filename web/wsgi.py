"""WSGI entry point for any WSGI server: `waitress-serve --call web.wsgi:application` or gunicorn.

The data directory comes from DELIBSEARCH_DATA (default ./data).
"""
from delibsearch.config import resolve_settings
from delibsearch.web import create_app

application = create_app({"DATA_DIR": str(resolve_settings().data_dir)})
