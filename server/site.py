"""Home, health and the dump files."""

from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, render_template, send_file

from kotacerdas.graph import __version__
from kotacerdas.server.state import state
from kotacerdas.server.web import error_response, wants_html

blueprint = Blueprint("site", __name__)
DUMP_TYPES = {
    ".nq": "application/n-quads", ".trig": "application/trig", ".nt": "application/n-triples",
    ".ttl": "text/turtle", ".jsonld": "application/ld+json", ".json": "application/json",
}


@blueprint.route("/")
def home() -> Response:
    from kotacerdas.graph.queries import canned_queries
    from kotacerdas.server.pages.lists import KINDS, dataset_counts

    current = state()
    response = Response(render_template("home.html", files=_dump_files(),
                                        version=__version__,
                                        dataset_version=current.store.dataset_version,
                                        triples=current.store.triple_count(),
                                        counts=dataset_counts(), kinds=KINDS,
                                        queries=canned_queries()),
                        content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept, Cookie"
    return response


@blueprint.route("/health")
def health() -> Response:
    current = state()
    return jsonify({"status": "ok", "version": __version__,
                    "dataset_version": current.store.dataset_version,
                    "triples": current.store.triple_count(),
                    "graphs": len(current.store.graph_names()),
                    "workers": current.store.workers()})


@blueprint.route("/dumps/")
def dumps() -> Response:
    manifest = json.loads((state().dumps / "manifest.json").read_text(encoding="utf-8"))
    if not wants_html():
        return jsonify(manifest)
    return Response(render_template("dumps.html", manifest=manifest, files=_dump_files()),
                    content_type="text/html; charset=utf-8")


@blueprint.route("/dumps/<name>")
def dump(name: str) -> Response:
    if name not in _dump_files():  # only files the build vouches for: no path tricks
        return error_response(404, f"No dump named {name}.", "not-found")
    suffix = "." + name.rsplit(".", 1)[-1]
    return send_file(state().dumps / name, mimetype=DUMP_TYPES.get(suffix, "text/plain"),
                     conditional=True, etag=True)


def _dump_files() -> list[str]:
    manifest = json.loads((state().dumps / "manifest.json").read_text(encoding="utf-8"))
    return sorted([*manifest["files"], "manifest.json"])
