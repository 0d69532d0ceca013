"""Institution, person, event, source-article, ontology, concept-scheme, concept and validation
pages, over real HTTP against a live server."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from rdflib import RDF, SH, BNode, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from tests.app_fixtures import AppClient, app_client

BASE = "https://w3id.org/kotacerdas/"
KC = "https://w3id.org/kotacerdas/ontology#"
PROV_QUOTED = URIRef("http://www.w3.org/ns/prov#wasQuotedFrom")
QUOTE_LINK = re.compile(r'href="[^"]*/(article/[^"#]+)#(quote-[0-9a-f]+)"')


@pytest.fixture(scope="module")
def server(client: AppClient) -> AppClient:
    """The app in this process (page logic needs no server process)."""
    return client


def page(server: AppClient, path: str, lang: str = "en") -> str:
    reply = server.get(f"/{path}?lang={lang}", Accept="text/html")
    assert reply.status == 200, reply.text[:500]
    assert reply.header("Content-Type").startswith("text/html")
    return reply.text


def section(html: str, heading_id: str) -> str:
    """The markup of the <section> labelled by the heading `heading_id`."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start:html.index("</section>", start)]


def element(html: str, element_id: str) -> str:
    """The markup from the element with `element_id` to the end of its section/article."""
    start = html.index(f'id="{element_id}"')
    ends = [i for i in (html.find("</section>", start), html.find("</article>", start))
            if i >= 0]
    return html[start:min(ends)]


def text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def rows(fragment: str) -> list[str]:
    """The text of each table row, sources and all."""
    return [text(row) for row in re.findall(r"<tr[ >].*?</tr>", fragment, re.S)]


def row_with(fragment: str, *needles: str) -> str:
    found = [r for r in rows(fragment) if all(n in r for n in needles)]
    assert found, f"no row with {needles} among {rows(fragment)}"
    return found[0]


