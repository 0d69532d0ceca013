"""Write the dumps: deterministic bytes, written to a temporary folder and moved in at the end.

N-Quads and N-Triples are rdflib's lines, sorted (the graph is held in rdflib, and converting
it to pyoxigraph's terms costs more than rdflib's writer). Turtle and TriG of the data are
written by pyoxigraph from those sorted lines: 50 and 40 times faster than rdflib's writers on
the seed graph, and the same bytes on every build. The small files (ontology, shapes, report,
VoID) stay in rdflib's long Turtle, which nests their blank nodes.

Files (in the output folder):
  kotacerdas.nq      N-Quads, one named graph per source article, gazetteer, reference, ontology
  kotacerdas.trig    the same as TriG
  kotacerdas.nt      N-Triples of the union
  kotacerdas.ttl     Turtle of the union
  kotacerdas.jsonld  JSON-LD of the union, compacted with context.jsonld
  context.jsonld     the published JSON-LD @context
  ontology.ttl       the ontology and its vocabularies
  shapes.ttl         the SHACL shapes
  validation-report.ttl  pySHACL's report on this build
  void.ttl           VoID and DCAT description of the dataset and its dumps
  manifest.json      sizes and SHA-256 of every file, and the dataset version
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from kotacerdas.graph.build import Assembled, bind_prefixes
from kotacerdas.graph.namespaces import KC, OWL, PREFIXES, RDF, RDFS, XSD
from kotacerdas.graph.validation import load_shapes
from kotacerdas.graph.void import describe

DUMP_NQ = "kotacerdas.nq"
# The data dumps by format. N-Quads is always written: the dataset version is its hash.
DUMP_FORMATS = {"nq": DUMP_NQ, "trig": "kotacerdas.trig", "nt": "kotacerdas.nt",
                "ttl": "kotacerdas.ttl", "jsonld": "kotacerdas.jsonld"}


def sorted_lines(text: str) -> str:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def n_triples(graph: Graph) -> str:
    return sorted_lines(graph.serialize(format="nt", encoding="utf-8").decode("utf-8"))


def n_quads(assembled: Assembled) -> str:
    lines = []
    for graph in assembled.dataset.graphs():
        if len(graph) == 0:
            continue
        suffix = f" <{graph.identifier}> ."
        for line in n_triples(graph).splitlines():
            lines.append(line.removesuffix(" .") + suffix)
    return sorted_lines("\n".join(lines))


def long_turtle(graph: Graph) -> str:
    bind_prefixes(graph)
    return graph.serialize(format="longturtle")


def turtle(ntriples: str) -> str:
    """Turtle of the N-Triples `ntriples`, in their order."""
    triples = list(ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return _sorted_prefixes(ox.serialize(triples, format=ox.RdfFormat.TURTLE,
                                         prefixes=PREFIXES))


def trig(nquads: str) -> str:
    """TriG of the N-Quads `nquads`: a block per graph, by graph name, the quads of each in
    their order."""
    quads = sorted(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS),
                   key=lambda quad: quad.graph_name.value)  # stable: keeps the line order
    return _sorted_prefixes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))


def _sorted_prefixes(written: bytes | None) -> str:
    """The prefix lines in one order, whatever order the writer keeps its map in."""
    lines = (written or b"").decode("utf-8").split("\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith("@prefix ")),
                 len(lines))
    return "\n".join(sorted(lines[:count]) + lines[count:])


def json_ld_context(ontology: Graph) -> dict:
    """Prefixes, and a term for each ontology property with its value type."""
    context: dict[str, object] = dict(sorted(PREFIXES.items()))
    for prop in sorted(set(ontology.subjects(RDF.type, OWL.ObjectProperty))
                       | set(ontology.subjects(RDF.type, OWL.DatatypeProperty))):
        if not str(prop).startswith(str(KC._NS)):
            continue
        term = str(prop)[len(str(KC._NS)):]
        if term in PREFIXES:  # a term may not shadow a prefix (kc:stage vs stage:)
            continue
        value_range = ontology.value(prop, RDFS.range)
        definition: dict[str, str] = {"@id": f"kc:{term}"}
        if (prop, RDF.type, OWL.ObjectProperty) in ontology:
            definition["@type"] = "@id"
        elif (isinstance(value_range, URIRef) and str(value_range).startswith(str(XSD))
              and value_range != XSD.string):
            definition["@type"] = f"xsd:{str(value_range)[len(str(XSD)):]}"
        context[term] = definition
    return {"@context": context}


def _canonical(value: object) -> object:
    """Sort JSON-LD arrays (their order carries no meaning here) so output is stable."""
    if isinstance(value, dict):
        return {key: item if key == "@list" else _canonical(item)  # list order is meaning
                for key, item in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True,
                                                         ensure_ascii=False))
    return value


def json_ld(union: Graph, context: dict) -> str:
    raw = union.serialize(format="json-ld", context=context["@context"], auto_compact=True)
    document = json.loads(raw)
    document["@context"] = context["@context"]
    graph = document.get("@graph", [])
    document["@graph"] = _canonical(graph)
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def dataset_version(nquads: str) -> str:
    return hashlib.sha256(nquads.encode("utf-8")).hexdigest()[:16]


def publish(assembled: Assembled, out_dir: Path,
            formats: Collection[str] | None = None) -> dict[str, dict[str, object]]:
    """Write every dump to a temporary folder, then move each into `out_dir`.

    Nothing in `out_dir` changes until every file has been written. `formats` (keys of
    DUMP_FORMATS) limits the data dumps to those, N-Quads always included; by default all
    are written. The other files (ontology, shapes, report, VoID, manifest) always are.
    """
    wanted = set(DUMP_FORMATS) if formats is None else {"nq", *formats}
    if unknown := sorted(wanted - set(DUMP_FORMATS)):
        raise ValueError(f"unknown dump formats: {', '.join(unknown)}")
    skipped = {DUMP_FORMATS[f] for f in DUMP_FORMATS if f not in wanted}
    out_dir.mkdir(parents=True, exist_ok=True)
    union = assembled.union()
    ontology = assembled.dataset.graph(assembled.iris.graph("ontology"))
    context = json_ld_context(ontology)
    nquads = n_quads(assembled)
    ntriples = n_triples(union) if wanted & {"nt", "ttl"} else ""
    report = assembled.report.graph if assembled.report else Graph()

    writers: dict[str, Callable[[], str]] = {
        DUMP_NQ: lambda: nquads,
        "kotacerdas.trig": lambda: trig(nquads),
        "kotacerdas.nt": lambda: ntriples,
        "kotacerdas.ttl": lambda: turtle(ntriples),
        "kotacerdas.jsonld": lambda: json_ld(union, context),
        "context.jsonld": lambda: json.dumps(context, indent=1) + "\n",
        "ontology.ttl": lambda: long_turtle(_copy(ontology)),
        "shapes.ttl": lambda: long_turtle(load_shapes()),
        "validation-report.ttl": lambda: long_turtle(_skolemised(report)),
    }
    writers = {name: write for name, write in writers.items() if name not in skipped}
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        files: dict[str, dict[str, object]] = {}
        for name, write in writers.items():
            data = write().encode("utf-8")
            (staging / name).write_bytes(data)
            files[name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        version = dataset_version(nquads)
        void = describe(assembled, union, files, version)
        void_bytes = long_turtle(void).encode("utf-8")
        (staging / "void.ttl").write_bytes(void_bytes)
        files["void.ttl"] = {"bytes": len(void_bytes),
                             "sha256": hashlib.sha256(void_bytes).hexdigest()}
        manifest = {"dataset_version": version, "base": assembled.iris.base,
                    "triples": len(union), "files": dict(sorted(files.items()))}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n",
                                               encoding="utf-8")
        for name in [*files, "manifest.json"]:  # manifest last: it vouches for the rest
            (staging / name).replace(out_dir / name)
        for name in skipped:  # a dump of an earlier build would not match this one
            (out_dir / name).unlink(missing_ok=True)
        return files
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def _skolemised(graph: Graph) -> Graph:
    """pySHACL's report uses blank nodes; give them stable IRIs so the file is deterministic."""
    names: dict[BNode, URIRef] = {}

    def stable(node: object) -> object:
        if not isinstance(node, BNode):
            return node
        if node not in names:
            described = sorted(f"{p} {o}" for p, o in graph.predicate_objects(node)
                               if not isinstance(o, BNode))
            digest = hashlib.sha256("\n".join(described).encode()).hexdigest()[:16]
            names[node] = URIRef(f"urn:kotacerdas:validation:{digest}")
        return names[node]

    copy = Graph()
    for s, p, o in graph:
        copy.add((stable(s), p, stable(o)))
    return copy
