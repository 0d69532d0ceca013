"""RDF namespaces: the project's ontology (a typo in a term raises) and reused vocabularies."""

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)

ONTOLOGY_IRI = URIRef("https://w3id.org/kotacerdas/ontology")
# Controlled vocabularies have fixed IRIs beside the ontology, whatever the data's base.
VOCAB_ROOT = "https://w3id.org/kotacerdas/"
DIMENSION = Namespace(VOCAB_ROOT + "dimension/")
ROLE = Namespace(VOCAB_ROOT + "role/")
STAGE = Namespace(VOCAB_ROOT + "stage/")
CATEGORY = Namespace(VOCAB_ROOT + "category/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
SCHEMA = SDO


class KC(DefinedNamespace):
    """The Kota Cerdas KG ontology; must list exactly the terms of ontology/kotacerdas.ttl."""

    _NS = Namespace("https://w3id.org/kotacerdas/ontology#")
    _fail = True

    # Classes
    Region: URIRef
    Country: URIRef
    Province: URIRef
    RegencyOrCity: URIRef
    Regency: URIRef
    City: URIRef
    Place: URIRef
    Venue: URIRef
    Ministry: URIRef
    NationalAgency: URIRef
    GovernmentUnit: URIRef
    LocalGovernment: URIRef
    LocalAgency: URIRef
    SmartCityCouncil: URIRef
    Company: URIRef
    MediaOrganization: URIRef
    Association: URIRef
    Programme: URIRef
    Cohort: URIRef
    Participation: URIRef
    Masterplan: URIRef
    Dimension: URIRef
    DimensionElement: URIRef
    InnovationCategory: URIRef
    Innovation: URIRef
    QuickWin: URIRef
    Event: URIRef
    Evaluation: URIRef
    MasterplanEvaluation: URIRef
    Assessment: URIRef
    MoUSigning: URIRef
    ProgrammeOpening: URIRef
    CouncilMeeting: URIRef
    EvaluationStage: URIRef
    Person: URIRef
    Role: URIRef
    Post: URIRef
    PostHolding: URIRef
    Award: URIRef
    LegalInstrument: URIRef
    RegentDecree: URIRef
    MemorandumOfUnderstanding: URIRef
    Partnership: URIRef
    SelectionCriterion: URIRef
    SourceArticle: URIRef
    Quotation: URIRef
    InferredStatement: URIRef
    CategoryAssignment: URIRef
    CategorySuggestion: URIRef
    ProvinceMembership: URIRef

    # Properties
    regionCode: URIRef
    provinceMembership: URIRef
    province: URIRef
    governs: URIRef
    councilOf: URIRef
    establishedBy: URIRef
    establishes: URIRef
    leadOrganization: URIRef
    startYear: URIRef
    plannedEndYear: URIRef
    programme: URIRef
    year: URIRef
    numberOfRegions: URIRef
    cumulativeNumberOfRegions: URIRef
    plannedNumberOfRegions: URIRef
    plannedCumulativeNumberOfRegions: URIRef
    selectionCriterion: URIRef
    region: URIRef
    cohort: URIRef
    phaseLabel: URIRef
    dimension: URIRef
    dimensionElement: URIRef
    category: URIRef
    expansion: URIRef
    implementedBy: URIRef
    site: URIRef
    presentedAt: URIRef
    stage: URIRef
    theme: URIRef
    participant: URIRef
    presenter: URIRef
    resourcePerson: URIRef
    evaluator: URIRef
    openedBy: URIRef
    inCooperationWith: URIRef
    numberOfParticipatingRegions: URIRef
    numberOfEvaluators: URIRef
    post: URIRef
    attestedOn: URIRef
    endedBefore: URIRef
    appointedBy: URIRef
    recipient: URIRef
    awardedFor: URIRef
    number: URIRef
    issuedBy: URIRef
    party: URIRef
    signatory: URIRef
    signedOn: URIRef
    signedAt: URIRef
    partner: URIRef
    partnerRole: URIRef
    byline: URIRef
    evidence: URIRef
    text: URIRef
    reason: URIRef
    innovation: URIRef
    score: URIRef


PREFIXES: dict[str, str] = {
    "kc": str(KC._NS),
    "dim": str(DIMENSION),
    "role": str(ROLE),
    "stage": str(STAGE),
    "cat": str(CATEGORY),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "schema": str(SDO),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "void": str(VOID),
    "dcat": str(DCAT),
    "wdt": str(WDT),
}

__all__ = [
    "CATEGORY", "DCAT", "DCTERMS", "DIMENSION", "FOAF", "KC", "ONTOLOGY_IRI", "ORG", "OWL",
    "PREFIXES", "PROV", "RDF", "RDFS", "ROLE", "SCHEMA", "SKOS", "STAGE", "VOID", "WDT", "XSD",
]
