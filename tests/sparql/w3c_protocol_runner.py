"""Run the W3C SPARQL 1.1 Protocol and Service Description tests against the real app.

The tests are read from the manifests in ``../shared/w3c-sparql11`` with rdflib (nothing is
transcribed here). For each test a store is built from its ``ut:graphData`` (each file into
the named graph its ``rdfs:label`` names; ``ut:data`` into the default graph), then each
request (method, path with ``/sparql/`` replaced by our endpoint, headers, body) is sent
to the app through the ASGI test client and the response is checked against
``mf:expectedStatus``, ``mf:expectedFormat`` and ``mf:expectedBoolean``.

The endpoint is read-only: an update test that expects success is reported "n/a
(read-only)" and passes only if the update is refused with a 4xx.

Run as ``python tests/w3c_protocol_runner.py`` for a summary; tests/test_w3c_protocol.py runs
each case under pytest.
"""

import csv
import io
import json
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as TypingLiteral
from urllib.parse import parse_qs, urlsplit
from urllib.request import url2pathname

from locations import SHARED
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from service.app import create_app
from service.build import build_store
from service.settings import Settings
from service.sparql.protocol import PATH
from service.store.base import Store

with warnings.catch_warnings():  # Starlette's notice about the test client's HTTP library
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


SUITE = SHARED / "w3c-sparql11"
PROTOCOL_MANIFEST = SUITE / "protocol" / "manifest.ttl"
SD_MANIFEST = SUITE / "service-description" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
SRX = "{http://www.w3.org/2005/sparql-results#}"
SPARQL_UPDATE = "application/sparql-update"

Verdict = TypingLiteral["pass", "fail", "n/a"]


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]  # "2xx", "4xx", ...
    expected_format: str | None
    expected_boolean: bool | None


@dataclass(frozen=True)
class Case:
    """One manifest entry."""

    suite: str  # "protocol" | "service-description"
    name: str  # the entry's local name, e.g. "query_post_form"
    title: str
    requests: tuple[HttpRequest, ...] = ()
    default_data: tuple[Path, ...] = ()
    named_data: tuple[tuple[str, Path], ...] = ()

    @property
    def id(self) -> str:
        return f"{self.suite}:{self.name}"


@dataclass
class Outcome:
    verdict: Verdict
    details: list[str] = field(default_factory=list)


def _entries(manifest: Graph) -> list[Node]:
    root = manifest.value(predicate=RDF.type, object=MF.Manifest, any=False)
    entries = manifest.value(root, MF.entries)
    assert root is not None and entries is not None, "manifest without mf:entries"
    return list(Collection(manifest, entries))


def _local(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1]


