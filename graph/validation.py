"""SHACL validation with pySHACL, and a report a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kotacerdas.graph.mapping import Location
from kotacerdas.graph.namespaces import PREFIXES
from kotacerdas.graph.resources import shape_files


def load_shapes() -> Graph:
    shapes = Graph()
    files = shape_files()
    if not files:
        raise RuntimeError("no SHACL shapes found in the kotacerdas.shapes package")
    for file in files:
        shapes.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return shapes


@dataclass(frozen=True)
class Problem:
    severity: str  # Violation, Warning or Info
    focus: Node
    path: Node | None
    message: str
    value: Node | None
    shape: Node | None
    locations: tuple[Location, ...] = ()


@dataclass
class Report:
    conforms: bool
    graph: Graph  # the SHACL validation report as RDF
    problems: list[Problem] = field(default_factory=list)

    @property
    def violations(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "Violation"]

    def text(self) -> str:
        if not self.problems:
            return "Conforms: every shape holds."
        names = Graph()
        for prefix, namespace in PREFIXES.items():
            names.bind(prefix, namespace)

        def short(node: Node | None) -> str:
            if node is None:
                return "-"
            if isinstance(node, URIRef):
                return node.n3(names.namespace_manager)
            return node.n3()

        lines = []
        for p in sorted(self.problems, key=lambda p: (str(p.locations[:1]), str(p.focus))):
            where = ", ".join(str(loc) for loc in p.locations) or "(no source file)"
            value = f" (value: {short(p.value)})" if p.value is not None else ""
            lines.append(f"{p.severity}: {where}\n  entity:   {short(p.focus)}\n"
                         f"  property: {short(p.path)}\n  problem:  {p.message}{value}")
        count = len(self.violations)
        lines.append(f"{count} violation(s), {len(self.problems) - count} other result(s).")
        return "\n".join(lines)


def validate(data: Graph, shapes: Graph,
             locations: dict[URIRef, list[Location]] | None = None) -> Report:
    """Validate `data` (which includes the ontology, so subclasses count) against `shapes`."""
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    assert isinstance(results, Graph)
    report = Report(conforms=bool(conforms), graph=results)
    locations = locations or {}
    # Only the report's own results: nested ones (sh:detail) restate a failed sh:node check.
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        report.problems.append(Problem(
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            focus=focus,
            path=results.value(result, SH.resultPath),
            message=str(message) if message else "constraint not met",
            value=results.value(result, SH.value),
            shape=results.value(result, SH.sourceShape),
            locations=tuple(locations.get(focus, ())) if isinstance(focus, URIRef) else (),
        ))
    return report
