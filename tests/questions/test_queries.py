"""The saved-question library: headers, parameter types, safe binding, every file in queries/."""

import os
import re
from pathlib import Path

import pytest
from engines import EMBEDDED
from query_samples import AGREEMENT, KOMMUN, LIU, SDG11, write_graph, write_questions
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.plugins.sparql import prepareQuery

from service.build import open_store
from service.i18n import LANGUAGES
from service.paths import queries_dir
from service.questions.library import (
    LibraryError,
    ParameterError,
    SavedQuery,
    load_library,
    parse_saved_query,
)
from service.settings import Settings
from service.store.base import SelectResult, Store

BACKENDS = EMBEDDED
PROJECT_FILES = sorted(queries_dir().glob("*.rq"))
#: A value of each type for required parameters that have no default.
SAMPLE_VALUES = {
    "iri": "https://w3id.org/samverkan-kg/",
    "string": "a",
    "date": "2021-06-01",
    "integer": "1",
    "year": "2021",
    "lang": "sv",
}


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_graph(tmp_path_factory.mktemp("graph"))


@pytest.fixture(scope="module")
def stores(graph_file: Path) -> dict[str, Store]:
    return {b: open_store(Settings(files=[graph_file], store=b)) for b in BACKENDS}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SavedQuery]:
    return load_library(write_questions(tmp_path_factory.mktemp("questions")))


def _text(term: object) -> str:
    return "_:" if isinstance(term, BNode) else str(term)  # blank node ids differ per backend


def _rows(result: SelectResult) -> list[tuple[str, ...]]:
    return sorted(tuple(_text(row.get(v, "")) for v in result.variables) for row in result.rows)


def _answer(result: SelectResult | bool | Graph) -> object:
    if isinstance(result, SelectResult):
        return _rows(result)
    if isinstance(result, Graph):
        return sorted(tuple(_text(t) for t in triple) for triple in result)
    return result


# --- every file in the project's queries/ ----------------------------------------------------


def test_the_project_has_saved_questions() -> None:
    assert PROJECT_FILES, f"no .rq files in {queries_dir()}"


@pytest.mark.parametrize("path", PROJECT_FILES, ids=[p.stem for p in PROJECT_FILES])
def test_project_question_is_well_formed(path: Path) -> None:
    query = parse_saved_query(path)
    for lang in LANGUAGES:
        assert query.titles.get(lang, "").strip(), f"{path.name}: no title@{lang}"
        assert query.descriptions.get(lang, "").strip(), f"{path.name}: no description@{lang}"
    prepared = prepareQuery(query.sparql)  # parses as SPARQL 1.1 with its own prefixes
    assert prepared.algebra.name.upper().startswith(query.form)
    used = {str(v) for v in _variables(prepared.algebra)}
    for param in query.params:
        assert param.name in used, f"{path.name}: ?{param.name} not used"
        if param.default is not None:
            param.to_term(param.default)


def _variables(node: object) -> set[object]:
    from rdflib.term import Variable

    found: set[object] = set()
    if isinstance(node, Variable):
        found.add(node)
    elif isinstance(node, dict):
        for value in node.values():
            found |= _variables(value)
    elif isinstance(node, list | tuple):
        for value in node:
            found |= _variables(value)
    return found


@pytest.mark.parametrize("path", PROJECT_FILES, ids=[p.stem for p in PROJECT_FILES])
def test_project_question_runs_alike_on_both_backends(path: Path, stores: dict[str, Store]) -> None:
    query = parse_saved_query(path)
    values = {p.name: SAMPLE_VALUES[p.type] for p in query.params if p.required}
    answers = [_answer(query.run(store, values)) for store in stores.values()]
    assert answers[0] == answers[1]


def test_project_library_loads_by_file_stem() -> None:
    library = load_library()
    assert set(library) == {p.stem for p in PROJECT_FILES}


# --- header format ----------------------------------------------------------------------------