def _request(manifest: Graph, node: Node) -> HttpRequest:
    headers = {}
    header_list = manifest.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(manifest, header_list):
            name = str(manifest.value(header, HT.fieldName))
            headers[name] = str(manifest.value(header, HT.fieldValue))
    body = None
    content = manifest.value(node, HT.body)
    if content is not None:
        encoding = str(manifest.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(manifest.value(content, CNT.chars)).encode(encoding.lower())
    response = manifest.value(node, HT.resp)
    statuses = frozenset(
        str(s).removeprefix(HTS).lower() for s in manifest.objects(response, MF.expectedStatus)
    )
    fmt = manifest.value(response, MF.expectedFormat)
    boolean = manifest.value(response, MF.expectedBoolean)
    return HttpRequest(
        method=str(manifest.value(node, HT.methodName)),
        path=str(manifest.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses=statuses,
        expected_format=str(fmt) if fmt is not None else None,
        expected_boolean=bool(boolean.toPython()) if isinstance(boolean, Literal) else None,
    )


def _file(iri: Node | None) -> Path:
    """A data file named by a file: IRI (relative IRIs resolve against the manifest)."""
    return Path(url2pathname(urlsplit(str(iri)).path))


def _protocol_cases(path: Path) -> list[Case]:
    manifest = Graph().parse(path, format="turtle")
    cases = []
    for entry in _entries(manifest):
        request_list = manifest.value(manifest.value(entry, MF.action), HT.requests)
        assert request_list is not None, f"{entry}: no ht:requests"
        requests = tuple(_request(manifest, r) for r in Collection(manifest, request_list))
        named, default = [], []
        for data in manifest.objects(entry, UT.graphData):
            file = _file(manifest.value(data, UT.graph))
            named.append((str(manifest.value(data, RDFS.label)), file))
        for data in manifest.objects(entry, UT.data):
            default.append(_file(data))
        cases.append(
            Case(
                suite="protocol",
                name=_local(entry),
                title=str(manifest.value(entry, MF.name)),
                requests=requests,
                default_data=tuple(default),
                named_data=tuple(sorted(named)),
            )
        )
    return cases


def _sd_cases(path: Path) -> list[Case]:
    manifest = Graph().parse(path, format="turtle")
    return [
        Case("service-description", _local(e), str(manifest.value(e, MF.name)))
        for e in _entries(manifest)
    ]


def load_cases() -> list[Case]:
    """Every test of both manifests, in manifest order."""
    return _protocol_cases(PROTOCOL_MANIFEST) + _sd_cases(SD_MANIFEST)


# --- running -----------------------------------------------------------------------------


#: Builds the store a case runs against (default: the embedded default backend).
MakeStore = Callable[[Dataset], Store]


def _client(case: Case, make_store: MakeStore | None = None) -> TestClient:
    dataset = Dataset()
    for file in case.default_data:
        dataset.default_graph.parse(file)
    for name, file in case.named_data:
        dataset.graph(URIRef(name)).parse(file)
    settings = Settings(query_workers=1, query_timeout=20)
    store = make_store(dataset) if make_store else build_store(dataset, settings.store)
    return TestClient(create_app(settings, store), base_url="http://www.example")


def _is_update(request: HttpRequest) -> bool:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == SPARQL_UPDATE:
        return True
    query_string = request.path.partition("?")[2]
    form = request.body.decode("utf-8", "replace") if request.body else ""
    return "update" in parse_qs(query_string) or (
        content_type == "application/x-www-form-urlencoded" and "update" in parse_qs(form)
    )


def _status_class(status: int) -> str:
    return f"{status // 100}xx"


def _parse_boolean(content_type: str, body: bytes) -> bool:
    if "json" in content_type:
        value = json.loads(body)["boolean"]
        assert isinstance(value, bool)
        return value
    element = ET.fromstring(body).find(SRX + "boolean")
    assert element is not None, "no <boolean> in the XML answer"
    return element.text == "true"


def _check_tabular(content_type: str, body: bytes) -> None:
    if "json" in content_type:
        data = json.loads(body)
        assert "vars" in data["head"] and "bindings" in data["results"]
    elif "xml" in content_type:
        assert ET.fromstring(body).find(SRX + "results") is not None
    elif "csv" in content_type or "tab-separated" in content_type:
        delimiter = "," if "csv" in content_type else "\t"
        rows = list(csv.reader(io.StringIO(body.decode("utf-8")), delimiter=delimiter))
        assert rows and rows[0], "no header row"
    else:
        raise AssertionError(f"not a tabular result format: {content_type}")


def _check_rdf(content_type: str, body: bytes) -> None:
    formats = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/rdf+xml": "xml",
        "application/ld+json": "json-ld",
        "application/n-quads": "nquads",
        "application/trig": "trig",
    }
    media_type = content_type.split(";")[0].strip()
    assert media_type in formats, f"not an RDF format: {content_type}"
    Dataset().parse(data=body.decode("utf-8"), format=formats[media_type])


def _send(client: TestClient, request: HttpRequest) -> tuple[int, str, bytes]:
    path = request.path.replace("/sparql/", PATH, 1)
    response = client.request(request.method, path, headers=request.headers, content=request.body)
    return response.status_code, response.headers.get("content-type", ""), response.content


def _run_protocol(case: Case, make_store: MakeStore | None) -> Outcome:
    details: list[str] = []
    with _client(case, make_store) as client:
        for number, request in enumerate(case.requests, start=1):
            status, content_type, body = _send(client, request)
            where = f"request {number} ({request.method}): {status}"
            if _is_update(request) and "2xx" in request.statuses:
                if _status_class(status) == "4xx":
                    return Outcome("n/a", [f"{where}: update refused (read-only)"])
                return Outcome("fail", [f"{where}: a read-only endpoint must refuse updates"])
            if _status_class(status) not in request.statuses:
                expected = "/".join(sorted(request.statuses))
                return Outcome("fail", [f"{where}, expected {expected}: {body[:200]!r}"])
            try:
                if request.expected_format == "boolean" or request.expected_boolean is not None:
                    value = _parse_boolean(content_type, body)
                    if request.expected_boolean is not None and value != request.expected_boolean:
                        return Outcome("fail", [f"{where}: boolean {value}"])
                elif request.expected_format == "tabular":
                    _check_tabular(content_type, body)
                elif request.expected_format == "RDF":
                    _check_rdf(content_type, body)
            except Exception as error:
                return Outcome("fail", [f"{where}: {content_type}: {error!r}"])
            details.append(f"{where} {content_type}".strip())
    return Outcome("pass", details)


def _run_service_description(case: Case, make_store: MakeStore | None) -> Outcome:
    with _client(case, make_store) as client:
        response = client.get(PATH)
        endpoint = URIRef(str(client.base_url).rstrip("/") + PATH)
    if response.status_code != 200:
        return Outcome("fail", [f"GET {PATH}: {response.status_code}"])
    content_type = response.headers.get("content-type", "")
    try:
        _check_rdf(content_type, response.content)
        graph = Graph()
        fmt = content_type.split(";")[0].strip()
        graph.parse(data=response.text, format={"text/turtle": "turtle"}.get(fmt, fmt))
    except Exception as error:
        return Outcome("fail", [f"not RDF ({content_type}): {error!r}"])
    if case.name == "returns-rdf":
        return Outcome("pass", [f"{content_type}, {len(graph)} triples"])
    if case.name == "has-endpoint-triple":
        if (None, SD.endpoint, endpoint) in graph:
            return Outcome("pass", [f"sd:endpoint <{endpoint}>"])
        return Outcome("fail", [f"no ?s sd:endpoint <{endpoint}>"])
    if case.name == "conforms-to-schema":
        unnamed = [
            g for g in graph.subjects(RDF.type, SD.NamedGraph) if not graph.value(g, SD.name)
        ]
        services = list(graph.subjects(RDF.type, SD.Service))
        if unnamed or not services:
            return Outcome("fail", [f"unnamed sd:NamedGraph: {unnamed}; services: {services}"])
        return Outcome("pass", ["every sd:NamedGraph has an sd:name"])
    return Outcome("fail", [f"unknown service description test {case.name}"])


def run_case(case: Case, make_store: MakeStore | None = None) -> Outcome:
    """Run one case against the app over ``make_store(dataset)`` (default: embedded)."""
    if case.suite == "protocol":
        return _run_protocol(case, make_store)
    return _run_service_description(case, make_store)


def run_all() -> Iterator[tuple[Case, Outcome]]:
    for case in load_cases():
        yield case, run_case(case)


def main() -> int:
    if not SUITE.is_dir():
        print(f"skipped: {SUITE} is absent", file=sys.stderr)
        return 0
    counts = {"pass": 0, "fail": 0, "n/a": 0}
    for case, outcome in run_all():
        counts[outcome.verdict] += 1
        detail = "; ".join(outcome.details)
        print(f"{outcome.verdict.upper():5} {case.id}  {detail}")
    print(
        f"W3C SPARQL 1.1 protocol + service description: {counts['pass']} pass, "
        f"{counts['fail']} fail, {counts['n/a']} n/a (read-only)"
    )
    return 1 if counts["fail"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
