"""The spreadsheet template: its sheets, their columns, and what each column means in RDF.

One table drives everything: the import reads a row into triples by it, the export writes
triples back into rows by it, and ``docs/template.md`` describes it. A resource goes in the
first sheet one of its classes belongs to; whatever no column holds goes, statement by
statement, in the sheet ``Övrigt``, so that export → import gives the same graph again.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from rdflib import Literal as RdfLiteral
from rdflib import Namespace, URIRef
from rdflib.term import Node

from ..model import SheetTypes
from ..namespaces import DCTERMS, FOAF, ORG, PROV, RDFS, SCHEMA, SKG, SKOS, XSD

Kind = Literal[
    "text", "refs", "date", "sdgs", "reading", "value", "place", "choice", "address", "identifier"
]


@dataclass(frozen=True)
class Step:
    """One step from a row's resource to an unnamed node its columns describe together:
    the property to it, the node's class, and statements every such node carries."""

    predicate: URIRef
    cls: URIRef
    constants: tuple[tuple[URIRef, Node], ...] = ()


@dataclass(frozen=True)
class Implied:
    """A statement the import adds beside each value a cell gives, so that nobody writes it
    twice: the row's resource ``predicate`` the value (an identifier: the IRI of its record,
    ``namespace`` + the value). The export writes a value into its column only where the
    graph has these statements too."""

    predicate: URIRef
    namespace: str = ""


@dataclass(frozen=True)
class Column:
    """One column: its header, the property it fills and how a cell is written."""

    header: str
    predicate: URIRef
    kind: Kind
    lang: str | None = None  # text: the language of the cell's text
    required: bool = False  # the shapes refuse a row without it (marked in the workbook)
    #: choice: the words of the drop-down list → the IRIs they stand for
    choices: dict[str, URIRef] = field(default_factory=dict)
    #: the unnamed nodes between the row's resource and the property (shared by the row's
    #: columns with the same steps), e.g. an evidence's target and its selector
    via: tuple[Step, ...] = ()
    #: refs: the class path a bare name is under ("area/": "lk-x" → <base>area/lk-x), or a
    #: namespace of its own (an absolute IRI)
    path: str = ""
    datatype: URIRef | None = None  # value: the literal's datatype
    #: refs of skg:responsibleUnit: "university" takes units of a university, "partner" the rest.
    side: str | None = None
    #: what the import adds beside each value (a signature's prov:wasAssociatedWith)
    implies: tuple[Implied, ...] = ()
    #: refs: the class each value is given where the workbook has the value's own row
    #: (prov:Agent: whoever a signature names)
    value_class: URIRef | None = None
    #: identifier: its scheme, one of IDENTIFIER_SCHEMES
    scheme: str = ""
    help: str = ""

    def __hash__(self) -> int:
        return hash((self.header, self.predicate))


@dataclass(frozen=True)
class Sheet:
    """One sheet: the class path its IDs are minted under, its classes and its columns."""

    name: str
    path: str  # "project/": an ID "ulf" names <base>project/ulf
    types: Mapping[str, URIRef]  # the words of the Typ column → classes (the first is the default)
    columns: tuple[Column, ...]
    help: str = ""
    #: statements every row's resource carries (an evidence is motivated by identifying)
    constants: tuple[tuple[URIRef, URIRef], ...] = ()
    #: every row needs an ID: none is minted from the name (evidence: names repeat)
    id_required: bool = False

    @property
    def type_column(self) -> bool:  # asked when used: the types may come from the ontology
        return len(self.types) > 1

    @property
    def name_column(self) -> Column | None:
        """The column an ID is minted from when the row has none: the Swedish name."""
        if self.id_required:
            return None
        return next((c for c in self.columns if c.predicate == RDFS.label and c.lang == "sv"), None)

    @property
    def headers(self) -> list[str]:
        return ["ID", *(["Typ"] if self.type_column else []), *(c.header for c in self.columns)]


#: The Library of Congress's ISO 639-1 codes, as the curated sources name their language.
LANGUAGE_CODES = "http://id.loc.gov/vocabulary/iso639-1/"
OA = Namespace("http://www.w3.org/ns/oa#")
SPDX = Namespace("http://spdx.org/rdf/terms#")

ID_HELP = (
    "The resource's name in its IRI (lower case, a-z, 0-9 and '-'); left empty, it is "
    "minted from the Swedish name."
)


def _names(what: str) -> tuple[Column, Column]:
    return (
        Column(f"{what} (sv)", RDFS.label, "text", lang="sv", required=True, help="Swedish name"),
        Column(f"{what} (en)", RDFS.label, "text", lang="en", help="English name"),
    )


