"""Innovation categories: the scheme, the reviewers' links and the suggester's proposals.

Three named graphs: graph/categories (the SKOS scheme of graph/categories.ttl),
graph/curation (curated links: `kc:category` on the innovation, and a kc:CategoryAssignment
naming the reviewer and the date) and graph/suggestions (kc:CategorySuggestion nodes with a
score, for innovations no reviewer has categorised; never `kc:category`).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef

from kotacerdas.graph.iris import Iris
from kotacerdas.graph.namespaces import CATEGORY, DCTERMS, KC, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kotacerdas.graph.suggest import (
    CATEGORIES_PATH,
    CURATION_PATH,
    Suggester,
    load_categories,
    load_curation,
    stemmer_name,
)


class CategoryError(ValueError):
    """The curation file names an innovation or a category that does not exist."""


def add_categories(dataset: Dataset, union: Graph, iris: Iris,
                   curation_path: Path | None = None) -> None:
    scheme = dataset.graph(iris.graph("categories"))
    scheme.parse(data=Path(str(CATEGORIES_PATH)).read_text(encoding="utf-8"), format="turtle")
    known = {str(c) for c in scheme.subjects(RDF.type, KC.InnovationCategory)}
    innovations = {s for kind in (KC.Innovation, KC.QuickWin)
                   for s in union.subjects(RDF.type, kind)}

    path = Path(str(curation_path or CURATION_PATH))
    curation = load_curation(path)
    curated = dataset.graph(iris.graph("curation"))
    categorised: set[URIRef] = set()
    for assignment in curation.assignments:
        innovation = iris.innovation(assignment.innovation)
        if innovation not in innovations:
            raise CategoryError(f"{path}: no innovation {assignment.innovation!r} in the sources")
        for slug in assignment.categories:
            category = CATEGORY[slug]
            if str(category) not in known:
                raise CategoryError(f"{path}: {assignment.innovation}: unknown category {slug!r}")
            node = URIRef(f"{iris.base}category-assignment/{assignment.innovation}/{slug}")
            curated.add((innovation, KC.category, category))
            curated.add((node, RDF.type, KC.CategoryAssignment))
            curated.add((node, KC.innovation, innovation))
            curated.add((node, KC.category, category))
            add_labels(curated, node, union, scheme, innovation, category,
                       ("Kategori hasil kurasi", "Curated category"))
            curated.add((node, DCTERMS.creator, Literal(curation.reviewer)))
            curated.add((node, DCTERMS.date, Literal(curation.reviewed_on.isoformat(),
                                                     datatype=XSD.date)))
            if assignment.note:
                curated.add((node, SKOS.note, Literal(assignment.note.en, lang="en")))
                if assignment.note.id:
                    curated.add((node, SKOS.note, Literal(assignment.note.id, lang="id")))
        categorised.add(innovation)

    uncategorised = sorted(innovations - categorised)
    if not uncategorised:
        return
    suggester = Suggester(load_categories(CATEGORIES_PATH))
    suggestions = dataset.graph(iris.graph("suggestions"))
    activity = URIRef(f"{iris.graph('suggestions')}#suggester")
    suggestions.add((activity, RDF.type, PROV.Activity))
    suggestions.add((activity, RDFS.label, Literal(
        f"kotacerdas category suggester ({stemmer_name()})", lang="en")))
    for innovation in uncategorised:
        name = _text(union, innovation, RDFS.label)
        found = suggester.suggest(name, _text(union, innovation, KC.expansion),
                                  _text(union, innovation, SCHEMA.description))
        for suggestion in found:
            node = URIRef(f"{innovation}".replace(iris.base + "innovation/",
                                                  iris.base + "category-suggestion/")
                          + f"/{suggestion.slug}")
            suggestions.add((node, RDF.type, KC.CategorySuggestion))
            suggestions.add((node, KC.innovation, innovation))
            suggestions.add((node, KC.category, CATEGORY[suggestion.slug]))
            add_labels(suggestions, node, union, scheme, innovation, CATEGORY[suggestion.slug],
                       ("Usulan kategori", "Suggested category"))
            suggestions.add((node, KC.score, Literal(f"{suggestion.score:.4f}",
                                                     datatype=XSD.decimal)))
            suggestions.add((node, PROV.wasGeneratedBy, activity))


def add_labels(graph: Graph, node: URIRef, union: Graph, scheme: Graph, innovation: URIRef,
               category: URIRef, kinds: tuple[str, str]) -> None:
    """'Usulan kategori: Bank Sampah (Kabupaten Langkat) → Bank sampah', and in English."""
    for lang, kind in zip(("id", "en"), kinds, strict=True):
        name = _text(union, innovation, RDFS.label, lang)
        region = _text(union, union.value(innovation, KC.region), RDFS.label, lang)
        where = f" ({region})" if region else ""
        concept = _text(scheme, category, SKOS.prefLabel, lang)
        graph.add((node, RDFS.label, Literal(f"{kind}: {name}{where} → {concept}", lang=lang)))


def _text(graph: Graph, node: URIRef | None, predicate: URIRef, lang: str = "id"
          ) -> str | None:
    """The value in `lang`, else the Indonesian one, else any."""
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    for wanted in (lang, "id"):
        for value in values:
            if value.language == wanted:
                return str(value)
    return str(values[0]) if values else None
