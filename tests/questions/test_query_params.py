"""Parameter types of saved questions: text values in, typed RDF terms out, bad values refused."""

import pytest
from fastapi.testclient import TestClient
from query_samples import LIU, SDG5
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from service.paths import queries_dir
from service.questions.params import (
    MAX_VALUE_LENGTH,
    PARAM_TYPES,
    ParameterError,
    ParamType,
    to_term,
)


@pytest.mark.parametrize(
    ("kind", "value", "term"),
    [
        ("iri", "http://metadata.un.org/sdg/5", URIRef(SDG5)),
        ("iri", "sdg:5", URIRef(SDG5)),
        ("iri", "id:partner/liu", URIRef(LIU)),
        ("iri", "urn:isbn:0451450523", URIRef("urn:isbn:0451450523")),
        ("string", 'a "quoted" } value', Literal('a "quoted" } value')),
        ("date", "2024-02-29", Literal("2024-02-29", datatype=XSD.date)),
        ("integer", "-42", Literal(-42, datatype=XSD.integer)),
        ("year", "2021", Literal(2021, datatype=XSD.integer)),
        ("lang", "SV-se", Literal("sv-se")),
    ],
)
def test_values_become_typed_terms(kind: str, value: str, term: object) -> None:
    assert to_term(kind, value) == term
    assert type(to_term(kind, value)) is type(term)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iri", "not an iri"),
        ("iri", "relative/path"),
        ("iri", "http://example.org/a>b"),
        ("iri", "http://example.org/{x}"),
        ("iri", "http://exa mple.org/"),
        ("iri", "x" * 3000),
        ("date", "2023-02-29"),
        ("date", "2023-1-5"),
        ("date", "yesterday"),
        ("integer", "4.5"),
        ("integer", "1e3"),
        ("year", "21"),
        ("year", "20210"),
        ("year", "0000"),
        ("lang", "sv en"),
        ("lang", "123456789"),
    ],
)
def test_bad_values_are_refused(kind: str, value: str) -> None:
    with pytest.raises(ParameterError):
        to_term(kind, value)


def test_every_type_is_documented() -> None:
    readme = (queries_dir() / "README.md").read_text(encoding="utf-8")
    for kind in PARAM_TYPES:
        assert f"| `{kind}` |" in readme


@pytest.mark.parametrize("kind", ["string", "iri"])
def test_the_length_limit_at_its_boundary(kind: ParamType) -> None:
    """2,000 characters pass; 2,001 are refused, naming the parameter and the limit."""
    stem = "https://example.org/" if kind == "iri" else ""
    for length in (MAX_VALUE_LENGTH - 1, MAX_VALUE_LENGTH):
        value = stem + "x" * (length - len(stem))
        assert str(to_term(kind, value, "p")) == value
    too_long = stem + "x" * (MAX_VALUE_LENGTH + 1 - len(stem))
    with pytest.raises(ParameterError, match=r"^p: value longer than 2000 characters$"):
        to_term(kind, too_long, "p")


def test_the_length_limit_over_http(curated_client: TestClient) -> None:
    def ask(length: int) -> int:
        params = {"origin": "x" * length, "format": "json"}
        return curated_client.get("/queries/stated-and-curated-links", params=params).status_code

    assert MAX_VALUE_LENGTH == 2000
    assert ask(2000) == 200
    assert ask(2001) == 400
