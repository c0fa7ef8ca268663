"""Names, in Swedish and English, of the reused vocabulary terms the graph does not label.

The project's own terms (``skg:``) are labelled in the ontology and named from there; the
W3C, Dublin Core, schema.org and UN terms it reuses are not loaded, so pages would show
``dct:type`` or ``org:OrganizationalUnit``. These names are what the pages, search and
browse show instead. ``INVERSE`` names a property read backwards, for incoming links
("responsible for: …" on a unit that a project names as ``skg:responsibleUnit``).
"""

from typing import Final

from rdflib import URIRef

from ..namespaces import (
    ADMS,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SDGO,
    SKG,
    SKOS,
    TIME,
    VANN,
)

_N = dict[URIRef, tuple[str, str]]

#: Term → (Swedish, English).
NAMES: Final[_N] = {
    RDF.type: ("typ", "type"),
    RDFS.label: ("namn", "name"),
    RDFS.comment: ("kommentar", "comment"),
    RDFS.range: ("värdemängd", "range"),
    RDFS.domain: ("domän", "domain"),
    RDFS.subClassOf: ("underklass till", "subclass of"),
    RDFS.subPropertyOf: ("underegenskap till", "subproperty of"),
    OWL.Class: ("klass", "class"),
    OWL.ObjectProperty: ("objektegenskap", "object property"),
    OWL.DatatypeProperty: ("dataegenskap", "datatype property"),
    OWL.AnnotationProperty: ("annoteringsegenskap", "annotation property"),
    OWL.Ontology: ("ontologi", "ontology"),
    OWL.versionInfo: ("version", "version"),
    DCTERMS.type: ("slag", "kind"),
    DCTERMS.title: ("titel", "title"),
    DCTERMS.description: ("beskrivning", "description"),
    DCTERMS.source: ("källa", "source"),
    DCTERMS.relation: ("relaterad till", "related to"),
    DCTERMS.language: ("språk", "language"),
    DCTERMS.identifier: ("identifierare", "identifier"),
    DCTERMS.publisher: ("utgivare", "publisher"),
    DCTERMS.audience: ("målgrupp", "audience"),
    DCTERMS.license: ("licens", "licence"),
    SKOS.prefLabel: ("namn", "name"),
    SKOS.altLabel: ("annat namn", "other name"),
    SKOS.hiddenLabel: ("sökord", "search name"),
    SKOS.definition: ("definition", "definition"),
    SKOS.scopeNote: ("omfattning", "scope note"),
    SKOS.note: ("anmärkning", "note"),
    SKOS.historyNote: ("historik", "history"),
    SKOS.notation: ("nummer", "number"),
    SKOS.inScheme: ("ingår i", "in scheme"),
    SKOS.hasTopConcept: ("huvudbegrepp", "top concept"),
    SKOS.closeMatch: ("nära motsvarighet", "close match"),
    SKOS.exactMatch: ("motsvarar", "exact match"),
    SKOS.related: ("relaterat", "related"),
    SKOS.Concept: ("begrepp", "concept"),
    SKOS.ConceptScheme: ("begreppssystem", "concept scheme"),
    ORG.hasMember: ("medlem", "member"),
    ORG.member: ("medlem", "member"),
    ORG.organization: ("organisation", "organisation"),
    ORG.role: ("roll", "role"),
    ORG.unitOf: ("enhet inom", "unit of"),
    ORG.hasSite: ("plats", "site"),
    ORG.siteOf: ("plats för", "site of"),
    ORG.Membership: ("medlemskap", "membership"),
    ORG.OrganizationalUnit: ("organisatorisk enhet", "organisational unit"),
    ORG.FormalOrganization: ("organisation", "organisation"),
    ORG.Role: ("roll", "role"),
    ORG.Site: ("plats", "site"),
    FOAF.name: ("namn", "name"),
    FOAF.Person: ("person", "person"),
    SCHEMA.name: ("namn", "name"),
    SCHEMA.startDate: ("startdatum", "start date"),
    SCHEMA.endDate: ("slutdatum", "end date"),
    SCHEMA.location: ("plats", "location"),
    SCHEMA.organizer: ("arrangör", "organiser"),
    SCHEMA.attendee: ("deltagare", "attendee"),
    SCHEMA.audience: ("målgrupp", "audience"),
    SCHEMA.Audience: ("målgrupp", "audience"),
    SCHEMA.audienceType: ("vilka", "who"),
    SCHEMA.funder: ("finansiär", "funder"),
    SCHEMA.FundingScheme: ("finansiering", "funding scheme"),
    SCHEMA.containsPlace: ("omfattar", "contains"),
    DCTERMS.spatial: ("område", "area"),
    DCTERMS.coverage: ("räckvidd", "coverage"),
    ADMS.status: ("status", "status"),
    VANN.preferredNamespacePrefix: ("föredraget prefix", "preferred namespace prefix"),
    ORG.memberDuring: ("medlem under", "member during"),
    PROV.Activity: ("aktivitet", "activity"),
    PROV.Agent: ("aktör", "agent"),
    PROV.wasAssociatedWith: ("utförd av", "carried out by"),
    PROV.wasAttributedTo: ("tillskrivs", "attributed to"),
    RDF.subject: ("subjekt", "subject"),
    RDF.predicate: ("predikat", "predicate"),
    RDF.object: ("objekt", "object"),
    RDF.value: ("värde", "value"),
    SCHEMA.about: ("handlar om", "about"),
    SCHEMA.keywords: ("nyckelord", "keywords"),
    SCHEMA.containedInPlace: ("ligger i", "contained in"),
    SCHEMA.Event: ("evenemang", "event"),
    SCHEMA.Place: ("plats", "place"),
    TIME.DateTimeDescription: ("tidpunkt", "date"),
    TIME.Instant: ("ögonblick", "instant"),
    TIME.ProperInterval: ("tidsintervall", "interval"),
    TIME.Duration: ("varaktighet", "duration"),
    TIME.hasTime: ("tid", "time"),
    TIME.hasBeginning: ("början", "beginning"),
    TIME.hasEnd: ("slut", "end"),
    TIME.inDateTime: ("tidpunkt", "at"),
    TIME.inXSDDateTime: ("datum och klockslag", "date and time"),
    TIME.inside: ("innehåller", "contains"),
    TIME.numericDuration: ("längd", "length"),
    TIME.TemporalUnit: ("tidsenhet", "time unit"),
    TIME.unitType: ("precision", "precision"),
    TIME.year: ("år", "year"),
    TIME.month: ("månad", "month"),
    TIME.day: ("dag", "day"),
    TIME.unitYear: ("år", "year"),
    TIME.unitMonth: ("månad", "month"),
    TIME.unitDay: ("dag", "day"),
    SDGO.Goal: ("globalt mål", "global goal"),
}