GOOD_HEADER = """\
# A free comment line is allowed.
# title@sv: Svensk titel
# title@en: English title
# title@de: Deutscher Titel
# description@sv: Första raden
# description@sv: och andra raden.
# description@en: One line.
#
# param: who iri "Vem / who" default=id:partner/liu
# param: since date "Sedan / since" optional
# param: label string "Namn / name with spaces" default="Linköpings universitet"
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# comments after the header are just SPARQL comments: # title@sv: not a field
SELECT ?who ?label ?since WHERE { ?who rdfs:label ?label . FILTER(?since < NOW()) }
"""


def test_header_fields(tmp_path: Path) -> None:
    path = tmp_path / "good-one.rq"
    path.write_text(GOOD_HEADER, encoding="utf-8")
    query = parse_saved_query(path)
    assert query.name == "good-one"
    assert query.form == "SELECT"
    assert query.titles == {"sv": "Svensk titel", "en": "English title", "de": "Deutscher Titel"}
    assert query.descriptions["sv"] == "Första raden och andra raden."
    assert [(p.name, p.type) for p in query.params] == [
        ("who", "iri"),
        ("since", "date"),
        ("label", "string"),
    ]
    who, since, label = query.params
    assert who.default == "id:partner/liu" and who.required is False
    assert since.optional and since.default is None and not since.required
    assert label.default == "Linköpings universitet"
    assert query.title("en") == "English title" and query.title("fi") == "Svensk titel"


def test_every_query_form_is_recognised(library: dict[str, SavedQuery]) -> None:
    forms = {name: q.form for name, q in library.items()}
    assert forms["agreements-by-sdg"] == "SELECT"
    assert forms["started-in-year"] == "ASK"
    assert forms["parties-graph"] == "CONSTRUCT"