def _texts(header: str, predicate: URIRef, help: str = "") -> tuple[Column, Column]:
    return (
        Column(f"{header} (sv)", predicate, "text", lang="sv", help=help),
        Column(f"{header} (en)", predicate, "text", lang="en", help=help),
    )


SOURCES = Column(
    "Källor",
    DCTERMS.source,
    "refs",
    path="source/",
    required=True,
    help="IDs of the source documents (sheet Källor, or data/sources.ttl)",
)
PARTNERSHIP = Column("Partnerskap", SKG.partnership, "refs", path="partnership/", required=True)


def _sdgs(header: str, predicate: URIRef) -> tuple[Column, Column, Column]:
    """Goals the source names, goals the coordinator reads in it (kept as claims), and
    whether the source names any."""
    return (
        Column(header, predicate, "sdgs", help="the goals the source names"),
        Column(
            f"{header} (koordinatorns läsning)",
            predicate,
            "reading",
            help="goals the source does not name but the coordinator reads in it (a claim)",
        ),
        Column(
            "Mål i källan",
            SKG.sdgCoverage,
            "choice",
            choices={"anges": SKG.SdgsStated, "anges inte": SKG.NoSdgsInSource},
            help="whether the source names global goals at all",
        ),
    )


_TARGET = Step(OA.hasTarget, OA.SpecificResource)
_SELECTOR = Step(OA.hasSelector, OA.TextPositionSelector)
_CHECKSUM = Step(SPDX.checksum, SPDX.Checksum, ((SPDX.algorithm, SPDX.checksumAlgorithm_sha256),))
_AMOUNT = Step(SCHEMA.amount, SCHEMA.MonetaryAmount)


def _position(header: str, predicate: URIRef, help: str) -> Column:
    """An evidence's offset into its source's text: an xsd:integer, as the evidence shape
    (shapes of issue 17) requires; xsd:nonNegativeInteger also came back from the dumps as a
    plain integer, so site and export disagreed."""
    via = (_TARGET, _SELECTOR)
    kind = XSD.integer
    return Column(header, predicate, "value", datatype=kind, required=True, via=via, help=help)


#: Where an identifier's record is, for those that have one (as skos:exactMatch IRIs).
WIKIDATA = "http://www.wikidata.org/entity/"
ROR = "https://ror.org/"


def _identifier(scheme: str, header: str, record: bool = False) -> tuple[Column, ...]:
    """An organisation's identifier in a scheme: an unnamed schema:PropertyValue with the
    scheme's name, the value, the page it was taken from and the curators' notes on it (the
    shapes of issue 17); a ROR ID is also the partner's skos:exactMatch of its record."""
    name = RdfLiteral(scheme)
    step = Step(SCHEMA.identifier, SCHEMA.PropertyValue, ((SCHEMA.propertyID, name),))
    implies = (Implied(SKOS.exactMatch, ROR),) if record else ()
    return (
        Column(
            header,
            SCHEMA.value,
            "identifier",
            via=(step,),
            scheme=scheme,
            implies=implies,
        ),
        Column(
            f"{header}: källa",
            DCTERMS.source,
            "address",
            via=(step,),
            help="the page the identifier was taken from (required with it)",
        ),
        Column(
            f"{header}: anmärkning (sv)",
            SKOS.editorialNote,
            "text",
            lang="sv",
            via=(step,),
            help="the curators' note on the identifier, if any",
        ),
        Column(
            f"{header}: anmärkning (en)",
            SKOS.editorialNote,
            "text",
            lang="en",
            via=(step,),
        ),
    )


