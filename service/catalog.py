"""The DCAT-AP-SE catalogue of the dataset, for harvesters such as dataportal.se, and what
it shares with the VoID description (titles, licence, dumps, the data's release).

``dcat:Catalog`` → ``dcat:Dataset`` → one ``dcat:Distribution`` per dump and one for the
SPARQL endpoint (served by a ``dcat:DataService``). Every one of them, the publisher and the
contact point has an IRI (no blank node): harvesters merge records by IRI. Themes, language,
access rights and place come from the EU's authority vocabularies; media types are IANA's
IRIs; the period covered is the span of the data's own dates; ``dct:modified`` and the
version come from the data's release (:func:`release`), never the clock.

What is not a fact of this project is not said: the catalogue names only Sweden as its
place (the counties' EU authority IRIs are not given), and the contact point is the
service's page on how to report a problem (the project states no e-mail address).
"""

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final
from urllib.parse import urljoin

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from . import __version__
from .formats import DATASET_TYPES
from .i18n import LANGUAGES
from .namespaces import CURATORS, DCAT, DCTERMS, FOAF, OWL, RDF, SKG, SKOS, VCARD, sparql_prefixes
from .paths import default_graph_files
from .store.base import Store
from .words import say

_AUTHORITY: Final = "http://publications.europa.eu/resource/authority/"
#: The data themes the dataset belongs to: government and public sector; education.
THEMES: Final = (_AUTHORITY + "data-theme/GOVE", _AUTHORITY + "data-theme/EDUC")
THEME_SCHEME: Final = _AUTHORITY + "data-theme"
COUNTRY: Final = _AUTHORITY + "country/SWE"
PUBLIC: Final = _AUTHORITY + "access-right/PUBLIC"
#: ADMS publisher type: the curators are people curating the graph, not an organisation.
PUBLISHER_TYPE: Final = "http://purl.org/adms/publishertype/PrivateIndividual(s)"
#: The catalogue's keywords: one word of the catalogue, "; " between them.
KEYWORD_SEPARATOR: Final = "; "
#: The first and last day the data's dates may mean.
_PERIOD: Final = (
    sparql_prefixes("skg", "xsd")
    + """
SELECT ?start ?end WHERE {
  { SELECT (MIN(?e) AS ?start) WHERE { ?d skg:earliest ?e FILTER(datatype(?e) = xsd:date) } }
  { SELECT (MAX(?l) AS ?end) WHERE { ?d skg:latest ?l FILTER(datatype(?l) = xsd:date) } }
}"""
)


LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"

#: The downloads, by file extension.
DUMPS = {fmt.extension: fmt for fmt in DATASET_TYPES if fmt.extension}


def dataset_iri(base_iri: str) -> URIRef:
    """The dataset's own IRI (it dereferences to this description at /dataset)."""
    return URIRef(base_iri + "dataset")


def catalog_iri(base_iri: str) -> URIRef:
    """The catalogue's IRI (its DCAT-AP description is served at /catalog)."""
    return URIRef(base_iri + "catalog")


@dataclass(frozen=True)
class Release:
    """When the data last changed, and the version that names that state of it."""

    modified: dt.date
    version: str


