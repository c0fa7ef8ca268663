"""The spreadsheet template: its sheets, their columns, and what each column means in RDF.

One table drives everything: the import reads a row into triples by it, the export writes
triples back into rows by it, and ``docs/template.md`` describes it. A resource goes in the
first sheet one of its classes belongs to; whatever no column holds goes, statement by
statement, in the sheet ``Övrigt``, so that export → import gives the same graph again.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from rdflib import URIRef

from ..model import SheetTypes
from ..namespaces import DCTERMS, FOAF, ORG, RDFS, SCHEMA, SKG, SKOS, XSD

Kind = Literal["text", "refs", "date", "sdgs", "value", "place"]


@dataclass(frozen=True)
class Column:
    """One column: its header, the property it fills and how a cell is written."""

    header: str
    predicate: URIRef
    kind: Kind
    lang: str | None = None  # text: the language of the cell's text
    #: refs: the class path a bare name is under ("area/": "lk-x" → <base>area/lk-x), or a
    #: namespace of its own (an absolute IRI)
    path: str = ""
    datatype: URIRef | None = None  # value: the literal's datatype
    #: refs of skg:responsibleUnit: "university" takes units of a university, "partner" the rest.
    side: str | None = None
    help: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet: the class path its IDs are minted under, its classes and its columns."""

    name: str
    path: str  # "project/": an ID "ulf" names <base>project/ulf
    types: Mapping[str, URIRef]  # the words of the Typ column → classes (the first is the default)
    columns: tuple[Column, ...]
    help: str = ""

    @property
    def type_column(self) -> bool:  # asked when used: the types may come from the ontology
        return len(self.types) > 1

    @property
    def headers(self) -> list[str]:
        return ["ID", *(["Typ"] if self.type_column else []), *(c.header for c in self.columns)]


#: The Library of Congress's ISO 639-1 codes, as the curated sources name their language.
LANGUAGE_CODES = "http://id.loc.gov/vocabulary/iso639-1/"

ID_HELP = (
    "The resource's name in its IRI (lower case, a-z, 0-9 and '-'); left empty, it is "
    "minted from the Swedish name."
)


def _names(what: str) -> tuple[Column, Column]:
    return (
        Column(f"{what} (sv)", RDFS.label, "text", lang="sv", help="Swedish name (required)"),
        Column(f"{what} (en)", RDFS.label, "text", lang="en", help="English name"),
    )


def _texts(header: str, predicate: URIRef) -> tuple[Column, Column]:
    return (
        Column(f"{header} (sv)", predicate, "text", lang="sv"),
        Column(f"{header} (en)", predicate, "text", lang="en"),
    )