#: Who a signature names is a prov:Agent the signing (a prov:Activity) is associated with.
_SIGNING = (Implied(PROV.wasAssociatedWith),)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Källor",
        "source/",
        {"källa": SKG.SourceDocument},
        (
            Column("Titel (sv)", RDFS.label, "text", lang="sv", required=True),
            Column("Titel (en)", RDFS.label, "text", lang="en"),
            Column("Dokumentets titel", DCTERMS.title, "text", lang="sv"),
            Column(
                "Fil",
                DCTERMS.identifier,
                "value",
                help="the document's file name, if it is held as a file (a web page: Adress)",
            ),
            Column("Adress", SCHEMA.url, "address", help="the public page's address"),
            Column("Hämtad", SKG.accessed, "value", datatype=XSD.date, help="YYYY-MM-DD"),
            Column("Utgiven", DCTERMS.issued, "value", datatype=XSD.date, help="YYYY-MM-DD"),
            Column(
                "Senast uppdaterad",
                DCTERMS.modified,
                "value",
                datatype=XSD.date,
                help="YYYY-MM-DD, as the page says",
            ),
            Column("Dokumenttyp", DCTERMS.type, "refs", path="concept/", required=True),
            Column("Utgivare", DCTERMS.publisher, "refs", path="partner/", required=True),
            Column(
                "Språk", DCTERMS.language, "refs", path=LANGUAGE_CODES, required=True, help="sv, en"
            ),
            *_texts("Beskrivning", DCTERMS.description),
        ),
        "The public documents and pages every fact comes from.",
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
            Column(
                "Wikidata",
                SKOS.exactMatch,
                "identifier",
                path=WIKIDATA,
                scheme="Wikidata",
                help="the Wikidata item (becomes skos:exactMatch of its record)",
            ),
            *_identifier("ROR", "ROR", record=True),
            *_identifier("organisationsnummer", "Organisationsnummer"),
            *_identifier("kommunkod", "Kommunkod"),
            *_identifier("länskod", "Länskod"),
        ),
        "Partners and their units (give units an ID under unit/, e.g. 'unit/lk-x'), with "
        "their identifiers: each with the page it was taken from.",
    ),
    Sheet(
        "Partnerskap",
        "partnership/",
        SheetTypes("Partnerskap"),  # every kind of partnership, from the ontology
        (
            *_names("Namn"),
            Column(
                "Parter", ORG.hasMember, "refs", path="partner/", required=True, help="two or more"
            ),
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
            Column(
                "Parter",
                SKG.party,
                "refs",
                path="partner/",
                required=True,
                help="all parties, two or more",
            ),
            Column("Undertecknat", SKG.signed, "date"),
            Column("Gäller från", SKG.validFrom, "date"),
            Column("Gäller till", SKG.validUntil, "date", help="the end, if the source gives one"),
            Column(
                "Gäller tills vidare",
                SKG.openEndedValidity,
                "text",
                lang="sv",
                help="the source's words for a validity with no end, e.g. 'tills vidare, "
                "med uppsägning'",
            ),
            Column(
                "Förnyar",
                SKG.follows,
                "refs",
                path="agreement/",
                help="the earlier agreement this one renews or follows",
            ),
            Column("Förverkligar", SKG.implements, "refs", path="agreement/"),
            *_texts("Syfte", SKG.purpose),
            *_texts("Mål", SKG.aim, "the agreement's aims, in the source's words"),
            *_texts("Omfattning", SKG.scope, "what the agreement covers"),
            Column(
                "Samverkansformer",
                SKG.collaborationForm,
                "refs",
                path="form/",
                help="forms of the shared typology (data/typologies.ttl)",
            ),
            Column("Samverkansområden", SKG.hasCollaborationArea, "refs", path="area/"),
            *_sdgs("Övergripande globala mål", SKG.crossCuttingSDG),
            Column(
                "Finansiering",
                SKG.fundingCoverage,
                "choice",
                choices={
                    "se bladet Finansiering": SKG.FundingStated,
                    "inga ekonomiska åtaganden": SKG.NoFundingCommitments,
                },
                help="whether the source states funding (sheet Finansiering) or none",
            ),
            Column("Samverkansorgan", SKG.governanceBody, "refs", path="body/"),
            SOURCES,
        ),
        "Agreements and action plans (give plans an ID under action-plan/).",
    ),
    Sheet(
        "Undertecknare",
        "signature/",
        {"underskrift": SKG.Signature},
        (
            Column("Avtal", SKG.signatureOf, "refs", path="agreement/", required=True),
            *_names("Benämning"),
            Column(
                "Undertecknar för",
                SKG.signedFor,
                "refs",
                path="partner/",
                required=True,
                help="the party",
                implies=_SIGNING,
                value_class=PROV.Agent,
            ),
            *_texts("Roll", SKG.signatoryRole, "the signatory's public role, e.g. 'rektor'"),
            Column(
                "Person",
                SKG.signatory,
                "refs",
                path="person/",
                help="only if named",
                implies=_SIGNING,
                value_class=PROV.Agent,
            ),
            Column("Ort", SCHEMA.location, "place", help="the place of signing"),
            Column("Datum", SKG.date, "date", help="the date of signing"),
            SOURCES,
        ),
        "Who signed each agreement, by public role, with the place and date of signing.",
    ),
    Sheet(
        "Finansiering",
        "funding/",
        {"finansiering": SCHEMA.MonetaryGrant},
        (
            Column("Avtal", SCHEMA.fundedItem, "refs", path="agreement/", required=True),
            *_names("Benämning"),
            Column("Finansiär", SCHEMA.funder, "refs", path="partner/"),
            Column(
                "Belopp",
                SCHEMA.value,
                "value",
                datatype=XSD.decimal,
                via=(_AMOUNT,),
                help="a number, e.g. 1500000",
            ),
            Column("Valuta", SCHEMA.currency, "value", via=(_AMOUNT,), help="SEK, EUR"),
            Column("Från", SKG.validFrom, "date"),
            Column("Till", SKG.validUntil, "date"),
            SOURCES,
        ),
        "Funding an agreement states: amount, currency, funder and period.",
    ),
    Sheet(
        "Begreppsscheman",
        "scheme/",
        {"begreppsschema": SKOS.ConceptScheme},
        (*_names("Namn"), SOURCES),
        "The lists areas belong to: one per agreement or partnership "
        "(e.g. 'lk-samverkansomraden').",
    ),
    Sheet(
        "Områden",
        "area/",
        {"samverkansområde": SKG.CollaborationArea, "utvecklingsområde": SKG.DevelopmentArea},
        (
            *_names("Namn"),
            Column(
                "Begreppsschema",
                SKOS.inScheme,
                "refs",
                path="scheme/",
                required=True,
                help="a row of the sheet Begreppsscheman",
            ),
            Column("Beskrivning (sv)", SKOS.definition, "text", lang="sv"),
            *_sdgs("Globala mål", SKG.sdg),
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
            *_sdgs("Globala mål", SKG.sdg),
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
        "Activities, projects and initiatives: one row each, as in an action plan. A "
        "project's global goals must be among its area's.",
    ),
    Sheet(
        "Organ",
        "body/",
        {"organ": SKG.GovernanceBody},
        (
            PARTNERSHIP,
            *_names("Namn"),
            Column("Del av", ORG.unitOf, "refs", path="partnership/", required=True),
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
        "Roller",
        "role/",
        {"roll": ORG.Role},
        (
            *_names("Namn"),
            *_texts("Definition", SKOS.definition, "what the role is, if the name does not say"),
            SOURCES,
        ),
        "Public roles the members hold ('rektor', 'stadsdirektör'), named in Ledamöter's Roll.",
    ),
    Sheet(
        "Ledamöter",
        "membership/",
        {"ledamot": ORG.Membership},
        (
            *_names("Beskrivning"),
            Column("Organ", ORG.organization, "refs", path="body/", required=True),
            Column("Person", ORG.member, "refs", path="person/", required=True),
            Column("Roll", ORG.role, "refs", path="role/", required=True),
            Column("Representerar", SKG.represents, "refs", path="partner/"),
            Column("Datum", SKG.date, "date"),
            SOURCES,
        ),
        "Members' public roles in the governance bodies (roles: sheet Roller, or data/).",
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
    Sheet(
        "Belägg",
        "evidence/",
        {"belägg": OA.Annotation},
        (
            Column(
                "Gäller", OA.hasBody, "refs", required=True, help="the resource, e.g. agreement/x"
            ),
            *_texts("Benämning", RDFS.label, "a name for the passage, if wanted"),
            Column(
                "Egenskaper",
                SKG.evidenceFor,
                "refs",
                help="the properties the passage states, e.g. dct:title, skg:validFrom",
            ),
            Column("Källa", OA.hasSource, "refs", path="source/", required=True, via=(_TARGET,)),
            _position("Start", OA.start, "the passage's first character (code points, NFC)"),
            _position("Slut", OA.end, "the character after the passage"),
            Column(
                "SHA-256",
                SPDX.checksumValue,
                "value",
                required=True,
                via=(_TARGET, _SELECTOR, _CHECKSUM),
                help="hex SHA-256 of the passage's UTF-8 bytes",
            ),
        ),
        "Where in a source each fact stands: a position and a digest, never the text. "
        "Give each row an ID.",
        constants=((OA.motivatedBy, OA.identifying),),
        id_required=True,
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
#: The coordinator's own notes: kept in the workbook, never read into the graph.
NOTES = "Anteckningar"
NOTES_HEADERS = ["Gäller", "Anteckning"]

SHEET_NAMES = [sheet.name for sheet in SHEETS] + [OTHER, NOTES]


def sheet_named(name: str) -> Sheet | None:
    return next((s for s in SHEETS if s.name == name), None)
