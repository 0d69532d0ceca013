"""Build the graph: load ontology, gazetteer and sources, check references, validate.

`assemble` does everything in memory; `kotacerdas.graph.dumps.publish` writes the files, so a
failed build never touches the previous dumps.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef

from kotacerdas.graph.categories import CategoryError, add_categories
from kotacerdas.graph.gazetteer import gazetteer_graph
from kotacerdas.graph.iris import Iris
from kotacerdas.graph.labels import derive_labels
from kotacerdas.graph.mapping import Location, Mapped, map_source
from kotacerdas.graph.namespaces import PREFIXES, RDF
from kotacerdas.graph.resources import graph_data, ontology_files
from kotacerdas.graph.sources import LoadedSource, SourceError, load_source
from kotacerdas.graph.supertypes import materialise_supertypes, superclass_closure
from kotacerdas.graph.validation import Report, load_shapes, validate


class BuildError(Exception):
    """The sources cannot make a valid graph; the message says where and why."""


@dataclass
class Assembled:
    iris: Iris
    dataset: Dataset
    sources: list[LoadedSource]
    locations: dict[URIRef, list[Location]] = field(default_factory=dict)
    report: Report | None = None

    def union(self) -> Graph:
        union = Graph()
        bind_prefixes(union)
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union

    def article_graphs(self) -> list[URIRef]:
        prefix = str(self.iris.graph("article")) + "/"
        return sorted(g.identifier for g in self.dataset.graphs()
                      if str(g.identifier).startswith(prefix))


def bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


def default_sources_dir() -> Path:
    return Path(str(graph_data("sources")))


def display_path(path: Path) -> str:
    """Paths in messages: relative to the working directory when below it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def source_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise BuildError(f"{directory}: no such sources folder")
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise BuildError(f"{directory}: no source files (*.yaml)")
    return files


def load_all(paths: list[Path]) -> list[LoadedSource]:
    loaded = []
    for path in paths:
        try:
            source = load_source(path)
        except SourceError as error:
            raise BuildError(str(SourceError(display_path(path), error.line,
                                             error.message))) from error
        source.path = Path(display_path(path))
        loaded.append(source)
    return loaded


def load_reference() -> list[LoadedSource]:
    """graph/reference: the official names of national bodies, partners and the programme."""
    return load_all(sorted(Path(str(graph_data("reference"))).glob("*.yaml")))


def assemble(sources_dir: Path | None = None, iris: Iris | None = None,
             run_validation: bool = True, extra_sources: Iterable[LoadedSource] = (),
             include_real_sources: bool = True,
             mapper: Callable[[Iris, LoadedSource, URIRef], Mapped] = map_source) -> Assembled:
    """Build the graph in memory from the ontology, gazetteer, reference data and sources.

    The sources are the files of `sources_dir` (default: the package's graph/sources), unless
    `include_real_sources` is false, followed by `extra_sources`: sources already loaded, such
    as synthetic ones (benchmarks.synth), mapped exactly like files. `mapper` maps a
    source to its named graph (a caller that has already mapped some can hand them back).
    """
    iris = iris or Iris()
    ds = Dataset()
    bind_prefixes(ds)

    ontology = Graph()
    for file in ontology_files():
        ontology.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    target = ds.graph(iris.graph("ontology"))
    for triple in with_stable_blank_nodes(ontology):
        target.add(triple)
    gazetteer = gazetteer_graph(iris, iris.graph("gazetteer"))
    ds.add_graph(gazetteer)

    reference = load_reference()
    articles = (load_all(source_files(sources_dir or default_sources_dir()))
                if include_real_sources else [])
    articles.extend(extra_sources)
    assembled = Assembled(iris=iris, dataset=ds, sources=reference + articles)

    seen_articles: dict[str, Path] = {}
    references: list[tuple[URIRef, Location]] = []
    for source in reference + articles:
        article = source.model.article
        if article is None:
            graph_iri = iris.graph("reference")
        else:
            if article.id in seen_articles:
                raise BuildError(f"{source.path}: article id {article.id!r} is already used by "
                                 f"{seen_articles[article.id]}")
            seen_articles[article.id] = source.path
            graph_iri = iris.graph("article", article.id)
        mapped = mapper(iris, source, graph_iri)
        target = ds.graph(graph_iri)
        for triple in mapped.graph:
            target.add(triple)
        for node, places in mapped.locations.items():
            assembled.locations.setdefault(node, []).extend(places)
        references.extend(mapped.references)

    check_references(ds, references)
    union = assembled.union()
    derive_labels(ds, union)
    try:
        add_categories(ds, union, iris)
    except CategoryError as error:
        raise BuildError(str(error)) from error
    materialise_supertypes(ds, superclass_closure(ontology))
    if run_validation:
        assembled.report = validate(assembled.union(), load_shapes(), assembled.locations)
    return assembled


def with_stable_blank_nodes(graph: Graph) -> Graph:
    """Name each blank node by where it hangs and what it says, so dumps are reproducible.

    The ontology's blank nodes (owl:unionOf class expressions and their lists) form trees: a
    node's name is a hash of its parent's name, the linking property and its own content.
    """
    content: dict[BNode, str] = {}
    names: dict[BNode, BNode] = {}

    def content_of(node: BNode) -> str:
        if node not in content:
            content[node] = "\n".join(sorted(
                f"{p.n3()} {content_of(o) if isinstance(o, BNode) else o.n3()}"
                for p, o in graph.predicate_objects(node)))
        return content[node]

    def name(node: BNode) -> BNode:
        if node not in names:
            parents = sorted(f"{name(s) if isinstance(s, BNode) else s.n3()} {p.n3()}"
                             for s, p in graph.subject_predicates(node))
            key = "\n".join([*parents, content_of(node)])
            names[node] = BNode("b" + hashlib.sha256(key.encode()).hexdigest()[:16])
        return names[node]

    stable = Graph()
    for s, p, o in graph:
        stable.add((name(s) if isinstance(s, BNode) else s, p,
                    name(o) if isinstance(o, BNode) else o))
    return stable


def check_references(ds: Dataset, references: list[tuple[URIRef, Location]]) -> None:
    """Every entity a source points at must be declared somewhere (typed), or it is a typo."""
    typed = {s for s, _, _, _ in ds.quads((None, RDF.type, None, None))}
    missing = sorted({(str(loc), str(iri)) for iri, loc in references if iri not in typed})
    if missing:
        lines = [f"{where}: unknown entity {iri} (declare it with a type and label, "
                 "or fix the id)" for where, iri in missing]
        raise BuildError("\n".join(lines))