#: Property → (Swedish, English) for reading it backwards: "<subject> is <name> <object>".
INVERSE: Final[_N] = {
    SKG.responsibleUnit: ("ansvarig för", "responsible for"),
    SKG.partnership: ("avtal och planer", "agreements and plans"),
    SKG.implements: ("förverkligas av", "implemented by"),
    SKG.listedIn: ("tar upp", "lists"),
    SKG.withinArea: ("projekt inom området", "projects in this area"),
    SKG.hasCollaborationArea: ("samverkansområde i", "collaboration area of"),
    SKG.governanceBody: ("samverkansorgan för", "governance body of"),
    SKG.hasAgreementWith: ("har samverkansavtal med", "has a collaboration agreement with"),
    SKG.represents: ("representeras av", "represented by"),
    SKG.contactPerson: ("kontaktperson för", "contact person for"),
    SKG.sdg: ("anges av", "named by"),
    SKG.crossCuttingSDG: ("övergripande mål för", "cross-cutting goal of"),
    SKG.theme: ("tema för", "theme of"),
    SKG.challenge: ("utmaning för", "challenge of"),
    SKG.collaborationForm: ("samverkansform för", "form of collaboration of"),
    SKG.developmentArea: ("utvecklingsområde för", "development area of"),
    SKG.objective: ("målsättning för", "objective of"),
    ORG.hasMember: ("medlem i", "member of"),
    ORG.member: ("medlem genom", "member through"),
    ORG.organization: ("medlemskap", "memberships"),
    ORG.unitOf: ("enheter", "units"),
    ORG.role: ("innehavare", "held by"),
    ORG.hasSite: ("plats för", "site of"),
    ORG.siteOf: ("plats", "site"),
    DCTERMS.source: ("källa till", "source of"),
    DCTERMS.relation: ("relaterad till", "related to"),
    DCTERMS.publisher: ("utgivare av", "publisher of"),
    SKOS.inScheme: ("begrepp", "concepts"),
    SKOS.closeMatch: ("nära motsvarighet", "close match"),
    SKOS.related: ("relaterat", "related"),
    SCHEMA.organizer: ("arrangör av", "organiser of"),
    SCHEMA.attendee: ("deltar i", "attends"),
    SCHEMA.location: ("plats för", "location of"),
    SCHEMA.about: ("ämne för", "subject of"),
    SCHEMA.containedInPlace: ("omfattar", "contains"),
    RDF.type: ("exempel", "instances"),
}


def _pick(names: tuple[str, str], lang: str) -> str:
    return names[0] if lang == "sv" else names[1]


def term_name(iri: URIRef | str, lang: str) -> str | None:
    """The name of a reused term in ``lang``, or None if it has none here."""
    names = NAMES.get(URIRef(str(iri)))
    return _pick(names, lang) if names else None


def inverse_name(iri: URIRef | str, lang: str) -> str | None:
    """The name of a property read backwards in ``lang``, or None."""
    names = INVERSE.get(URIRef(str(iri)))
    return _pick(names, lang) if names else None
