"""Each article's key facts are in the graph, through SPARQL (canned queries where they fit)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kotacerdas.graph.build import Assembled
from kotacerdas.graph.queries import CannedQuery, canned_queries

BASE = "https://w3id.org/kotacerdas/"
Ask = Callable[[str], bool]
Select = Callable[[str], list]


@pytest.fixture(scope="module")
def q() -> dict[str, CannedQuery]:
    return canned_queries()


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


def innovations(union: Graph, q: dict[str, CannedQuery], code: str) -> dict[str, tuple]:
    rows = q["innovations-of-region"].run(union, region=iri(f"region/{code}"))
    return {str(r.name): (str(r.dimensionLabel), bool(r.dimensionInferred), str(r.year),
                          bool(r.quickWin)) for r in rows}


class TestLangkatEvaluation2024:
    """000: Pemkab Langkat at the Tahap I evaluation, The Meru, 24-27 June 2024."""

    def test_event(self, ask: Ask) -> None:
        assert ask("""
          <event/2024/evaluasi-tahap-i> a kc:Evaluation ; kc:stage stage:tahap-i ;
            schema:startDate "2024-06-24"^^xsd:date ; schema:endDate "2024-06-27"^^xsd:date ;
            kc:theme "Transformasi Digital dan Inovasi Teknologi Menuju Indonesia Emas Melalui Pembangunan Kota dan Kabupaten Cerdas 2024"@id ;
            schema:location ?venue ; schema:organizer o:kominfo .
          ?venue rdfs:label "The Meru"@id ; schema:containedInPlace r:51.71 .""")

    def test_cooperating_ministries(self, select: Select) -> None:
        rows = select("""SELECT ?m WHERE { <event/2024/evaluasi-tahap-i> kc:inCooperationWith ?m }""")
        assert {str(r.m).rsplit("/", 1)[-1] for r in rows} == {
            "kemendagri", "kementerian-pupr", "bappenas", "kemenparekraf",
            "kemenko-perekonomian", "kemenkeu", "kemenpan-rb"}

    def test_langkat_session_presenter_and_evaluators(self, ask: Ask) -> None:
        assert ask("""
          ?s schema:superEvent <event/2024/evaluasi-tahap-i> ; kc:participant <org/12.05/pemda> ;
             kc:presenter p:m-faisal-hasrimy ; kc:evaluator p:deddy-agus-susanto ;
             kc:numberOfEvaluators 4 .
          ?h org:member p:m-faisal-hasrimy ; kc:post <post/12.05/pemda/bupati> ;
             org:role role:pj-bupati .""")

    def test_only_the_named_evaluator(self, select: Select) -> None:
        rows = select("SELECT ?e WHERE { ?s kc:evaluator ?e ; schema:superEvent "
                      "<event/2024/evaluasi-tahap-i> }")
        assert [str(r.e) for r in rows] == [BASE + "person/deddy-agus-susanto"]

    def test_masterplan_of_2018(self, ask: Ask) -> None:
        assert ask('?m a kc:Masterplan ; kc:region r:12.05 ; kc:year "2018"^^xsd:gYear .')

    def test_quick_wins_are_exactly_those_named(self, union: Graph, q: dict) -> None:
        found = {name: v for name, v in innovations(union, q, "12.05").items() if v[2] == "2024"}
        # Lists for governance, branding, living and society are empty in the article.
        assert found == {
            "Bursa Kerja": ("Smart Economy", False, "2024", True),
            "Bank Sampah Sumatera Trash Bank": ("Smart Environment", False, "2024", True),
            "FABA": ("Smart Environment", False, "2024", True),
        }

    def test_waste_bank_at_bukit_lawang(self, ask: Ask) -> None:
        assert ask("""<innovation/12.05/bank-sampah> skos:altLabel "Sumatera Trash Bank"@id ;
                      kc:site/rdfs:label "Bukit Lawang"@id .""")


class TestDeliSerdangMasterplanEvaluation2018:
    """001: Deli Serdang at the masterplan evaluation, ICE BSD, 12-14 December 2018."""

    def test_event(self, ask: Ask) -> None:
        assert ask("""
          <event/2018/evaluasi-masterplan> a kc:MasterplanEvaluation ;
            schema:startDate "2018-12-12"^^xsd:date ; schema:endDate "2018-12-14"^^xsd:date ;
            schema:organizer o:kominfo, o:ditjen-aptika ; kc:numberOfParticipatingRegions 50 ;
            kc:inCooperationWith o:ksp, o:kompas-gramedia ;
            schema:location/rdfs:label "ICE BSD City"@id .""")

    def test_quick_wins_with_inferred_dimensions(self, union: Graph, q: dict) -> None:
        assert innovations(union, q, "12.07") == {
            "Kenang Lemu": ("Smart Branding", True, "2018", True),
            "Jumpa Madu": ("Smart Environment", True, "2018", True),
            "Mesra Bertuah": ("Smart Society", True, "2018", True),
        }

    def test_expansions(self, ask: Ask) -> None:
        assert ask("""<innovation/12.07/jumpa-madu> kc:expansion "Jemput Sampah Terima Duit"@id .
                      <innovation/12.07/kenang-lemu> kc:expansion "Kenali Deli Serdang Lewat Museum"@id .""")

    def test_head_of_kominfo_and_former_post(self, union: Graph, q: dict) -> None:
        rows = list(q["people-and-posts"].run(union))
        haris = {(str(r.postLabel), str(r.attestedOn), str(r.endedBefore)) for r in rows
                 if str(r.name) == "Haris Binar Ginting"}
        assert haris == {
            ("Kepala Dinas Komunikasi dan Informatika Kabupaten Deli Serdang", "2018-12-13",
             "None"),
            ("Kepala Dinas Pariwisata Kabupaten Deli Serdang", "None", "2018-12-13"),
        }

    def test_cohort_is_inferred(self, union: Graph, q: dict) -> None:
        rows = {str(r.regionLabel): (str(r.cohortYear), bool(r.cohortInferred))
                for r in q["participating-regions"].run(union)}
        assert rows["Kabupaten Deli Serdang"] == ("2018", True)
        # "tahap kedua" in 2018, the year 50 joined: Langkat's cohort is read, not stated.
        assert rows["Kabupaten Langkat"] == ("2018", True)


class TestLangkatMemorandum2018:
    """002: the Bupati of Langkat signs the MoU at the programme's opening, 8 May 2018."""

    def test_cohorts(self, union: Graph, q: dict) -> None:
        rows = [(str(r.year), r.joined, r.total, r.plannedJoined, r.plannedTotal)
                for r in q["programme-cohorts"].run(union)]
        n = lambda v: Literal(v, datatype=XSD.integer)  # noqa: E731
        assert rows == [("2017", n(25), None, None, None), ("2018", n(50), n(75), None, None),
                        ("2019", None, None, n(25), n(100))]

    def test_memorandum(self, ask: Ask) -> None:
        assert ask("""
          ?mou a kc:MemorandumOfUnderstanding ; kc:signatory p:ngogesa-sitepu ;
               kc:party o:kominfo, <org/12.05/pemda> ; kc:signedOn "2018-05-08"^^xsd:date ;
               kc:signedAt <event/2018/opening> .
          <event/2018/opening> a kc:ProgrammeOpening, kc:MoUSigning ; kc:openedBy p:rudiantara ;
               schema:location/schema:containedInPlace r:31.71 .
          ?h org:member p:rudiantara ; kc:post <post/kominfo/menteri> .""")

    def test_langkat_joins_in_phase_two(self, ask: Ask) -> None:
        assert ask("""?x a kc:Participation ; kc:region r:12.05 ;
                        kc:phaseLabel "tahap kedua"@id ; kc:cohort ?c . ?c kc:year "2018"^^xsd:gYear .""")

    def test_assessment_and_criteria(self, select: Select) -> None:
        rows = select("""SELECT ?label WHERE {
          <event/2018/assessment> a kc:Assessment ; schema:startDate "2018-03-05"^^xsd:date ;
            schema:endDate "2018-03-07"^^xsd:date ; schema:organizer o:direktorat-e-government ;
            schema:location/schema:containedInPlace r:36.74 ; kc:selectionCriterion ?c .
          ?c skos:prefLabel ?label . FILTER (lang(?label) = "id") }""")
        assert {str(r.label) for r in rows} == {
            "Kemampuan keuangan daerah",
            "Tingkat kinerja pemerintah dan pelayanan publik berbasis TIK",
            "Keikutsertaan pada program Green City", "Indeks Kota Berkelanjutan"}

    def test_langkat_officials(self, union: Graph, q: dict) -> None:
        rows = q["people-and-posts"].run(union)
        posts = {str(r.name): str(r.capacity) for r in rows if str(r.attestedOn) == "2018-05-08"}
        assert posts == {
            "Ngogesa Sitepu": "Bupati", "Rudiantara": "Menteri",
            "Indra Salahudin": "Sekretaris Daerah", "Hermansyah": "Asisten Sekretaris Daerah",
            "Eddy Dharma Tarigan": "Asisten Sekretaris Daerah", "Syahmadi": "Kepala Dinas",
            "Amril": "Inspektur", "Sujarno": "Kepala Bappeda"}

    def test_partners(self, union: Graph, q: dict) -> None:
        rows = {(str(r.partnerLabel), str(r.role)) for r in q["programme-partners"].run(union)}
        assert ("Indosat", "Technology Partner Speech") in rows
        assert ("PT Philips Indonesia", "Smart Lighting") in rows
        assert ("PT Philips Indonesia", "Partner Speech") in rows
        assert ("Pertamina", "Smart Energy") in rows
        assert len(rows) == 17

    def test_article_metadata(self, ask: Ask) -> None:
        assert ask("""?a a kc:SourceArticle ; dct:identifier "002_b117686ca68173ab.txt" ;
                        dct:issued "2018-05-08T10:39:15+07:00"^^xsd:dateTime ;
                        kc:byline "indra - DISKOMINFO" ; schema:dateline "Jakarta" .""")

    def test_command_centre(self, ask: Ask) -> None:
        assert ask('<innovation/12.05/langkat-command-center> skos:altLabel "LCC"@id ; kc:region r:12.05 .')


