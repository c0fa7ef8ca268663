"""Parameter types of saved questions: text values in, typed RDF terms out, bad values refused."""

import pytest
from query_samples import LIU, SDG5
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from service.paths import queries_dir
from service.questions.params import PARAM_TYPES, ParameterError, to_term


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
    assert to_term(kind, value) == term  # type: ignore[arg-type]
    assert type(to_term(kind, value)) is type(term)  # type: ignore[arg-type]


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
        to_term(kind, value)  # type: ignore[arg-type]


def test_every_type_is_documented() -> None:
    readme = (queries_dir() / "README.md").read_text(encoding="utf-8")
    for kind in PARAM_TYPES:
        assert f"| `{kind}` |" in readme