@lru_cache(maxsize=8)
def _last_commit(files: tuple[Path, ...]) -> tuple[dt.date, str] | None:
    """The date and short hash of the last git commit touching ``files`` (None outside a
    checkout, without git, or for files git does not track)."""
    folders = {p.parent for p in files}
    if not files or len(folders) > 8 or shutil.which("git") is None:
        return None
    top = next(iter(sorted(folders)))
    try:
        answer = subprocess.run(
            ["git", "-C", str(top), "log", "-1", "--format=%cs %h", "--", *map(str, files)],
            capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
        day, commit = answer.stdout.split()
        return dt.date.fromisoformat(day), commit
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


def release(files: Sequence[Path]) -> Release:
    """The data's release, read from the data, never the clock: ``SOURCE_DATE_EPOCH`` if
    set (reproducible builds), else the last git commit of the graph's files (the version is
    the package's plus that commit), else the newest file's time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return Release(dt.datetime.fromtimestamp(int(epoch), dt.UTC).date(), __version__)
    paths = tuple(sorted(p.resolve() for p in files if p.is_file()))
    commit = _last_commit(paths)
    if commit is not None:
        return Release(commit[0], f"{__version__}+{commit[1]}")
    times = [p.stat().st_mtime for p in paths]
    newest = dt.datetime.fromtimestamp(max(times), dt.UTC).date() if times else dt.date(1970, 1, 1)
    return Release(newest, __version__)


def add_release(graph: Graph, subject: URIRef, found: Release) -> None:
    """``dct:modified``, ``owl:versionInfo`` and ``dcat:version`` of the data's release."""
    graph.add((subject, OWL.versionInfo, Literal(found.version)))
    graph.add((subject, DCAT.version, Literal(found.version)))
    graph.add((subject, DCTERMS.modified, Literal(found.modified.isoformat(), datatype=XSD.date)))


def _iri(value: str) -> URIRef:
    return URIRef(value)


def _both(graph: Graph, subject: URIRef, predicate: URIRef, key: str) -> None:
    """The word ``key`` of the words catalogue in every language, as ``predicate``."""
    for lang in LANGUAGES:
        graph.add((subject, predicate, Literal(say(lang, key), lang=lang)))


def _typed(graph: Graph, iri: str, kind: URIRef) -> URIRef:
    """``iri`` declared of ``kind`` (DCAT-AP's range classes), returned as a term."""
    node = _iri(iri)
    graph.add((node, RDF.type, kind))
    return node


def _period(graph: Graph, dataset: URIRef, store: Store) -> None:
    rows = store.select(_PERIOD).rows
    start, end = (rows[0].get("start"), rows[0].get("end")) if rows else (None, None)
    if start is None and end is None:
        return
    period = _iri(str(dataset) + "/period")
    graph.add((dataset, DCTERMS.temporal, period))
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    for predicate, value in ((DCAT.startDate, start), (DCAT.endDate, end)):
        if value is not None:
            graph.add((period, predicate, Literal(str(value), datatype=XSD.date)))


def _agents(graph: Graph, service: str) -> tuple[URIRef, URIRef]:
    """The publisher (the curators, an IRI'd foaf:Agent) and the contact point (a vCard)."""
    publisher = _iri(CURATORS)
    graph.add((publisher, RDF.type, FOAF.Agent))
    _both(graph, publisher, FOAF.name, "catalog.curators")
    graph.add((publisher, DCTERMS.type, _typed(graph, PUBLISHER_TYPE, SKOS.Concept)))
    contact = _iri(CURATORS + "/contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))
    _both(graph, contact, VCARD.fn, "catalog.curators")
    graph.add((contact, VCARD.hasURL, _iri(service + "accessibility#report")))
    return publisher, contact


def _distributions(
    graph: Graph, dataset: URIRef, service: str, dumps: Sequence[str], endpoint: str | None
) -> URIRef | None:
    """One distribution per dump and one for the SPARQL endpoint (if there is one); the
    endpoint's data service."""
    licence = _typed(graph, str(LICENSE), DCTERMS.LicenseDocument)
    for extension in dumps:
        fmt = DUMPS[extension]
        url = _iri(f"{service}dump.{extension}")
        distribution = _iri(f"{dataset}/distribution/{extension}")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCTERMS.title, Literal(f"{fmt.name} dump", lang="en")))
        graph.add((distribution, DCAT.accessURL, url))
        graph.add((distribution, DCAT.downloadURL, url))
        media = _typed(graph, IANA_MEDIA_TYPES + fmt.media_type, DCTERMS.MediaType)
        graph.add((distribution, DCAT.mediaType, media))
        graph.add((distribution, DCTERMS.license, licence))
    if endpoint is None:
        return None
    url = _iri(urljoin(service, endpoint))
    api = _iri(f"{dataset}/sparql-service")
    graph.add((api, RDF.type, DCAT.DataService))
    graph.add((api, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    graph.add((api, DCAT.endpointURL, url))
    graph.add((api, DCAT.endpointDescription, url))
    graph.add((api, DCAT.servesDataset, dataset))
    graph.add((api, DCTERMS.conformsTo, _iri("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((api, DCTERMS.license, licence))
    access = _iri(f"{dataset}/distribution/sparql")
    graph.add((dataset, DCAT.distribution, access))
    graph.add((access, RDF.type, DCAT.Distribution))
    graph.add((access, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    graph.add((access, DCAT.accessURL, url))
    graph.add((access, DCAT.accessService, api))
    graph.add((access, DCTERMS.license, licence))
    return api


def catalog_graph(
    store: Store,
    base_iri: str,
    service_url: str,
    files: Sequence[Path] = (),
    *,
    dumps: Sequence[str] = tuple(DUMPS),
    endpoint: str | None = "sparql",
) -> Graph:
    """The DCAT-AP-SE catalogue; links are rooted at ``service_url``. A static site names
    the ``dumps`` it holds and the live ``endpoint`` (absolute, or None when there is none)."""
    service = service_url if service_url.endswith("/") else service_url + "/"
    graph = Graph()
    catalog, dataset = catalog_iri(base_iri), dataset_iri(base_iri)
    found = release(list(files) or default_graph_files())
    publisher, contact = _agents(graph, service)
    languages = [
        _typed(graph, EU_LANGUAGE + code, DCTERMS.LinguisticSystem) for code in ("SWE", "ENG")
    ]
    sweden = _typed(graph, COUNTRY, DCTERMS.Location)
    for subject, kind, title in ((catalog, DCAT.Catalog, "catalog.title"),
                                 (dataset, DCAT.Dataset, "dataset.title")):  # fmt: skip
        graph.add((subject, RDF.type, kind))
        _both(graph, subject, DCTERMS.title, title)
        _both(graph, subject, DCTERMS.description, "dataset.description")
        graph.add((subject, DCTERMS.publisher, publisher))
        graph.add((subject, DCTERMS.spatial, sweden))
        for language in languages:
            graph.add((subject, DCTERMS.language, language))
        add_release(graph, subject, found)

    graph.add((catalog, DCAT.dataset, dataset))
    graph.add((catalog, FOAF.homepage, _typed(graph, service, FOAF.Document)))
    graph.add((catalog, DCTERMS.license, _typed(graph, str(LICENSE), DCTERMS.LicenseDocument)))
    graph.add((catalog, DCAT.themeTaxonomy, _typed(graph, THEME_SCHEME, SKOS.ConceptScheme)))

    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCAT.landingPage, _typed(graph, service, FOAF.Document)))
    graph.add((dataset, DCTERMS.accessRights, _typed(graph, PUBLIC, DCTERMS.RightsStatement)))
    for theme in THEMES:
        concept = _typed(graph, theme, SKOS.Concept)
        graph.add((concept, SKOS.inScheme, _iri(THEME_SCHEME)))
        graph.add((dataset, DCAT.theme, concept))
    for lang in LANGUAGES:
        for word in say(lang, "catalog.keywords").split(KEYWORD_SEPARATOR):
            graph.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCTERMS.conformsTo, _iri(str(SKG).rstrip("#"))))
    _period(graph, dataset, store)
    api = _distributions(graph, dataset, service, dumps, endpoint)
    if api is not None:
        graph.add((catalog, DCAT.service, api))
    return graph