class TestKutaiTimurEvaluation2022:
    """003: Kutai Timur's online Tahap I evaluation, 5 October 2022."""

    def test_event(self, ask: Ask) -> None:
        assert ask("""
          ?e a kc:Evaluation ; kc:stage stage:tahap-i ; schema:startDate "2022-10-05"^^xsd:date ;
             schema:eventAttendanceMode schema:OnlineEventAttendanceMode ;
             kc:presenter p:kasmidi-bulang ; kc:participant <post/64.08/pemda/asisten-pemerintahan-dan-kesra> .
          ?h org:member p:kasmidi-bulang ; kc:post <post/64.08/pemda/wakil-bupati> .""")

    def test_innovations_by_dimension(self, union: Graph, q: dict) -> None:
        found = {name: (v[0], v[1]) for name, v in innovations(union, q, "64.08").items()}
        assert found == {
            "Integrated Garden": ("Smart Living", False),
            "Integrasi Satu Data": ("Smart Governance", False),
            "Prevab Mentoko": ("Smart Branding", False),
            "e-SPTPD": ("Smart Economy", False),
            "Bank Sampah": ("Smart Environment", False),
            "Cap Jempol": ("Smart Society", False),
            "Madu Kelulut": ("Smart Branding", False),
        }

    def test_award_2021(self, union: Graph, q: dict) -> None:
        rows = [(str(r.recipientLabel), str(r.year), str(r.dimensionLabel), str(r.innovationLabel))
                for r in q["awards"].run(union)]
        assert rows == [("Pemerintah Kabupaten Kutai Timur", "2021", "Smart Branding",
                         "Madu Kelulut")]

    def test_expansion_of_e_sptpd_is_marked_inferred(self, ask: Ask) -> None:
        assert ask("""?s a kc:InferredStatement ; rdf:subject <innovation/64.08/e-sptpd> ;
                        rdf:predicate kc:expansion ; kc:reason ?why .""")


