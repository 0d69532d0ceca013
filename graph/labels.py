"""Labels for nodes that sources do not name (participations, masterplans, post holdings,
partnerships), made from the labels of what they link to once every source is loaded."""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef

from kotacerdas.graph.namespaces import KC, ORG, RDF, RDFS


def _label(union: Graph, node: URIRef | None, lang: str) -> str:
    if node is None:
        return "?"
    labels = {label.language: str(label) for label in union.objects(node, RDFS.label)
              if isinstance(label, Literal)}
    return labels.get(lang) or labels.get("id") or str(node)


def derive_labels(dataset: Dataset, union: Graph) -> None:
    # One pass over the typed nodes of every graph: asking the store graph by graph filters
    # all of its typed triples each time, which is quadratic in the number of articles.
    typed: dict[URIRef, set[URIRef]] = {}
    for node, _, _, graph_iri in dataset.quads((None, RDF.type, None, None)):
        typed.setdefault(graph_iri, set()).add(node)
    for graph_iri, nodes in typed.items():
        graph = dataset.graph(graph_iri)
        for node in nodes:
            if any(True for _ in union.objects(node, RDFS.label)):
                continue
            for lang in ("id", "en"):
                text = _derived(union, node, lang)
                if text:
                    graph.add((node, RDFS.label, Literal(text, lang=lang)))


def _derived(union: Graph, node: URIRef, lang: str) -> str | None:
    types = set(union.objects(node, RDF.type))

    def name(prop: URIRef) -> str:
        return _label(union, union.value(node, prop), lang)

    if KC.Participation in types:
        pattern = "{} dalam {}" if lang == "id" else "{} in the {}"
        return pattern.format(name(KC.region), name(KC.programme))
    if KC.Masterplan in types:
        pattern = "Masterplan Smart City {}" if lang == "id" else "Smart city masterplan of {}"
        return pattern.format(name(KC.region))
    if KC.PostHolding in types:
        pattern = "{} sebagai {}" if lang == "id" else "{} as {}"
        return pattern.format(name(ORG.member), name(KC.post))
    if KC.Partnership in types:
        role = union.value(node, KC.partnerRole)
        year = union.value(node, KC.year)
        return "{} ({}), {} {}".format(name(KC.partner), role or "mitra", name(KC.programme), year)
    return None