HEADER = "# title@sv: T\n# title@en: T\n# description@sv: D\n# description@en: D\n"
SELECT = "SELECT ?s ?x WHERE { ?s ?p ?x }\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (HEADER + '# param: x uri "d"\n' + SELECT, 5, "unknown type 'uri'"),
        ("# titel@sv: T\n" + HEADER + SELECT, 1, "unknown header field 'titel@sv'"),
        ("# title: T\n" + HEADER + SELECT, 1, "title needs a language"),
        ("# title@sv: T\n# description@sv: D\n# description@en: D\n" + SELECT, 1, "title@en"),
        ("# title@sv: T\n# title@en: T\n# description@en: D\n" + SELECT, 1, "description@sv"),
        (HEADER + '# param: x string "d\n' + SELECT, 5, "No closing quotation"),
        (HEADER + "# param: x string\n" + SELECT, 5, "expected NAME TYPE"),
        (HEADER + '# param: 1x string "d"\n' + SELECT, 5, "not a SPARQL variable name"),
        (HEADER + '# param: format string "d"\n' + SELECT, 5, "reserved"),
        (HEADER + '# param: x date "d" default=2021-02-30\n' + SELECT, 5, "bad default"),
        (HEADER + '# param: x date "d" sometimes\n' + SELECT, 5, "unknown option"),
        (HEADER + '# param: x string "d"\n# param: x string "e"\n' + SELECT, 6, "twice"),
        (HEADER + "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?o)\n}\n", 7, "column 3"),
        (HEADER + "SELECT ?s WHERE { ?s foo:p ?o }\n", 5, "unknown prefix foo:"),
        (HEADER + "INSERT DATA { <a:b> <a:c> <a:d> }\n", 5, "SPARQL syntax error"),
    ],
)
def test_header_errors_name_file_and_line(
    tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError) as caught:
        parse_saved_query(path)
    assert caught.value.path == path
    assert caught.value.line == line
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}:" if line else f"{path}:")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEADER + '# param: y iri "d"\n' + SELECT, "?y is not in the query"),
        (
            HEADER + '# param: y iri "d"\nSELECT ?s WHERE { ?s ?p ?y }\n',
            "not in scope",  # pyoxigraph binds only projected variables
        ),
        (
            HEADER + '# param: y integer "d"\nASK { ?s ?p ?o FILTER(?o = ?y) }\n',
            "VALUES ?name { UNDEF }",
        ),
        (
            HEADER + "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n",
            "SERVICE",
        ),
    ],
)
def test_portability_rules_are_enforced(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "unportable.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LibraryError, match=re.escape(message)):
        parse_saved_query(path)


def test_library_rereads_changed_files(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text(HEADER + SELECT, encoding="utf-8")
    assert load_library(tmp_path)["q"].titles["sv"] == "T"
    path.write_text(HEADER.replace("title@sv: T", "title@sv: Ny titel") + SELECT, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_library(tmp_path)["q"].titles["sv"] == "Ny titel"
    (tmp_path / "extra.rq").write_text(HEADER + SELECT, encoding="utf-8")
    assert set(load_library(tmp_path)) == {"q", "extra"}


def test_missing_folder_is_an_empty_library(tmp_path: Path) -> None:
    assert load_library(tmp_path / "nowhere") == {}


# --- binding --------------------------------------------------------------------------------


def test_bind_checks_names_and_fills_defaults(library: dict[str, SavedQuery]) -> None:
    labels = library["labels-in"]
    assert labels.bind({}) == {
        "language": Literal("sv"),
        "min": Literal(0, datatype=XSD.integer),
    }
    with pytest.raises(ParameterError, match="unknown parameter colour"):
        labels.bind({"colour": "red"})
    with pytest.raises(ParameterError, match="missing required parameter year"):
        library["started-in-year"].bind({})
    with pytest.raises(ParameterError, match=re.escape("min: '1.5' is not an integer")):
        labels.bind({"min": "1.5"})


# --- running, on both backends -------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_iri_parameter_selects_rows(
    library: dict[str, SavedQuery], stores: dict[str, Store], backend: str
) -> None:
    query = library["agreements-by-sdg"]
    result = query.run(stores[backend], {"sdg": "sdg:11"})
    assert isinstance(result, SelectResult)
    assert {(str(r["agreement"]), str(r["party"]), str(r["sdg"])) for r in result.rows} == {
        (AGREEMENT, LIU, SDG11),
        (AGREEMENT, KOMMUN, SDG11),
    }
    nothing = query.run(stores[backend], {"sdg": "http://metadata.un.org/sdg/1"})
    assert isinstance(nothing, SelectResult) and nothing.rows == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_date_year_lang_integer_string_parameters(
    library: dict[str, SavedQuery], stores: dict[str, Store], backend: str
) -> None:
    store = stores[backend]
    after = library["issued-after"]
    assert len(after.run(store, {"after": "2021-03-14"}).rows) == 1  # type: ignore[union-attr]
    assert after.run(store, {"after": "2021-03-15"}).rows == []  # type: ignore[union-attr]
    year = library["started-in-year"]
    assert year.run(store, {"year": "2021"}) is True
    assert year.run(store, {"year": "2020"}) is False
    labels = library["labels-in"]
    english = labels.run(store, {"language": "en", "text": "Linköping"})
    assert isinstance(english, SelectResult)
    assert {str(r["label"]) for r in english.rows} == {
        "Linköping University",
        "Linköping Municipality",
    }
    long_only = labels.run(store, {"language": "en", "min": "21"})
    assert isinstance(long_only, SelectResult)
    assert {str(r["label"]) for r in long_only.rows} == {
        "Sustainable cities and communities",
        "Linköping Municipality",
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_construct_question_returns_a_graph(
    library: dict[str, SavedQuery], stores: dict[str, Store], backend: str
) -> None:
    graph = library["parties-graph"].run(stores[backend], {})
    assert isinstance(graph, Graph)
    assert set(graph.objects(URIRef(AGREEMENT), None)) == {URIRef(LIU), URIRef(KOMMUN)}
    assert Literal("Linköpings universitet", lang="sv") in set(
        graph.objects(URIRef(LIU), RDFS.label)
    )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "evil",
    [
        'Linköping" } UNION { ?thing ?p ?label } #',
        'sv") || true || ("',
        "} ; DROP ALL ; {",
    ],
)
def test_values_cannot_change_the_query(
    library: dict[str, SavedQuery], stores: dict[str, Store], backend: str, evil: str
) -> None:
    labels = library["labels-in"]
    result = labels.run(stores[backend], {"language": "sv", "text": evil})
    assert isinstance(result, SelectResult)
    assert result.rows == []  # the text is a value to look for, not SPARQL