class TestHumbangHasundutanCouncil2024:
    """004: meeting of the Dewan Smart City of Humbang Hasundutan, 12 September 2024."""

    def test_meeting(self, ask: Ask) -> None:
        assert ask("""
          ?e a kc:CouncilMeeting ; schema:startDate "2024-09-12"^^xsd:date ;
             schema:organizer <org/12.16/dinas-kominfo> ;
             kc:participant p:chiristison-rudianto-marbun, p:tua-marsatti-marbun,
                            p:batara-franz-siregar ;
             kc:resourcePerson p:fitrah-rahmat-kautsar, p:dwi-elfrida-martina ;
             schema:location/rdfs:label "Ruang Rapat Sekretariat Kantor Bupati Humbang Hasundutan"@id .
          p:dwi-elfrida-martina org:memberOf o:kominfo .
          ?h org:member p:fitrah-rahmat-kautsar ; kc:post/org:role role:tenaga-ahli .""")

    def test_decree_establishes_council(self, union: Graph, q: dict) -> None:
        rows = [(str(r.regionLabel), str(r.number), str(r.year), str(r.title))
                for r in q["councils-and-decrees"].run(union)]
        assert rows == [("Kabupaten Humbang Hasundutan", "66", "2024",
                         "Pembentukan Dewan Smart City Kabupaten Humbang Hasundutan")]


def test_entities_shared_by_articles(assembled: Assembled) -> None:
    dataset = assembled.dataset
    graphs = {str(g) for _, _, _, g in dataset.quads((iri("post/12.05/pemda/bupati"), None,
                                                      None, None))}
    assert {g.rsplit("/", 1)[-1] for g in graphs} == {
        "2024-langkat-evaluasi-tahap-i", "2018-langkat-nota-kesepahaman"}
    holders = {str(o) for _, _, o, _ in dataset.quads((iri("post/12.05/pemda/bupati"),
                                                        URIRef("http://www.w3.org/ns/org#heldBy"),
                                                        None, None))}
    assert holders == {BASE + "person/m-faisal-hasrimy", BASE + "person/ngogesa-sitepu"}


def test_every_fact_node_quotes_its_article(select: Select) -> None:
    rows = select("""SELECT ?x WHERE {
      ?x a ?kind . VALUES ?kind { kc:Innovation kc:QuickWin kc:Evaluation kc:Post kc:PostHolding
                                  kc:Award kc:LegalInstrument kc:CouncilMeeting }
      FILTER NOT EXISTS { ?x kc:evidence/prov:wasQuotedFrom/a kc:SourceArticle } }""")
    assert rows == []
