"""/validation: the SHACL validation report of the build being served.

The one page that does not read the store: the report is a build artefact beside the dumps
(validation-report.ttl), so it is parsed with rdflib. HTML for browsers; the report itself as
Turtle, N-Triples, JSON-LD or RDF/XML by Accept, by ?format= or by a suffix
(/validation.ttl).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, request, url_for
from rdflib import RDF, SH, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from kotacerdas.graph.namespaces import PREFIXES
from kotacerdas.server import negotiation
from kotacerdas.server.i18n import current_language, pick
from kotacerdas.server.media import DOCUMENT_SUFFIXES, RDFLIB_FORMATS
from kotacerdas.server.state import state
from kotacerdas.server.web import (
    PageNumberError,
    cache_headers,
    error_response,
    etag_for,
    not_modified,
    page_number,
)

blueprint = Blueprint("validation", __name__)
REPORT = "validation-report.ttl"
SHAPES = "https://w3id.org/kotacerdas/shapes#"
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
PAGE_SIZE = 100  # results a page shows, unless the app's VALIDATION_PAGE_SIZE says otherwise
_cache: dict[tuple[str, int, int], Graph] = {}
_lock = threading.Lock()


@dataclass
class Result:
    severity: str
    focus: Node | None
    path: str | None
    messages: list[RDFLiteral] = field(default_factory=list)
    value: Node | None = None
    shape: Node | None = None
    component: str | None = None

    @property
    def message(self) -> RDFLiteral | None:
        """The message in the interface language, else any."""
        language = current_language()
        for wanted in (language, None, "en", "id"):
            for message in self.messages:
                if message.language == wanted:
                    return message
        return self.messages[0] if self.messages else None


def _report_graph(path: Path) -> Graph:
    """The parsed report, kept until the file changes."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _lock:
        graph = _cache.get(key)
        if graph is None:
            graph = Graph().parse(path, format="turtle")
            for prefix, namespace in PREFIXES.items():
                graph.bind(prefix, namespace)
            graph.bind("kcsh", SHAPES)
            _cache.clear()
            _cache[key] = graph
        return graph


def _short(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        base = current_app.config["BASE"]
        if node.startswith(base) and "#" not in node[len(base):]:
            return str(node)[len(base):]  # our own resources by their path
        return node.n3(graph.namespace_manager)
    if isinstance(node, RDFLiteral):
        return str(node)
    path = _path_text(graph, node)  # a blank node: a SHACL property path
    return path or node.n3()


def _path_text(graph: Graph, node: Node) -> str:
    """A SHACL path (sequence, alternative, inverse, zero-or-more ...) in SPARQL syntax."""
    if isinstance(node, URIRef):
        return node.n3(graph.namespace_manager)
    if (node, RDF.first, None) in graph:
        return "/".join(_path_text(graph, item) for item in graph.items(node))
    for predicate, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "({})*"),
                                (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
        inner = graph.value(node, predicate)
        if inner is not None:
            return template.format(_path_text(graph, inner))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path_text(graph, i) for i in graph.items(alternatives)) + ")"
    return ""


def _results(graph: Graph) -> list[Result]:
    found = []
    for result in graph.objects(None, SH.result):  # only top-level results, not sh:detail
        severity = graph.value(result, SH.resultSeverity)
        component = graph.value(result, SH.sourceConstraintComponent)
        found.append(Result(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=graph.value(result, SH.focusNode),
            path=_short(graph, graph.value(result, SH.resultPath)) or None,
            messages=[m for m in graph.objects(result, SH.resultMessage)
                      if isinstance(m, RDFLiteral)],
            value=graph.value(result, SH.value),
            shape=graph.value(result, SH.sourceShape),
            component=_short(graph, component) if component is not None else None))
    return sorted(found, key=lambda r: (SEVERITY_ORDER.get(r.severity, 3), str(r.focus),
                                        r.path or ""))


@blueprint.route("/validation", methods=["GET", "HEAD"])
@blueprint.route("/validation.<suffix>", methods=["GET", "HEAD"])
def report(suffix: str | None = None) -> Response:
    if suffix is not None and suffix not in DOCUMENT_SUFFIXES:
        return error_response(404, f"No validation report as .{suffix}.", "not-found")
    media_type = DOCUMENT_SUFFIXES.get(suffix or "")
    if media_type is None:
        choice = negotiation.choose("DESCRIBE", request.headers.get("Accept"),
                                    request.args.get("format"))
        if not choice.acceptable:
            return error_response(406, choice.reason, "not-acceptable")
        media_type = str(choice.media_type)
    current = state()
    path = current.dumps / REPORT
    if not path.is_file():
        return error_response(404, pick({
            "id": "Build ini tidak memuat laporan validasi.",
            "en": "This build has no validation report."}), "not-found")
    stat = path.stat()
    etag = etag_for(current.store.dataset_version, media_type, "validation",
                    str(stat.st_mtime_ns), current_language(), request.args.get("page", "1"))
    if not_modified(etag, stat.st_mtime):
        return cache_headers(Response(status=304), etag, stat.st_mtime)
    graph = _report_graph(path)
    if media_type == "text/html":
        reports = list(graph.subjects(RDF.type, SH.ValidationReport))
        conforms_values = [graph.value(r, SH.conforms) for r in reports]
        conforms = bool(reports) and all(
            isinstance(v, RDFLiteral) and v.toPython() is True for v in conforms_values)
        results = _results(graph)
        counts = {severity: sum(1 for r in results if r.severity == severity)
                  for severity in SEVERITY_ORDER}
        size = int(current_app.config.get("VALIDATION_PAGE_SIZE", PAGE_SIZE))
        try:  # a page of the results; the report itself is the whole list
            page, pages = page_number(len(results), size, "results")
        except PageNumberError as error:
            return error_response(400, str(error), "bad-request")
        alternates = [(mt, url_for("validation.report", suffix=s))
                      for s, mt in DOCUMENT_SUFFIXES.items() if mt != "text/html"]
        body = render_template("validation.html", title=pick(
            {"id": "Laporan validasi SHACL", "en": "SHACL validation report"}),
            conforms=conforms, has_report=bool(reports),
            results=results[(page - 1) * size:page * size], total=len(results),
            first=(page - 1) * size + 1, page=page, pages=pages,
            page_url=lambda n: url_for("validation.report", page=n), counts=counts,
            short=lambda node: _short(graph, node), alternates=alternates,
            report_file=REPORT, dataset_version=current.store.dataset_version)
        response = Response(body, content_type="text/html; charset=utf-8")
    else:
        data = graph.serialize(format=RDFLIB_FORMATS[media_type])
        response = Response(data, content_type=negotiation.content_type(media_type))
    response.headers["Vary"] = "Accept, Cookie"
    response.headers["Link"] = ", ".join(
        f'<{url_for("validation.report", suffix=s)}>; rel="alternate"; type="{mt}"'
        for s, mt in DOCUMENT_SUFFIXES.items() if mt != media_type)
    return cache_headers(response, etag, stat.st_mtime)
