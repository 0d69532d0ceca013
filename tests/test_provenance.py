"""What the graph states and what it only infers, the names of posts and units, what each
article mentions, the types every instance carries, and the reasons in both languages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef

from kotacerdas.graph.build import Assembled
from kotacerdas.graph.namespaces import (
    DCTERMS,
    KC,
    ORG,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    XSD,
)
from kotacerdas.graph.supertypes import superclass_closure

BASE = "https://w3id.org/kotacerdas/"
Ask = Callable[[str], bool]
Select = Callable[[str], list]


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


def inferred(union: Graph, s: URIRef, p: URIRef, o: object) -> bool:
    return any(True for st in union.subjects(RDF.subject, s)
               if (st, RDF.predicate, p) in union and (st, RDF.object, o) in union
               and (st, RDF.type, KC.InferredStatement) in union)


def labels(union: Graph, node: URIRef, lang: str = "id") -> set[str]:
    return {str(o) for p in (RDFS.label, SKOS.altLabel) for o in union.objects(node, p)
            if isinstance(o, Literal) and o.language == lang}


# ---------------------------------------------------------------- 1. spellings with commas

def test_a_spelling_with_commas_stays_one_spelling(union: Graph) -> None:
    sujarno = labels(union, iri("person/sujarno"))
    assert "H. Sujarno, S.Sos, M.Si" in sujarno
    assert not sujarno & {"S.Sos", "M.Si", "S.Sos.", "SE", "Drs.", "H."}


def test_no_name_anywhere_is_only_a_title(union: Graph) -> None:
    from kotacerdas.graph.sources import is_title

    spellings = [o for o in union.objects(None, SKOS.altLabel) if isinstance(o, Literal)]
    assert spellings
    assert [str(o) for o in spellings if is_title(str(o))] == []


# ---------------------------------------------------------------- 2. posts are not units

def test_post_titles_are_spellings_of_posts(union: Graph) -> None:
    ditjen = labels(union, iri("org/ditjen-aptika"))
    assert "Direktorat Jenderal Aplikasi Informatika" in ditjen
    assert not [name for name in ditjen if name.startswith("Direktur")]
    directorate = iri("org/direktorat-layanan-aplikasi-informatika")
    assert labels(union, directorate) == {"Direktorat Layanan Aplikasi Informatika Pemerintahan",
                                          "Direktorat LAIP"}
    assert union.value(directorate, DCTERMS.source) is not None
    dirjen = iri("post/ditjen-aptika/direktur-jenderal")
    assert {"Direktur Jenderal Aplikasi Informatika", "Direktur Jenderal Aptika"} <= labels(
        union, dirjen)
    assert (dirjen, ORG.postIn, iri("org/ditjen-aptika")) in union
    direktur = iri("post/direktorat-layanan-aplikasi-informatika/direktur")
    assert "Direktur Layanan Aplikasi Informatika" in labels(union, direktur)


def test_no_organisation_is_named_by_a_post_title(select: Select) -> None:
    rows = select("""SELECT ?org ?name WHERE {
      ?org a org:Organization ; rdfs:label|skos:altLabel ?name .
      FILTER (REGEX(?name, "^(Direktur|Kepala|Kadis|Bupati|Wakil Bupati|Menteri|Sekda) ")) }""")
    assert rows == []


# ---------------------------------------------------------------- 3. stated or inferred

def test_evaluators_are_appointed_by_kominfo_not_its_staff(union: Graph,
                                                           select: Select) -> None:
    deddy, kominfo = iri("person/deddy-agus-susanto"), iri("org/kominfo")
    # His role in the event, and who appointed him: stated.
    assert (iri("event/2024/evaluasi-tahap-i/12.05"), KC.evaluator, deddy) in union
    holding = iri("holding/deddy-agus-susanto/kota-cerdas/evaluator")
    assert (holding, KC.appointedBy, kominfo) in union
    assert not inferred(union, holding, KC.appointedBy, kominfo)
    # The post he holds is in no organisation, so not in Kominfo, not even as an inference.
    post = union.value(holding, KC.post)
    assert post == iri("post/kota-cerdas/evaluator")
    assert (post, ORG.role, URIRef(BASE + "role/evaluator")) in union
    assert list(union.objects(post, ORG.postIn)) == []
    assert not any(True for _ in union.subjects(RDF.object, kominfo)
                   if (_, RDF.predicate, ORG.postIn) in union)
    # What Kominfo's page lists as its posts (posts in it, and who holds them): not him.
    rows = select("""SELECT ?post ?person WHERE { ?post org:postIn o:kominfo .
      OPTIONAL { { ?h kc:post ?post ; org:member ?person } UNION { ?post org:heldBy ?person } }
    }""")
    assert rows
    assert deddy not in {row.person for row in rows}
    assert (deddy, ORG.memberOf, kominfo) not in union


@pytest.mark.parametrize(("subject", "predicate", "value"), [
    ("programme/kota-cerdas/participation/12.05", KC.cohort,
     iri("programme/kota-cerdas/cohort/2018")),
    ("legal/12.05/nota-kesepahaman-2018", KC.party, iri("org/kominfo")),
    ("legal/12.05/nota-kesepahaman-2018", KC.party, iri("org/12.05/pemda")),
    ("event/2022/evaluasi-tahap-i/64.08", KC.presenter, iri("person/kasmidi-bulang")),
    ("event/2018/evaluasi-masterplan", SCHEMA.organizer, iri("org/ditjen-aptika")),
    ("programme/kota-cerdas/cohort/2019", KC.year, Literal("2019", datatype=XSD.gYear)),
    ("post/64.08/pemda/wakil-bupati", ORG.postIn, iri("org/64.08/pemda")),
    # Review of the seed articles: an organiser, a participant, dates without a year.
    ("event/2018/opening", SCHEMA.organizer, iri("org/kominfo")),
    ("event/2018/assessment", KC.participant, iri("org/12.05/pemda")),
    ("event/2018/opening", SCHEMA.startDate, Literal("2018-05-08", datatype=XSD.date)),
    ("legal/12.05/nota-kesepahaman-2018", KC.signedOn, Literal("2018-05-08", datatype=XSD.date)),
    ("holding/sujarno/12.05/bappeda/kepala", KC.attestedOn,
     Literal("2018-05-08", datatype=XSD.date)),
    ("programme/kota-cerdas/partner/2018/indosat/technology-partner-speech", KC.year,
     Literal("2018", datatype=XSD.gYear)),
    ("post/64.08/diskominfoperstik/kepala", ORG.postIn, iri("org/64.08/diskominfoperstik")),
    ("article/2024-humbang-hasundutan-rapat-dewan-smart-city", DCTERMS.issued,
     Literal("2024-09", datatype=XSD.gYearMonth)),
])
def test_implied_facts_are_marked_inferred(union: Graph, subject: str, predicate: URIRef,
                                           value: object) -> None:
    assert (iri(subject), predicate, value) in union
    assert inferred(union, iri(subject), predicate, value)


@pytest.mark.parametrize("name", ["bursa-kerja", "bank-sampah", "faba"])
def test_langkat_quick_wins_are_read_not_stated(union: Graph, name: str) -> None:
    node = iri(f"innovation/12.05/{name}")
    assert inferred(union, node, RDF.type, KC.QuickWin)
    assert inferred(union, node, KC.year, Literal("2024", datatype=XSD.gYear))


def test_stated_values_beside_an_inferred_one_stay_stated(union: Graph) -> None:
    event = iri("event/2018/evaluasi-masterplan")
    assert (event, SCHEMA.organizer, iri("org/kominfo")) in union
    assert not inferred(union, event, SCHEMA.organizer, iri("org/kominfo"))
    # Deli Serdang's quick wins are called quick wins "Tahun 2018".
    assert not inferred(union, iri("innovation/12.07/kenang-lemu"), RDF.type, KC.QuickWin)


def test_no_invented_value_or_weak_reading(union: Graph) -> None:
    # The article says only that the Langkat Command Center had been built by May 2018.
    assert union.value(iri("innovation/12.05/langkat-command-center"), KC.year) is None
    # "kawasan polder atau taman-taman di bukit pelangi" is an item of its own, not the
    # integrated garden's site.
    assert union.value(iri("innovation/64.08/integrated-garden"), KC.site) is None
    # "Kepala Dinas Diskominfo" read as the head of the Dinas Kominfoperstik: the reason says so.
    post = iri("post/64.08/diskominfoperstik/kepala")
    statement = next(st for st in union.subjects(RDF.subject, post)
                     if (st, RDF.predicate, ORG.postIn) in union)
    reasons = {o.language: str(o) for o in union.objects(statement, KC.reason)}
    assert "Kepala Dinas Diskominfo" in reasons["en"]
    assert "Kominfoperstik" in reasons["en"]
    assert "Kominfoperstik" in reasons["id"]
    assert Literal("Dinas Diskominfo", lang="id") not in set(
        union.objects(iri("org/64.08/diskominfoperstik"), SKOS.altLabel))


def test_an_award_year_is_not_the_innovation_year(union: Graph) -> None:
    honey = iri("innovation/64.08/madu-kelulut")
    assert union.value(honey, KC.year) is None
    assert (iri("award/2021/64.08/smart-branding"), KC.year,
            Literal("2021", datatype=XSD.gYear)) in union


# ---------------------------------------------------------------- 4. former posts

def test_a_former_post_is_not_held_at_the_article_date(union: Graph) -> None:
    haris, tourism = iri("person/haris-binar-ginting"), iri("post/12.07/dinas-pariwisata/kepala")
    holding = iri("holding/haris-binar-ginting/12.07/dinas-pariwisata/kepala")
    assert union.value(holding, KC.endedBefore) == Literal("2018-12-13", datatype=XSD.date)
    assert union.value(holding, KC.attestedOn) is None
    assert (haris, ORG.holds, tourism) not in union
    assert (tourism, ORG.heldBy, haris) not in union
    assert (haris, ORG.holds, iri("post/12.07/dinas-kominfo/kepala")) in union


# ---------------------------------------------------------------- 5. two waste banks

def test_innovations_of_the_sources_have_distinct_names(select: Select) -> None:
    rows = select("""SELECT ?name (COUNT(?i) AS ?n) WHERE {
      ?i a kc:Innovation ; rdfs:label ?name . FILTER (lang(?name) = "id") }
      GROUP BY ?name HAVING (COUNT(?i) > 1)""")
    assert rows == []
    assert select("""SELECT ?i WHERE { ?i rdfs:label "Bank Sampah Sumatera Trash Bank"@id ;
                                          kc:region r:12.05 }""")


# ---------------------------------------------------------------- 6. mentions

def test_every_article_mentions_what_its_file_records(assembled: Assembled) -> None:
    checked = 0
    for graph_iri in assembled.article_graphs():
        graph = assembled.dataset.graph(graph_iri)
        for node, quotation in graph.subject_objects(KC.evidence):
            if (node, RDF.type, KC.InferredStatement) in graph:
                continue
            article = graph.value(quotation, PROV.wasQuotedFrom)
            assert (article, SCHEMA.mentions, node) in graph, (graph_iri, node)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("node", [
    "innovation/12.05/faba", "masterplan/12.07", "event/2024/evaluasi-tahap-i/12.05",
    "person/m-faisal-hasrimy", "post/12.05/pemda/bupati", "award/2021/64.08/smart-branding",
    "org/12.16/dewan-smart-city", "legal/12.16/sk-bupati-66-2024",
])
def test_articles_mention_their_own_records(select: Select, node: str) -> None:
    assert select(f"SELECT ?a WHERE {{ ?a a kc:SourceArticle ; schema:mentions <{node}> }}")


# ---------------------------------------------------------------- 7. all the types

def test_every_instance_carries_its_superclasses(assembled: Assembled) -> None:
    closure = superclass_closure(assembled.dataset.graph(assembled.iris.graph("ontology")))
    assert closure[KC.QuickWin] >= {KC.Innovation, PROV.Entity}
    assert closure[KC.Ministry] >= {ORG.Organization, SCHEMA.Organization}
    missing = []
    for graph in assembled.dataset.graphs():
        for node, cls in graph.subject_objects(RDF.type):
            missing += [(graph.identifier, node, sup) for sup in closure.get(cls, ())
                        if (node, RDF.type, sup) not in graph]
    assert missing == []


@pytest.mark.parametrize(("node", "kind"), [
    ("innovation/12.05/faba", KC.Innovation),
    ("event/2024/evaluasi-tahap-i/12.05", KC.Event),
    ("event/2024/evaluasi-tahap-i/12.05", URIRef("https://schema.org/Event")),
    ("event/2018/opening", URIRef("http://www.w3.org/ns/prov#Activity")),
    ("org/kominfo", ORG.Organization),
    ("org/12.05/pemda", URIRef("https://schema.org/Organization")),
    ("person/rudiantara", URIRef("http://xmlns.com/foaf/0.1/Agent")),
    ("region/12.05", KC.Region),
    ("region/12.05", URIRef("https://schema.org/Place")),
])
def test_queries_by_a_broader_class_find_the_instance(ask: Ask, node: str,
                                                      kind: URIRef) -> None:
    assert ask(f"<{node}> a <{kind}> .")


# ---------------------------------------------------------------- 8. reasons and labels

def test_every_inference_has_reasons_in_both_languages(union: Graph) -> None:
    statements = set(union.subjects(RDF.type, KC.InferredStatement))
    assert len(statements) > 30
    for statement in statements:
        reasons = {o.language for o in union.objects(statement, KC.reason)}
        assert reasons == {"en", "id"}, statement
        assert {o.language for o in union.objects(statement, RDFS.label)} == {"en", "id"}


def test_inferred_statements_and_categories_are_labelled(union: Graph) -> None:
    subject = iri("innovation/12.07/kenang-lemu")
    statement = next(s for s in union.subjects(RDF.subject, subject)
                     if (s, RDF.predicate, KC.dimension) in union)
    assert (statement, RDFS.label,
            Literal("Pernyataan yang disimpulkan: dimensi Kenang Lemu", lang="id")) in union
    assert (statement, RDFS.label,
            Literal("Inferred statement: dimension of Kenang Lemu", lang="en")) in union
    for kind in (KC.CategoryAssignment, KC.CategorySuggestion):
        for node in union.subjects(RDF.type, kind):
            assert {o.language for o in union.objects(node, RDFS.label)} == {"en", "id"}
    assert any(True for _ in union.subjects(RDF.type, KC.CategoryAssignment))


def test_notes_are_in_both_languages_and_stand_alone(union: Graph) -> None:
    notes: dict[object, dict[str | None, str]] = {}
    for node, note in union.subject_objects(SKOS.note):
        notes.setdefault(node, {})[note.language] = str(note)
    # Every note written in English has its Indonesian (the gazetteer cites laws in Indonesian).
    written = {node: texts for node, texts in notes.items() if "en" in texts}
    assert len(written) >= 15
    for node, texts in written.items():
        assert set(texts) == {"en", "id"}, node
        for text in texts.values():  # a note is read on a page, not beside its YAML file
            assert not any(word in text for word in ("below", "above", "this file", "YAML")), (
                node, text)
    kominfo = notes[iri("org/kominfo")]
    assert "21 October 2024" in kominfo["en"]
    assert "21 Oktober 2024" in kominfo["id"]


# ---------------------------------------------------------------- 10. Kominfo to Komdigi

def test_kominfo_became_komdigi(union: Graph, select: Select) -> None:
    kominfo, komdigi = iri("org/kominfo"), iri("org/komdigi")
    assert {"Kementerian Komunikasi dan Digital", "Komdigi", "Kemkomdigi"} <= labels(
        union, komdigi)
    rows = select("""SELECT ?date ?source WHERE {
      ?change a org:ChangeEvent ; org:originalOrganization o:kominfo ;
              org:resultingOrganization o:komdigi ; dct:date ?date ; dct:source ?source .
      o:kominfo org:changedBy ?change . o:komdigi org:resultedFrom ?change }""")
    assert [str(r.date) for r in rows] == ["2024-10-21"]
    # Articles before the change keep pointing to Kominfo.
    assert (iri("event/2024/evaluasi-tahap-i"), SCHEMA.organizer, kominfo) in union
    assert not any(True for _ in union.subjects(None, komdigi)
                   if (_, RDF.type, KC.Event) in union)


# ---------------------------------------------------------------- 11. where articles appeared

def test_every_article_with_a_known_site_has_a_publisher(select: Select) -> None:
    rows = {str(r.url): str(r.name) for r in select("""SELECT ?url ?name WHERE {
      ?a a kc:SourceArticle ; schema:url ?url .
      OPTIONAL { ?a dct:publisher ?p . ?p rdfs:label ?name . FILTER (lang(?name) = "id") } }""")}
    assert len(rows) == 5
    by_site = {url.split("/")[2]: name for url, name in rows.items()}
    assert by_site == {
        "axialnews.id": "AXIALNEWS.id",
        "portal.deliserdangkab.go.id": "Pemerintah Kabupaten Deli Serdang",
        "www.langkatkab.go.id": "Pemerintah Kabupaten Langkat",
        "kaltimcyber.com": "Kaltimcyber.com",
        "lintaspublik.id": "Lintaspublik.id",
    }


def test_publication_dates_are_stated_or_marked_inferred(union: Graph) -> None:
    dates = {str(a).rsplit("/", 1)[-1]: d for a, d in union.subject_objects(DCTERMS.issued)
             if (a, RDF.type, KC.SourceArticle) in union}
    assert dates == {
        "2018-langkat-nota-kesepahaman": Literal("2018-05-08T10:39:15+07:00",
                                                 datatype=XSD.dateTime),
        "2024-humbang-hasundutan-rapat-dewan-smart-city": Literal("2024-09",
                                                                  datatype=XSD.gYearMonth),
    }
    humbahas = iri("article/2024-humbang-hasundutan-rapat-dewan-smart-city")
    statement = next(union.subjects(RDF.subject, humbahas))
    assert "/2024/09/" in str(union.value(statement, KC.reason))
    assert (statement, RDFS.label, Literal(
        "Pernyataan yang disimpulkan: tanggal terbit Pemkab Humbahas Rapat Dewan Gerakan Menuju "
        "Kota Cerdas", lang="id")) in union
    assert not inferred(union, iri("article/2018-langkat-nota-kesepahaman"), DCTERMS.issued,
                        dates["2018-langkat-nota-kesepahaman"])


def test_the_evidence_query_names_no_seed_file(union: Graph) -> None:
    from kotacerdas.graph.resources import query_files

    text = next(f for f in query_files() if f.name == "evidence-for.rq").read_text(
        encoding="utf-8")
    assert "seed" not in text
    assert "identifier" not in text
    rows = list(union.query(text))
    assert len(rows) > 100
    seeds = {str(o) for o in union.objects(None, DCTERMS.identifier)}
    assert seeds
    assert not {str(value) for row in rows for value in row if value is not None} & seeds

def test_articles_say_where_they_were_published(select: Select) -> None:
    rows = {str(r.seed): str(r.url) for r in select(
        "SELECT ?seed ?url WHERE { ?a a kc:SourceArticle ; dct:identifier ?seed ; "
        "schema:url ?url }")}
    assert rows == {
        "000_3595019658fa010e.txt": "https://axialnews.id/?p=21307",
        "001_b69e72f28fbb7de4.txt": "https://portal.deliserdangkab.go.id/dberita-455-program-"
                                    "smart-city-deli-serdang-di-nilai.html",
        "002_b117686ca68173ab.txt": "https://www.langkatkab.go.id/berita/1238/hngogesa-sitepu"
                                    "-sh-tandatangani-nota-kesepahaman-gerakan",
        "003_5fa527b19b516c88.txt": "https://kaltimcyber.com/evaluasi-smart-city-pemkab-kutim"
                                    "-kembali-hadirkan-enam-dimensi-tahap-i-tahun-2022/",
        "004_5fe7546f135ea3ab.txt": "https://lintaspublik.id/2024/09/pemkab-humbahas-rapat-"
                                    "dewan-gerakan.html",
    }
