"""The SPARQL endpoint and linked-data browser: a Flask app over one `TripleStore`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from flask import Flask

from kotacerdas.graph.iris import DEFAULT_BASE
from kotacerdas.server.store import OxigraphStore, TripleStore

DEFAULTS: dict[str, Any] = {
    "DUMPS": "dumps",  # folder written by `kotacerdas build`
    "BASE": DEFAULT_BASE,  # the namespace whose IRIs this server answers for
    "WORKERS": 2,  # query executor processes
    "QUERY_TIMEOUT": 30.0,  # seconds, parsing included
    "MAX_QUERY_BYTES": 100_000,
    "MAX_ROWS": 10_000,
}


def create_app(config: dict[str, Any] | None = None, store: TripleStore | None = None) -> Flask:
    """Defaults, then KOTACERDAS_* environment variables, then `config`; loads the store once."""
    from kotacerdas.server import browse, graphstore, pages, search, site, sparql, web
    from kotacerdas.server.state import ServerState

    # An explicit instance path: Flask cannot find one for a package of a namespace package
    # installed in editable mode (`pip install -e`), and the app keeps nothing there.
    app = Flask(__name__, instance_path=str(Path(__file__).resolve().parent / "instance"))
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("KOTACERDAS")
    app.config.update(config or {})
    # Every file the server reads is found from here. Resolved once, against the working
    # directory: Flask's send_file would resolve a relative path against the package instead.
    dumps = Path(app.config["DUMPS"]).resolve()
    app.config["DUMPS"] = str(dumps)
    if "BASE" not in (config or {}) and "KOTACERDAS_BASE" not in os.environ:
        manifest = json.loads((dumps / "manifest.json").read_text(encoding="utf-8"))
        app.config["BASE"] = manifest.get("base", DEFAULT_BASE)
    store = store or OxigraphStore(dumps, workers=int(app.config["WORKERS"]))
    app.config["DATASET_VERSION"] = store.dataset_version
    app.extensions["kotacerdas"] = ServerState.load(store, dumps)
    web.register(app)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(graphstore.blueprint)
    app.register_blueprint(site.blueprint)
    app.register_blueprint(search.blueprint)
    pages.register(app)
    app.register_blueprint(pages.lists.blueprint)  # imported by pages.register
    app.register_blueprint(pages.validation.blueprint)  # imported by pages.register
    app.register_blueprint(pages.recurring.blueprint)  # imported by pages.register
    app.register_blueprint(browse.blueprint)  # last: it answers every other path
    if app.config.get("WARM", True):
        pages.recurring.warm(app)
    return app