SOURCES = Column(
    "Källor", DCTERMS.source, "refs", path="source/", help="IDs of the source documents"
)
PARTNERSHIP = Column("Partnerskap", SKG.partnership, "refs", path="partnership/")

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Källor",
        "source/",
        {"källa": SKG.SourceDocument},
        (
            Column("Titel (sv)", RDFS.label, "text", lang="sv"),
            Column("Titel (en)", RDFS.label, "text", lang="en"),
            Column("Dokumentets titel", DCTERMS.title, "text", lang="sv"),
            Column("Fil", DCTERMS.identifier, "value", help="the file name of the document"),
            Column("Dokumenttyp", DCTERMS.type, "refs", path="concept/"),
            Column("Utgivare", DCTERMS.publisher, "refs", path="partner/"),
            Column("Språk", DCTERMS.language, "refs", path=LANGUAGE_CODES, help="sv, en"),
            *_texts("Beskrivning", DCTERMS.description),
        ),
        "The public documents every fact comes from.",
    ),
    Sheet(
        "Partner",
        "partner/",
        {
            "universitet": SKG.University,
            "kommun": SKG.Municipality,
            "region": SKG.Region,
            "studentkår": SKG.StudentUnion,
            "organisation": ORG.FormalOrganization,
            "enhet": ORG.OrganizationalUnit,
        },
        (
            *_names("Namn"),
            Column("Förkortning", SKOS.altLabel, "text", lang="sv"),
            Column("Del av", ORG.unitOf, "refs", path="partner/", help="a unit's organisation"),
            SOURCES,
        ),
        "Partners and their units (give units an ID under unit/, e.g. 'unit/lk-x').",
    ),
    Sheet(
        "Partnerskap",
        "partnership/",
        SheetTypes("Partnerskap"),  # every kind of partnership, from the ontology
        (
            *_names("Namn"),
            Column("Parter", ORG.hasMember, "refs", path="partner/"),
            Column("Avtal sedan", SKG.agreementsSince, "value", datatype=XSD.gYear),
            *_texts("Historik", SKG.historyNote),
            *_texts("Syfte", SKG.purpose),
            SOURCES,
        ),
        "The partnership or network itself.",
    ),
    Sheet(
        "Avtal",
        "agreement/",
        {"avtal": SKG.CollaborationAgreement, "handlingsplan": SKG.ActionPlan},
        (
            PARTNERSHIP,
            *_names("Namn"),
            Column("Parter", SKG.party, "refs", path="partner/", help="the agreement's parties"),
            Column("Undertecknat", SKG.signed, "date"),
            Column("Gäller från", SKG.validFrom, "date"),
            Column("Gäller till", SKG.validUntil, "date"),
            Column("Förverkligar", SKG.implements, "refs", path="agreement/"),
            *_texts("Syfte", SKG.purpose),
            Column("Samverkansområden", SKG.hasCollaborationArea, "refs", path="area/"),
            Column("Övergripande globala mål", SKG.crossCuttingSDG, "sdgs"),
            Column("Samverkansorgan", SKG.governanceBody, "refs", path="body/"),
            SOURCES,
        ),
        "Agreements and action plans (give plans an ID under action-plan/).",
    ),
    Sheet(
        "Områden",
        "area/",
        {"samverkansområde": SKG.CollaborationArea, "utvecklingsområde": SKG.DevelopmentArea},
        (
            *_names("Namn"),
            Column("Begreppsschema", SKOS.inScheme, "refs", path="scheme/"),
            Column("Beskrivning (sv)", SKOS.definition, "text", lang="sv"),
            Column("Globala mål", SKG.sdg, "sdgs"),
            SOURCES,
        ),
        "Collaboration areas with their global goals.",
    ),
    Sheet(
        "Projekt",
        "project/",
        {"projekt": SKG.Project},
        (
            PARTNERSHIP,
            Column("Handlingsplan", SKG.listedIn, "refs", path="action-plan/"),
            Column("Samverkansområde", SKG.withinArea, "refs", path="area/"),
            *_names("Aktivitet/projekt/initiativ"),
            Column("Slag", DCTERMS.type, "refs", path="concept/", help="projekt, centrumbildning"),
            Column("Beskrivning (sv)", DCTERMS.description, "text", lang="sv"),
            Column("Globala mål", SKG.sdg, "sdgs"),
            Column("Start", SKG.start, "date"),
            *_texts("Aktuellt läge/utredningsuppdrag", SKG.statusText),
            Column(
                "Ansvariga (lärosäte)", SKG.responsibleUnit, "refs", path="unit/", side="university"
            ),
            Column(
                "Ansvariga (partner)", SKG.responsibleUnit, "refs", path="unit/", side="partner"
            ),
            *_texts("Samverkansrådets uppgift", SKG.councilTask),
            *_texts("Återrapportering", SKG.reporting),
            Column("Återrapportering senast", SKG.reportingDue, "date"),
            SOURCES,
        ),
        "Activities, projects and initiatives: one row each, as in an action plan.",
    ),
    Sheet(
        "Organ",
        "body/",
        {"organ": SKG.GovernanceBody},
        (
            PARTNERSHIP,
            *_names("Namn"),
            Column("Del av", ORG.unitOf, "refs", path="partnership/"),
            *_texts("Uppgift", SKG.task),
            Column("Medlemsorganisationer", ORG.hasMember, "refs", path="partner/"),
            SOURCES,
        ),
        "Governance bodies (councils, groups).",
    ),
    Sheet(
        "Personer",
        "person/",
        {"person": FOAF.Person},
        (
            Column("Namn", FOAF.name, "value"),
            *_names("Etikett"),
            SOURCES,
        ),
        "People, named only in the public roles the sources give them (no phone numbers).",
    ),
    Sheet(
        "Ledamöter",
        "membership/",
        {"ledamot": ORG.Membership},
        (
            *_names("Beskrivning"),
            Column("Organ", ORG.organization, "refs", path="body/"),
            Column("Person", ORG.member, "refs", path="person/"),
            Column("Roll", ORG.role, "refs", path="role/"),
            Column("Representerar", SKG.represents, "refs", path="partner/"),
            Column("Datum", SKG.date, "date"),
            SOURCES,
        ),
        "Members' public roles in the governance bodies.",
    ),
    Sheet(
        "Evenemang",
        "event/",
        {"evenemang": SCHEMA.Event},
        (
            PARTNERSHIP,
            *_names("Namn"),
            Column("Datum", SKG.date, "date"),
            Column("Plats", SCHEMA.location, "place"),
            Column("Teman", SKG.theme, "refs", path="theme/"),
            Column("Beskrivning (sv)", DCTERMS.description, "text", lang="sv"),
            SOURCES,
        ),
        "Events of the partnership.",
    ),
)

#: Statements no column holds: one per row.
OTHER = "Övrigt"
OTHER_HEADERS = ["Resurs", "Egenskap", "Värde", "Typ av värde"]
OTHER_HELP = (
    "Any other statement: the resource (its ID path, e.g. 'project/ulf', or '_:name' for an "
    "unnamed one), the property as a prefixed name ('skos:note'), the value, and what the "
    "value is: a language ('sv', 'en'), 'iri', 'blank', a datatype ('xsd:date') or empty "
    "for plain text."
)
INSTRUCTIONS = "Instruktioner"

SHEET_NAMES = [sheet.name for sheet in SHEETS] + [OTHER]


def sheet_named(name: str) -> Sheet | None:
    return next((s for s in SHEETS if s.name == name), None)
