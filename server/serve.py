"""Serve the app with Waitress, a production WSGI server.

Waitress reads each request completely on its I/O thread before a worker thread sees it, so
clients that send slowly hold a socket, not a worker; queries run in separate executor
processes (see store.py).
"""

from __future__ import annotations

import logging
from typing import Any

from waitress import serve as waitress_serve

from kotacerdas.server import create_app


def serve(host: str, port: int, threads: int, config: dict[str, Any]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(config)
    logging.getLogger("kotacerdas").info(
        "serving dataset %s on http://%s:%d/ (SPARQL at /sparql)",
        app.config["DATASET_VERSION"], host, port)
    waitress_serve(
        app, host=host, port=port, threads=threads, ident="kotacerdas",
        # Bodies above the query cap are refused before the app reads them.
        max_request_body_size=int(config.get("MAX_QUERY_BYTES", 100_000)) * 4,
        channel_timeout=30,  # a connection idle (or trickling) this long is closed
        connection_limit=256,
        cleanup_interval=10,
        clear_untrusted_proxy_headers=True,
    )
