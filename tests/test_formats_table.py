"""Every door reads the one table of formats (``service/formats.py``): the CLI's ``--format``
names, the deterministic dumps and the hostile-input checks follow a format added there.

The made-up format below (Notation3, a Turtle-like syntax the service does not offer) stands
for the next one somebody adds: it says only its traits, and each door treats it by them.
"""

import io
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from service import formats as f
from service.cli_options import BadInput
from service.formats import Format
from service.loading.hostile import MAX_DEPTH, InputRefused, check_rdf
from service.publishing.dumps import DUMP_FORMATS, dump
from service.questions.cli import output_format

NOTATION3 = Format(
    "N3 (test)", "text/x-n3-test", "n3test", extensions=("n3test",), kind="graph",
    rdflib="n3", rdflib_parser="n3", grammar="turtle",
)  # fmt: skip
DEEP = "@prefix ex: <http://example.org/> .\nex:a ex:p " + "[ ex:p " * 150 + "ex:b" + " ]" * 150
DATA = """
@prefix ex: <http://example.org/> .
ex:a ex:p ex:b ; ex:q "c"@sv .
ex:g { ex:x ex:p [ ex:q ex:y ] . }
"""


def test_every_rdf_syntax_says_how_it_is_built() -> None:
    for fmt in f.FORMATS:
        if fmt.kind in ("graph", "dataset"):
            assert fmt.grammar is not None, fmt.name


def test_a_new_turtle_like_syntax_gets_the_nesting_guard() -> None:
    with pytest.raises(InputRefused, match=f"nested deeper than {MAX_DEPTH} levels"):
        check_rdf(DEEP.encode(), NOTATION3, Path("deep.n3test"))
    # chosen by the trait, not the name: the same text as a line syntax is not nesting-checked
    lines = Format("lines", "text/x-lines", "lines", kind="graph", grammar="lines")
    assert check_rdf(DEEP.encode(), lines, Path("deep.lines")) == DEEP


def test_json_and_xml_checks_follow_the_grammar() -> None:
    json_like = Format("JSON-ish", "application/x-json", "jsonish", kind="graph", grammar="json")
    with pytest.raises(InputRefused, match="nested deeper"):
        check_rdf(b"[" * 200 + b"]" * 200, json_like, Path("deep.json"))
    xml_like = Format("XML-ish", "application/x-xml", "xmlish", kind="graph", grammar="xml")
    dtd = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>'
    with pytest.raises(InputRefused, match="DTD"):
        check_rdf(dtd, xml_like, Path("entity.xml"))


@pytest.mark.parametrize("form", list(f.BY_FORM))
def test_the_cli_names_are_the_tables(form: f.QueryForm) -> None:
    for fmt in f.BY_FORM[form]:
        for name in (fmt.short, *fmt.aliases):
            assert output_format(form, name) is fmt, (form, name)
    assert output_format(form, "table") is None


def test_a_format_added_to_the_table_reaches_the_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BadInput, match="--format n3test: unknown"):
        output_format("CONSTRUCT", "n3test")
    monkeypatch.setitem(f.BY_FORM, "CONSTRUCT", (*f.GRAPH_TYPES, NOTATION3))
    monkeypatch.setattr(f, "RESULT_FORMATS", (*f.RESULT_FORMATS, NOTATION3))
    assert output_format("CONSTRUCT", "n3test") is NOTATION3
    with pytest.raises(BadInput, match="does not fit a SELECT result"):
        output_format("SELECT", "n3test")


def test_the_dumps_are_the_tables_and_written_by_traits() -> None:
    assert list(DUMP_FORMATS.values()) == list(f.DUMP_TYPES)
    assert set(f.DUMP_TYPES) <= set(f.DATASET_TYPES)  # what the app serves at /dump.EXT too
    dataset = Dataset()
    dataset.parse(data=DATA, format="trig")
    merged = Graph()
    for quad in dataset.quads():
        merged.add(quad[:3])
    for fmt in (*f.DUMP_TYPES, NOTATION3):
        text = dump(dataset, fmt)
        assert text == dump(dataset, fmt)  # deterministic
        again = Dataset()
        again.parse(io.StringIO(text), format=fmt.parser)
        assert sum(1 for _ in again.quads()) == len(merged), fmt.name
