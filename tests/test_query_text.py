"""Readable SPARQL errors (issue 11, defect 2): one style from the endpoint, the library and
the CLI — line, column, the offending line with a caret, and the PREFIX line to add."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from engines import EMBEDDED
from fastapi.testclient import TestClient

from service.query_text import QueryRejected, inspect_query, parse_query, syntax_problem
from service.questions.library import LibraryError, parse_saved_query

DATA = "@prefix org: <http://www.w3.org/ns/org#> . <http://e/a> org:memberOf <http://e/b> ."
ORG_DECLARATION = "PREFIX org: <http://www.w3.org/ns/org#>"
HEADER = "# title@sv: T\n# title@en: T\n# description@sv: D\n# description@en: D\n"


def rejected(text: str) -> str:
    with pytest.raises(QueryRejected) as caught:
        inspect_query(text)
    assert caught.value.status == 400
    return caught.value.message


def test_unknown_prefix_names_the_declaration_to_add() -> None:
    message = rejected("SELECT ?s WHERE {\n  ?s org:memberOf ?o\n}")
    lines = message.splitlines()
    assert lines[0] == "SPARQL syntax error at line 2, column 6: unknown prefix org:"
    assert lines[1] == "      ?s org:memberOf ?o"
    assert lines[2] == "         ^"  # under the "o" of org:, column 6 of the line
    assert lines[3] == "Add: PREFIX org: <http://www.w3.org/ns/org#>"
    assert "'\\u" not in message and "..=" not in message  # no character ranges


def test_unknown_prefix_outside_the_known_list_says_how_to_declare() -> None:
    message = rejected("SELECT * { ?s foo:bar ?o }")
    assert "unknown prefix foo: (declare it: PREFIX foo: <…>)" in message
    assert "Add:" not in message


@pytest.mark.parametrize(
    ("text", "line", "column", "found"),
    [
        ("SELEC * {}", 1, 1, "'SELEC'"),
        ("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?o)\n}", 3, 3, "'FILTR(?o)'"),
        ("SELECT * WHERE { ?s ?p ?o . ) }", 1, 29, "')'"),
    ],
)
def test_syntax_error_points_at_the_line_and_column(
    text: str, line: int, column: int, found: str
) -> None:
    message = rejected(text)
    first, source, caret = message.splitlines()[:3]
    assert first == f"SPARQL syntax error at line {line}, column {column}: unexpected {found}"
    assert source == "    " + text.splitlines()[line - 1]
    assert caret.index("^") == 4 + column - 1


def test_declared_prefixes_pass() -> None:
    assert inspect_query("PREFIX org: <http://www.w3.org/ns/org#>\nASK { ?s org:x ?o }") == "ASK"


def test_library_and_endpoint_speak_the_same_style(
    tmp_path: Path, make_client: Callable[..., TestClient]
) -> None:
    text = "SELECT ?s WHERE { ?s org:memberOf ?o }"
    path = tmp_path / "broken.rq"
    path.write_text(HEADER + text + "\n", encoding="utf-8")
    with pytest.raises(LibraryError) as caught:
        parse_saved_query(path)
    assert caught.value.line == 5
    expected = str(syntax_problem(HEADER + text, unknown_prefix="org"))
    assert expected.splitlines()[0].endswith("line 5, column 22: unknown prefix org:")
    assert str(caught.value) == f"{path}:5: {expected.splitlines()[0]}; add {ORG_DECLARATION}"
    for backend in EMBEDDED:
        response = make_client(DATA, store=backend).get("/sparql", params={"query": text})
        assert response.status_code == 400
        assert response.text.strip() == str(syntax_problem(text, unknown_prefix="org"))
        assert f"Add: {ORG_DECLARATION}" in response.text


def test_queries_parsed_at_once_in_many_threads_are_each_read_right() -> None:
    """rdflib's parser is not thread-safe (RDFLib/rdflib#1282): requests and the warm-up
    parse in threads at once (the Virtuoso rewrite, the rdflib store, saved questions), so
    the service takes it one at a time (RDFLIB_PARSING)."""
    texts = [
        f"SELECT DISTINCT ?x ?n{i} WHERE {{ BIND(<http://e/{i}> AS ?x) BIND({i} AS ?n{i}) }}"
        for i in range(200)
    ]
    with ThreadPoolExecutor(8) as pool:
        trees = list(pool.map(parse_query, texts))
    assert [str(tree[1]["projection"][0]["var"]) for tree in trees] == ["x"] * 200
    assert [str(tree[1]["projection"][1]["var"]) for tree in trees] == [f"n{i}" for i in range(200)]
