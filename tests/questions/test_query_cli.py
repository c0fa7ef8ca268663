"""`samverkan query`, run as a subprocess: saved questions, ad-hoc SPARQL, formats, errors."""

import csv
import io
import json
import subprocess
from pathlib import Path

import live
import pytest
from query_samples import AGREEMENT, KOMMUN, LIU, QUESTIONS, SDG11, write_graph, write_questions
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from service.namespaces import SKG


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    write_graph(folder)
    write_questions(folder / "questions")
    return folder


def samverkan(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``samverkan query ARGS`` on the sample graph and questions."""
    env = {"SAMVERKAN_QUERIES_DIR": str(workdir / "questions")}
    return live.samverkan("query", *args, env=env, cwd=workdir, timeout=120)


def with_data(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return samverkan(workdir, *args, "--data", str(workdir / "sample.ttl"))


def table_rows(output: str) -> list[list[str]]:
    """The cells of an aligned table, split where the header's columns start."""
    lines = output.rstrip("\n").split("\n")
    rule = lines[1]
    starts = [i for i, c in enumerate(rule) if c == "-" and (i == 0 or rule[i - 1] == " ")]
    bounds = list(zip(starts, [*starts[1:], None], strict=True))
    assert lines[-1].startswith("(") and lines[-1].endswith(")")
    return [[line[a:b].strip() for a, b in bounds] for line in [lines[0], *lines[2:-1]]]


def test_list(workdir: Path) -> None:
    result = samverkan(workdir, "--list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = table_rows(result.stdout)
    assert rows[0] == ["name", "form", "params", "title"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {name.removesuffix(".rq") for name in QUESTIONS}
    assert by_name["agreements-by-sdg"][1:] == [
        "SELECT",
        "sdg:iri",
        "Which agreements name a given SDG?",
    ]
    as_json = json.loads(samverkan(workdir, "--list", "--format", "json").stdout)
    assert {entry["name"]: entry["form"] for entry in as_json}["parties-graph"] == "CONSTRUCT"


def test_saved_question_as_table_with_prefixed_iris(workdir: Path) -> None:
    result = with_data(workdir, "agreements-by-sdg", "--param", "sdg=sdg:11")
    assert result.returncode == 0, result.stderr
    rows = table_rows(result.stdout)
    assert rows[0] == ["agreement", "party", "sdg"]
    assert sorted(rows[1:]) == [
        ["id:agreement/liu-kommun-2021", "id:partner/linkopings-kommun", "sdg:11"],
        ["id:agreement/liu-kommun-2021", "id:partner/liu", "sdg:11"],
    ]
    assert result.stdout.rstrip().endswith("(2 rows)")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_saved_question_formats(workdir: Path, fmt: str) -> None:
    result = with_data(workdir, "agreements-by-sdg", "-p", f"sdg={SDG11}", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        bindings = json.loads(result.stdout)["results"]["bindings"]
        parties = {b["party"]["value"] for b in bindings}
    else:
        reader = csv.DictReader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t")
        key = "party" if fmt == "csv" else "?party"
        parties = {row[key].strip("<>") for row in reader}
    assert parties == {LIU, KOMMUN}


def test_ad_hoc_sparql_ask_and_construct(workdir: Path) -> None:
    ask = with_data(workdir, "--sparql", f"ASK {{ <{AGREEMENT}> ?p <{LIU}> }}")
    assert (ask.returncode, ask.stdout.strip()) == (0, "true")
    construct = with_data(
        workdir,
        "--sparql",
        f"CONSTRUCT {{ ?s <{RDFS.label}> ?l }} WHERE {{ ?s <{RDFS.label}> ?l }}",
        "--format",
        "turtle",
    )
    assert construct.returncode == 0, construct.stderr
    graph = Graph().parse(data=construct.stdout, format="turtle")
    assert {str(o) for o in graph.objects(URIRef(LIU), RDFS.label)} == {
        "Linköpings universitet",
        "Linköping University",
    }


def test_file_with_and_without_a_header(workdir: Path) -> None:
    plain = workdir / "plain.rq"
    plain.write_text(f"SELECT ?who WHERE {{ <{AGREEMENT}> <{SKG.signed}> ?who }}\n")
    result = with_data(workdir, "--file", str(plain), "--format", "csv")
    assert {row["who"] for row in csv.DictReader(io.StringIO(result.stdout))} == {LIU, KOMMUN}
    draft = workdir / "draft.rq"
    draft.write_text(QUESTIONS["issued-after.rq"])
    later = with_data(workdir, "--file", str(draft), "-p", "after=2022-01-01", "--format", "json")
    assert later.returncode == 0, later.stderr
    assert json.loads(later.stdout)["results"]["bindings"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["agreements-by-sdg", "-p", "sdg=not an iri"], ["sdg", "not an absolute IRI"]),
        (["agreements-by-sdg", "-p", "colour=red"], ["unknown parameter colour"]),
        (["agreements-by-sdg", "-p", "sdg"], ["--param 'sdg'", "KEY=VALUE"]),
        (["issued-after", "-p", "after=2021-13-01"], ["after", "YYYY-MM-DD"]),
        (["started-in-year"], ["missing required parameter year"]),
        (["no-such-question"], ["no saved question named 'no-such-question'"]),
        (
            ["--sparql", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?o)\n}"],
            ["--sparql:3:", "column"],
        ),
        (["--sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "turtle"], ["turtle", "SELECT"]),
        (["--sparql", "ASK {}", "--format", "csv"], ["--format csv", "ASK", "table, json, xml"]),
        (["--sparql", "ASK {}", "--format", "yaml"], ["--format yaml: unknown"]),
        ([], ["exactly one of NAME, --sparql or --file"]),
        (["--sparql", "ASK {}", "--file", "x.rq"], ["exactly one"]),
        (
            ["--sparql", "ASK { ?s org:x ?o }"],
            ["--sparql:1:", "unknown prefix org:", "add PREFIX org:"],
        ),
        (["--file", "missing.rq"], ["missing.rq", "cannot read"]),
        (["--sparql", "ASK {}", "--data", "nowhere.ttl"], ["--data nowhere.ttl", "no such file"]),
    ],
)
def test_bad_input_exits_2_with_one_line(workdir: Path, args: list[str], words: list[str]) -> None:
    result = samverkan(workdir, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def test_syntax_error_in_data_names_file_and_line(workdir: Path) -> None:
    bad = workdir / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b .\n")
    result = samverkan(workdir, "--sparql", "ASK {}", "--data", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"{bad}:3:" in result.stderr