def hrefs(fragment: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', fragment)


def ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


# ---------------------------------------------------------------- institutions

def test_institution_shows_events_posts_units_and_sources(server: AppClient) -> None:
    html = page(server, "org/kominfo")
    assert "Ministry" in text(section(html, "summary-heading"))
    events = section(html, "events-heading")
    for event in ("Opening of the Towards 100 Smart Cities Movement 2018",
                  "Smart City Masterplan Evaluation 2018",
                  "Smart City Programme Implementation Evaluation, Stage I, 2024"):
        assert "organiser" in row_with(events, event)
    assert "8 May 2018" in row_with(events, "Opening of the Towards")
    assert any(h.endswith("/event/2018/opening") for h in hrefs(events))
    posts = section(html, "posts-heading")
    minister = row_with(posts, "Minister of Communication and Informatics", "Rudiantara")
    assert "8 May 2018" in minister
    assert any(h.endswith("/person/rudiantara") for h in hrefs(posts))
    assert "Directorate General of Informatics Applications" in text(
        section(html, "units-heading"))
    assert QUOTE_LINK.search(posts), "each fact links to its sentence in the article"
    assert len(set(ids(html))) == len(ids(html)), "ids are unique"


def test_an_evaluator_appointed_by_kominfo_is_not_shown_as_its_staff(server: AppClient) -> None:
    assert "Deddy Agus Susanto" not in section(page(server, "org/kominfo"), "posts-heading")
    person = text(section(page(server, "person/deddy-agus-susanto"), "posts-heading"))
    assert "evaluator" in person.lower()


def test_institution_in_indonesian(server: AppClient) -> None:
    html = page(server, "org/kominfo", "id")
    posts = section(html, "posts-heading")
    assert "Rudiantara" in row_with(posts, "Menteri Komunikasi dan Informatika")
    assert "penyelenggara" in row_with(section(html, "events-heading"), "Opening Gerakan Menuju")
    assert 'lang="id"' in html


def test_local_government_governs_has_units_and_dated_posts(server: AppClient) -> None:
    html = page(server, "org/12.05/pemda")
    summary = section(html, "summary-heading")
    assert "Langkat Regency" in text(summary)
    assert any(h.endswith("/region/12.05") for h in hrefs(summary))
    units = text(section(html, "units-heading"))
    assert "Communication and Informatics Agency of Langkat Regency" in units
    posts = section(html, "posts-heading")
    assert "8 May 2018" in row_with(posts, "Regent of Langkat", "Ngogesa Sitepu")
    acting = row_with(posts, "Regent of Langkat", "M Faisal Hasrimy")
    assert "Acting Regent" in acting
    assert "24 June 2024" in acting
    assert "inferred" in acting  # the date is inferred, with its reason
    events = section(html, "events-heading")
    assert "participant" in row_with(events, "Opening of the Towards 100 Smart Cities")


def test_council_shows_its_decree_and_meeting(server: AppClient) -> None:
    html = page(server, "org/12.16/dewan-smart-city")
    summary = section(html, "summary-heading")
    assert "Decree of the Regent of Humbang Hasundutan No. 66 of 2024" in text(summary)
    assert "Government of Humbang Hasundutan Regency" in text(summary)
    assert "Nomor 66 tahun 2024" in text(summary)  # the decree's own sentence
    assert "participant" in row_with(section(html, "events-heading"), "Meeting of the Smart City")


def test_partner_shows_its_partnership_with_year_and_role(server: AppClient) -> None:
    html = page(server, "org/indosat")
    partnership = row_with(section(html, "partnerships-heading"), "2018")
    assert "Technology Partner Speech" in partnership
    assert "Movement Towards Smart Cities" in partnership
    assert QUOTE_LINK.search(section(html, "partnerships-heading"))


def test_co_organiser_sees_the_cooperation(server: AppClient) -> None:
    html = page(server, "org/kemendagri")
    events = section(html, "events-heading")
    assert "co-organiser" in row_with(events, "Smart City Masterplan Evaluation 2018")
    assert "co-organiser" in row_with(events, "Implementation Evaluation, Stage I, 2024")


# ---------------------------------------------------------------- people

def test_person_shows_names_titles_posts_and_events(server: AppClient) -> None:
    html = page(server, "person/ngogesa-sitepu")
    names = text(section(html, "names-heading"))
    assert "H.Ngogesa Sitepu SH" in names
    assert "H." in names
    assert "SH" in names
    posts = section(html, "posts-heading")
    assert "8 May 2018" in row_with(posts, "Regent of Langkat", "Government of Langkat Regency")
    event = row_with(section(html, "events-heading"), "Opening of the Towards 100 Smart Cities")
    assert "MoU signing" in event
    assert "participant" in event
    assert "8 May 2018" in event
    signed = text(section(html, "signed-heading"))
    assert "Memorandum of understanding" in signed
    assert QUOTE_LINK.search(posts)
    indonesian = page(server, "person/ngogesa-sitepu", "id")
    assert "8 Mei 2018" in row_with(section(indonesian, "posts-heading"), "Bupati Langkat")
    assert "Penandatanganan nota kesepahaman" in row_with(
        section(indonesian, "events-heading"), "Opening Gerakan Menuju 100 Smart City 2018")


def test_person_posts_over_time_with_capacity_and_end(server: AppClient) -> None:
    html = page(server, "person/haris-binar-ginting")
    posts = rows(section(html, "posts-heading"))
    tourism = next(r for r in posts if "Tourism Agency of Deli Serdang" in r)
    assert "13 December 2018" in tourism
    assert "former" in tourism  # kc:endedBefore is inferred from "mantan": the reason shows
    faisal = page(server, "person/m-faisal-hasrimy")
    assert "Acting Regent" in row_with(section(faisal, "posts-heading"), "Regent of Langkat")
    event = row_with(section(faisal, "events-heading"), "Presentation of Langkat Regency")
    assert "presenter" in event
    assert "24 June 2024" in event  # the dates of the parent event, as region pages write them
    assert "parent event" in event
    indonesian = row_with(section(page(server, "person/m-faisal-hasrimy", lang="id"),
                                  "events-heading"), "Paparan")
    assert "24 Juni 2024" in indonesian


def test_person_as_resource_person_and_evaluator(server: AppClient) -> None:
    fitrah = page(server, "person/fitrah-rahmat-kautsar")
    assert "resource person" in row_with(section(fitrah, "events-heading"), "Meeting of")
    deddy = page(server, "person/deddy-agus-susanto")
    assert "evaluator" in row_with(section(deddy, "events-heading"), "Presentation of Langkat")
    rudiantara = page(server, "person/rudiantara")
    assert "opened it" in row_with(section(rudiantara, "events-heading"), "Opening of the")


# ---------------------------------------------------------------- events

def test_event_venue_dates_people_and_sources(server: AppClient) -> None:
    html = page(server, "event/2018/opening", "id")
    about = section(html, "event-heading")
    assert "Hotel Redtop Jakarta" in text(about)
    assert "Kota Administrasi Jakarta Pusat" in text(about)
    assert "8 Mei 2018" in text(about)
    assert "Pembukaan program" in text(about)
    assert "Penandatanganan nota kesepahaman" in text(about)
    people = text(section(html, "people-heading"))
    for name in ("Ngogesa Sitepu", "Indra Salahudin", "Hermansyah", "Eddy Dharma Tarigan",
                 "Syahmadi", "Amril", "Sujarno", "Pemerintah Kabupaten Langkat"):
        assert name in people
    assert "Dibuka oleh Rudiantara" in people
    assert "Penyelenggara Kementerian Komunikasi dan Informatika" in people
    assert "Sekretaris Daerah Kabupaten Langkat" in people  # the post held that day
    assert QUOTE_LINK.search(about)
    assert "Nota Kesepahaman" in text(section(html, "instruments-heading"))


def test_event_dates_from_its_super_event_and_presentations(server: AppClient) -> None:
    html = page(server, "event/2024/evaluasi-tahap-i/12.05")
    about = text(section(html, "event-heading"))
    assert "24 June 2024" in about
    assert "27 June 2024" in about
    assert "parent event" in about
    assert "Stage I" in about
    assert re.search(r"Number of evaluators 4\b", about)
    people = text(section(html, "people-heading"))
    assert "Presenters M Faisal Hasrimy" in people
    assert "Evaluators Deddy Agus Susanto" in people
    presented = section(html, "presented-heading")
    assert "Smart environment" in row_with(presented, "FABA")
    assert QUOTE_LINK.search(presented)
    parent = page(server, "event/2024/evaluasi-tahap-i")
    assert "Presentation of Langkat Regency" in text(section(parent, "subs-heading"))
    assert "Transformasi Digital" in text(section(parent, "event-heading"))
    assert "In cooperation with" in text(section(parent, "people-heading"))


def test_event_counts_criteria_attendance_and_inferred_venue(server: AppClient) -> None:
    masterplan = text(section(page(server, "event/2018/evaluasi-masterplan"), "event-heading"))
    assert re.search(r"Number of participating regions 50\b", masterplan)
    assessment = page(server, "event/2018/assessment")
    criteria = text(section(assessment, "criteria-heading"))
    assert "Sustainable City Index" in criteria
    assert len(re.findall(r"<li>", section(assessment, "criteria-heading"))) == 4
    kutim = section(page(server, "event/2022/evaluasi-tahap-i/64.08"), "event-heading")
    assert "online" in text(kutim)
    assert "inferred" in text(kutim)  # the meeting room's kabupaten is inferred
    meeting = text(section(page(server, "event/2024/rapat-dewan-smart-city/12.16"),
                           "people-heading"))
    assert "Resource persons" in meeting


# ---------------------------------------------------------------- source articles

def test_article_metadata_and_quotation_anchors(server: AppClient, union: Graph) -> None:
    article = BASE + "article/2018-langkat-nota-kesepahaman"
    html = page(server, "article/2018-langkat-nota-kesepahaman")
    meta = text(section(html, "meta-heading"))
    assert "indra - DISKOMINFO" in meta
    assert "8 May 2018" in meta
    assert 'datetime="2018-05-08T10:39:15+07:00"' in html
    assert "Jakarta" in meta
    assert "002_b117686ca68173ab.txt" not in html  # the seed's file name means nothing to readers
    assert "Indonesian" in meta
    quotes = {str(q) for q in union.subjects(PROV_QUOTED, URIRef(article))}
    assert quotes
    anchors = set(ids(html))
    for quote in quotes:
        fragment = quote.partition("#")[2]
        assert fragment.startswith("quote-")
        assert fragment in anchors
    bupati = text(element(html, "quote-b416519d1276"))
    assert "Bupati Langkat H.Ngogesa Sitepu SH" in bupati
    assert "Ngogesa Sitepu as Regent of Langkat" in bupati
    assert "(Post holding)" in bupati


def test_article_lists_inferred_statements_with_reasons(server: AppClient) -> None:
    html = page(server, "article/2018-langkat-nota-kesepahaman")
    command = text(element(html, "quote-09397d0d9027"))
    assert "inferred" in command
    assert "command centre serves government operations" in command


def test_evidence_links_land_on_article_anchors(server: AppClient) -> None:
    links: set[tuple[str, str]] = set()
    for path in ("org/kominfo", "org/12.05/pemda", "person/ngogesa-sitepu",
                 "event/2018/opening", "event/2022/evaluasi-tahap-i/64.08",
                 "person/haris-binar-ginting"):
        links |= set(QUOTE_LINK.findall(page(server, path)))
    assert len(links) > 10
    anchors: dict[str, set[str]] = {}
    for article, fragment in sorted(links):
        if article not in anchors:
            anchors[article] = set(ids(page(server, article)))
        assert fragment in anchors[article], f"{article}#{fragment}"


# ---------------------------------------------------------------- ontology and vocabularies

def test_ontology_documents_every_term_in_both_languages(server: AppClient,
                                                         union: Graph) -> None:
    html = page(server, "ontology")
    about = text(section(html, "ontology-about"))
    assert "Kota Cerdas KG ontology" in about
    assert "Ontologi Kota Cerdas KG" in about
    assert "0.1.0" in about
    assert "CC BY 4.0" in about
    assert "kc: = https://w3id.org/kotacerdas/ontology#" in about
    anchors = set(ids(html))
    terms = {s for s in union.subjects(RDF.type, None)
             if isinstance(s, URIRef) and str(s).startswith(KC)}
    assert len(terms) > 90
    for term in terms:
        assert str(term)[len(KC):] in anchors, term
    innovation = element(html, "Innovation")
    for definition in union.objects(URIRef(KC + "Innovation"), SKOS.definition):
        assert isinstance(definition, Literal)
        assert f'lang="{definition.language}"' in innovation
        assert text(str(definition)) in text(innovation)
    assert "prov:Entity" in text(innovation)  # its alignment


def test_ontology_domains_ranges_unions_and_alignments(server: AppClient) -> None:
    html = page(server, "ontology")
    programme = text(element(html, "programme"))
    assert "one of" in programme
    for member in ("kc:Cohort", "kc:Participation", "kc:Partnership", "kc:Award", "kc:Event"):
        assert member in programme
    assert "kc:Programme" in programme
    participant = text(element(html, "participant"))
    assert "foaf:Agent \u222a org:Post" in participant
    assert "kc:presenter" in participant  # its sub-properties
    assert "wdt:P2588" in text(element(html, "regionCode"))
    evidence = text(element(html, "evidence"))
    assert "prov:wasInfluencedBy" in evidence
    assert "kc:establishes" in text(element(html, "establishedBy"))
    assert 'href="#Programme"' in element(html, "programme")
    indonesian = page(server, "ontology", "id")
    assert "Ontologi Kota Cerdas KG" in text(indonesian[indonesian.index("<h1"):])[:40]


def test_concept_schemes_list_their_concepts(server: AppClient) -> None:
    dimensions = page(server, "dimension")
    concepts = section(dimensions, "concepts-heading")
    assert concepts.count('class="concept top"') == 6
    for dimension in ("smart-governance", "smart-branding", "smart-economy", "smart-living",
                      "smart-society", "smart-environment"):
        assert any(h.endswith(f"/dimension/{dimension}") for h in hrefs(concepts))
    assert any(h.endswith("/dimension/smart-economy/industry") for h in hrefs(concepts))
    roles = section(page(server, "role", "id"), "concepts-heading")
    assert roles.count('class="concept top"') == 15
    assert "Penjabat Bupati" in text(roles)
    stages = section(page(server, "stage"), "concepts-heading")
    assert stages.count('class="concept top"') == 2


def test_concept_page(server: AppClient) -> None:
    html = page(server, "stage/tahap-i")
    concept = section(html, "concept-heading")
    assert "Tahap I" in text(concept)
    assert "Stage I" in text(concept)
    assert 'lang="id"' in concept
    assert 'lang="en"' in concept
    assert any(h.endswith("/stage") for h in hrefs(concept))
    role = text(section(page(server, "role/pj-bupati"), "concept-heading"))
    assert "Pj Bupati" in role
    assert "Acting Regent" in role
    element_page = text(section(page(server, "dimension/smart-economy/industry"),
                                "concept-heading"))
    assert "Broader Smart economy" in element_page
    criterion = section(page(server, "selection-criterion/indeks-kota-berkelanjutan"),
                        "concept-heading")
    assert QUOTE_LINK.search(criterion)
    assert 'id="concept-heading"' not in page(server, "dimension/smart-governance")


# ---------------------------------------------------------------- validation report

def test_validation_page_says_it_conforms(server: AppClient) -> None:
    html = page(server, "validation")
    assert "Conforms" in text(section(html, "validation-status"))
    assert "Violations: 0" in text(section(html, "validation-status"))
    assert "Sesuai" in text(section(page(server, "validation", "id"), "validation-status"))
    for reply in (server.get("/validation", Accept="text/turtle"),
                  server.get("/validation.nt")):
        assert reply.status == 200
        graph = Graph().parse(data=reply.text,
                              format="nt" if "n-triples" in reply.header("Content-Type")
                              else "turtle")
        report = next(graph.subjects(RDF.type, SH.ValidationReport))
        assert graph.value(report, SH.conforms) == Literal(True)
    assert server.get("/validation.xyz").status == 404


BAD_REPORT = """PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX kcsh: <https://w3id.org/kotacerdas/shapes#>
<urn:kotacerdas:validation:test> a sh:ValidationReport ; sh:conforms false ;
  sh:result [ a sh:ValidationResult ;
      sh:focusNode <https://w3id.org/kotacerdas/person/ngogesa-sitepu> ;
      sh:resultPath [ sh:inversePath <http://www.w3.org/ns/org#member> ] ;
      sh:resultMessage "Needs a <b>holding</b>"@en ;
      sh:resultSeverity sh:Violation ;
      sh:sourceConstraintComponent sh:MinCountConstraintComponent ;
      sh:sourceShape kcsh:PersonShape ] ,
    [ a sh:ValidationResult ;
      sh:focusNode <https://w3id.org/kotacerdas/org/kominfo> ;
      sh:resultPath <http://www.w3.org/2000/01/rdf-schema#label> ;
      sh:value "x" ; sh:resultMessage "Label too short" ;
      sh:resultSeverity sh:Warning ; sh:sourceShape kcsh:LabelShape ] .
"""


def test_validation_page_lists_results(dumps: Path, tmp_path: Path) -> None:
    broken = tmp_path / "dumps"
    shutil.copytree(dumps, broken, ignore=shutil.ignore_patterns(".store"))
    (broken / "validation-report.ttl").write_text(BAD_REPORT, encoding="utf-8")
    with app_client(broken) as live:
        html = page(live, "validation")
    status = text(section(html, "validation-status"))
    assert "Does not conform" in status
    assert "Violations: 1" in status
    assert "Warnings: 1" in status
    results = section(html, "validation-results")
    violation = row_with(results, "Violation")
    assert "person/ngogesa-sitepu" in violation
    assert "^org:member" in violation
    assert "Needs a <b>holding</b>" in violation  # shown as text ...
    assert "<b>" not in results  # ... never as markup
    assert "kcsh:PersonShape" in violation
    assert "Label too short" in row_with(results, "Warning", "org/kominfo")
    assert any(h.endswith("/person/ngogesa-sitepu") for h in hrefs(results))


# ---------------------------------------------------------------- content negotiation

@pytest.mark.parametrize(("path", "kind"), [
    ("org/kominfo", KC + "Ministry"),
    ("org/12.16/dewan-smart-city", KC + "SmartCityCouncil"),
    ("person/ngogesa-sitepu", KC + "Person"),
    ("event/2018/opening", KC + "MoUSigning"),
    ("article/2018-langkat-nota-kesepahaman", KC + "SourceArticle"),
    ("ontology", "http://www.w3.org/2002/07/owl#Ontology"),
    ("dimension", str(SKOS.ConceptScheme)),
    ("stage/tahap-i", str(SKOS.Concept)),
])
def test_each_kind_negotiates_rdf(server: AppClient, union: Graph, path: str,
                                  kind: str) -> None:
    iri = URIRef(BASE + path)
    expected = {(iri, p, o) for p, o in union.predicate_objects(iri) if not isinstance(o, BNode)}
    assert (iri, RDF.type, URIRef(kind)) in expected
    turtle = server.get(f"/{path}", Accept="text/turtle")
    assert turtle.status == 200
    assert turtle.header("Content-Type").startswith("text/turtle")
    assert "Accept" in turtle.header("Vary")
    ntriples = server.get(f"/{path}.nt")
    assert ntriples.status == 200
    assert ntriples.header("Content-Type").startswith("application/n-triples")
    for body, fmt in ((turtle.text, "turtle"), (ntriples.text, "nt")):
        graph = Graph().parse(data=body, format=fmt)
        assert expected <= set(graph), f"{path} as {fmt} lacks some of its triples"
    html = server.get(f"/{path}", Accept="text/html")
    assert html.header("Content-Type").startswith("text/html")
