"""`samverkan serve`: the command as a subprocess, and a real uvicorn server it starts.

The server tests run one `samverkan serve FILE --port N --timeout 2` for the module (started
by ``tests/live.py``) and talk to it over loopback with httpx, SPARQLWrapper and rdflib's
SPARQLStore.
"""

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live import LiveServer, baseline, running_server, samverkan
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from service.namespaces import SD

EX = Namespace("http://example.org/")
TRIPLES = 3_000
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = "PREFIX ex: <http://example.org/> SELECT ?v WHERE { ex:s42 ex:value ?v }"


def write_data(path: Path, count: int = TRIPLES) -> Path:
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [f"ex:s{i} ex:value {i} ." for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- the command without a server: --get, exit codes, settings --------------------------


def test_get_answers_in_process(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data.ttl", 10)
    health = samverkan("serve", str(data), "--get", "/health")
    assert health.returncode == 0, health.stderr
    answered = {"status": "ok", "triples": 10, "store": "oxigraph", "warm": "off"}
    assert json.loads(health.stdout) == answered  # in-process: nothing read ahead
    select = SIMPLE.replace("s42", "s7")
    query = samverkan("serve", str(data), "--get", f"/sparql?query={select}&format=json")
    assert query.returncode == 0, query.stderr
    bindings = json.loads(query.stdout)["results"]["bindings"]
    assert [b["v"]["value"] for b in bindings] == ["7"]
    bad = samverkan("serve", str(data), "--get", "/sparql?query=SELECT")
    assert bad.returncode == 1
    assert "syntax error" in bad.stdout


def test_syntax_error_exits_2_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        '@prefix ex: <http://example.org/> .\n\nex:a ex:p ex:b .\nex:c ex:p "open .\n',
        encoding="utf-8",
    )
    result = samverkan("serve", str(broken), "--get", "/health")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(f"{broken}:4: ")


SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:ValueShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:value ;
    sh:property [ sh:path ex:value ; sh:maxInclusive 5 ; sh:message "value above 5" ] .
"""


def test_malformed_saved_question_refuses_to_serve(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data.ttl", 3)
    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "broken.rq").write_text(
        "# title@sv: Trasig\n# titel@en: typo in the field name\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    result = samverkan(
        "serve", str(data), "--get", "/health", env={"SAMVERKAN_QUERIES_DIR": str(questions)}
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith(f"{questions / 'broken.rq'}:2: ")


def test_violations_refuse_to_serve_unless_allowed(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data.ttl", 8)
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES, encoding="utf-8")
    refused = samverkan("serve", str(data), "--shapes", str(shapes), "--get", "/health")
    assert refused.returncode == 1
    assert "value above 5" in refused.stderr and "does not conform" in refused.stderr
    assert refused.stdout == ""
    allowed = samverkan(
        "serve", str(data), "--get", "/health", "--allow-invalid",
        env={"SAMVERKAN_SHAPES": json.dumps([str(shapes)])},
    )  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["triples"] == 8


def test_every_syntax_and_named_graphs(tmp_path: Path) -> None:
    files = {
        "a.ttl": "<http://example.org/a> <http://example.org/p> 1 .",
        "b.nt": '<http://example.org/b> <http://example.org/p> "2" .',
        "c.nq": '<http://example.org/c> <http://example.org/p> "3" <http://example.org/gc> .',
        "d.trig": "<http://example.org/gd> { <http://example.org/d> <http://example.org/p> 4 }",
        "e.jsonld": '{"@id": "http://example.org/e", "http://example.org/p": 5}',
        "f.rdf": (
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/f">'
            "<ex:p>6</ex:p></rdf:Description></rdf:RDF>"
        ),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    extra = write_data(tmp_path / "extra.ttl", 3)
    args = [str(tmp_path / name) for name in files]
    result = samverkan(
        "serve", *args, "--graph", f"{EX.extra}={extra}", "--get", "/sparql?format=nt"
    )
    assert result.returncode == 0, result.stderr
    description = Graph().parse(data=result.stdout, format="nt")
    names = {description.value(g, SD.name) for g in description.subjects(RDF.type, SD.NamedGraph)}
    assert names == {EX.gc, EX.gd, EX.extra}
    health = samverkan("serve", *args, "--graph", f"{EX.extra}={extra}", "--get", "/health")
    assert json.loads(health.stdout)["triples"] == 6 + 3
    malformed = samverkan("serve", *args, "--graph", "no-equals-sign", "--get", "/health")
    assert malformed.returncode == 2 and "IRI=FILE" in malformed.stderr


def test_flags_override_environment(tmp_path: Path) -> None:
    data = write_data(tmp_path / "data.ttl", 2)
    from_env = samverkan("serve", str(data), "--get", "/health", env={"SAMVERKAN_STORE": "rdflib"})
    assert json.loads(from_env.stdout)["store"] == "rdflib"
    flag = samverkan(
        "serve", str(data), "--store", "oxigraph", "--get", "/health",
        env={"SAMVERKAN_STORE": "rdflib"},
    )  # fmt: skip
    assert json.loads(flag.stdout)["store"] == "oxigraph"
    bad_env = samverkan("serve", str(data), "--get", "/health", env={"SAMVERKAN_STORE": "neo4j"})
    assert bad_env.returncode == 2 and "store" in bad_env.stderr


# --- a real uvicorn server ---------------------------------------------------------------


class Server:
    """The module's live server as these tests see it: URL with a slash, endpoint, banner."""

    def __init__(self, live: LiveServer) -> None:
        self.process = live.process
        self.url = live.url + "/"
        self.banner = next(iter(live.stdout().splitlines()), "").strip()

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = write_data(tmp_path_factory.mktemp("serve") / "data.ttl")
    with running_server([str(data), "--timeout", "2"]) as live:
        yield Server(live)


def test_banner(server: Server) -> None:
    assert server.banner == f"Serving samverkan-kg on {server.url}  (SPARQL: /sparql)"


def test_the_served_app_reads_ahead_what_pages_read_once(server: Server) -> None:
    """The warm-up (service/warm.py) starts with the server and says when it is done."""
    base = server.url.rstrip("/")
    ends = time.monotonic() + 60
    while (warm := httpx.get(f"{base}/health", timeout=10).json()["warm"]) != "ready":
        assert warm == "warming" and time.monotonic() < ends, warm
        time.sleep(0.1)
    dump = httpx.get(f"{base}/dump.nq", timeout=10)
    assert dump.status_code == 200 and dump.text.count("\n") == TRIPLES


def test_runaway_query_times_out_while_others_are_served(server: Server) -> None:
    # A simple query's time on this machine now, before the runaway: the allowances scale with it.
    simple = baseline(lambda: httpx.get(server.endpoint, params={"query": SIMPLE}, timeout=10))
    runaway: dict[str, object] = {}

    def run_away() -> None:
        started = time.monotonic()
        response = httpx.get(server.endpoint, params={"query": RUNAWAY}, timeout=30)
        runaway.update(status=response.status_code, text=response.text)
        runaway["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.5)  # the runaway query is now hogging one worker
    latencies: list[float] = []
    with httpx.Client(timeout=10) as client:
        while thread.is_alive() and len(latencies) < 200:
            started = time.monotonic()
            response = client.get(server.endpoint, params={"query": SIMPLE})
            latencies.append(time.monotonic() - started)
            assert response.status_code == 200
            assert response.json()["results"]["bindings"][0]["v"]["value"] == "42"
            time.sleep(0.05)
    thread.join(timeout=30)
    assert runaway["status"] == 503
    assert "timeout" in str(runaway["text"])
    seconds = float(str(runaway["seconds"]))
    assert 2.0 <= seconds < 6.0 + 20 * simple, (seconds, simple)
    assert latencies and max(latencies) < 1.0 + 20 * simple, (max(latencies), simple)
    print(
        f"\nrunaway query stopped after {seconds:.2f} s; {len(latencies)} concurrent simple "
        f"queries, median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )
    # The server goes on serving after replacing the killed worker.
    after = httpx.get(server.endpoint, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert after.json()["boolean"] is True


def test_sparqlwrapper(server: Server) -> None:
    wrapper = SPARQLWrapper(server.endpoint)
    wrapper.setQuery(
        "PREFIX ex: <http://example.org/> "
        "SELECT ?s ?v WHERE { ?s ex:value ?v FILTER(?v < 3) } ORDER BY ?v"
    )
    wrapper.setReturnFormat(JSON)
    result = wrapper.queryAndConvert()
    assert isinstance(result, dict)
    rows = [(b["s"]["value"], b["v"]["value"]) for b in result["results"]["bindings"]]
    assert rows == [(str(EX.s0), "0"), (str(EX.s1), "1"), (str(EX.s2), "2")]
    wrapper.setQuery("PREFIX ex: <http://example.org/> ASK { ex:s7 ex:value 7 }")
    answer = wrapper.queryAndConvert()
    assert isinstance(answer, dict) and answer["boolean"] is True
    wrapper.setQuery(
        "PREFIX ex: <http://example.org/> CONSTRUCT { ?s ex:twice ?v } "
        "WHERE { ?s ex:value ?v FILTER(?v = 9) }"
    )
    wrapper.setReturnFormat(TURTLE)
    turtle = wrapper.queryAndConvert()
    assert isinstance(turtle, bytes | str)
    graph = Graph().parse(data=turtle, format="turtle")
    assert set(graph) == {(EX.s9, EX.twice, Literal(9))}


def test_rdflib_sparqlstore(server: Server) -> None:
    graph = Graph(store=SPARQLStore(query_endpoint=server.endpoint))
    rows = list(
        graph.query(
            "PREFIX ex: <http://example.org/> "
            "SELECT ?s WHERE { ?s ex:value ?v FILTER(?v >= 2998) } ORDER BY ?s"
        )
    )
    assert [row[0] for row in rows] == [URIRef(EX.s2998), URIRef(EX.s2999)]  # type: ignore[index]
    ask = graph.query("PREFIX ex: <http://example.org/> ASK { ex:s0 ex:value 0 }")
    assert ask.askAnswer is True
    assert (EX.s5, EX.value, Literal(5)) in graph
