"""Reading RDF files once with pyoxigraph's parsers: exact positions, one entry point for bytes."""

from pathlib import Path

import pytest

from service.loading import rdf
from service.loading.rdf import RdfSyntaxError, parse_file, parse_files, to_dataset


def test_a_missing_dot_is_reported_on_its_own_line(tmp_path: Path) -> None:
    """Regression: a missing '.' on line 163 was reported at line 176, the next statement."""
    lines = ["@prefix ex: <http://example.org/> ."]
    lines += [f'ex:s{i} ex:p "value {i}" .' for i in range(2, 163)]
    lines.append('ex:s163 ex:p "the dot is missing here"')  # line 163
    lines += ["# a comment" if i % 2 else "" for i in range(164, 176)]
    lines.append('ex:s176 ex:p "the next statement" .')  # line 176
    path = tmp_path / "missing-dot.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError) as caught:
        parse_file(path)
    assert str(caught.value).startswith(f"{path}:163: ")
    assert "dot" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("bad-iri.ttl", "@prefix ex: <http://example.org/> .\n\nex:a ex:p <not an iri> .\n", 3),
        ("bad.nt", '<http://a> <http://b> "ok" .\n<http://a> <http://b> oops .\n', 2),
        ("bad.jsonld", '{\n  "@id": "http://a",\n  "http://b": [1,\n}\n', 4),
        (
            "bad.rdf",
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description>\n</rdf:RDF>\n',
            4,
        ),
    ],
)
def test_syntax_errors_say_file_and_line(tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RdfSyntaxError) as caught:
        parse_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: "), str(caught.value)


def test_not_utf8_says_where(tmp_path: Path) -> None:
    path = tmp_path / "latin1.ttl"
    path.write_bytes(b'<http://a> <http://b> "ok" .\n<http://a> <http://b> "caf\xe9" .\n')
    with pytest.raises(RdfSyntaxError, match=r"latin1.ttl:2: not (valid )?UTF-8"):
        parse_file(path)


def test_every_file_is_read_through_one_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """read_rdf_bytes is THE place bytes are read before parsing (checks hook in there)."""
    path = tmp_path / "a.ttl"
    path.write_text('<http://a> <http://b> "c" .\n', encoding="utf-8")
    seen: list[Path] = []
    original = rdf.read_rdf_bytes

    def spy(p: Path) -> bytes:
        seen.append(Path(p))
        return original(p)

    monkeypatch.setattr(rdf, "read_rdf_bytes", spy)
    assert len(parse_file(path)) == 1
    assert seen == [path]


def test_blank_nodes_of_two_files_stay_apart(tmp_path: Path) -> None:
    for name in ("one.ttl", "two.ttl"):
        (tmp_path / name).write_text('_:b1 <http://ex/p> "x" .\n', encoding="utf-8")
    parsed = list(parse_files([tmp_path / "one.ttl", tmp_path / "two.ttl"]))
    assert len({q.subject for item in parsed for q in item.quads}) == 2


def test_named_graph_files_land_in_their_graph(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    path.write_text('<http://a> <http://b> "c" <http://other> .\n<http://a> <http://b> "d" .\n')
    dataset = to_dataset(parse_files([], {"http://example.org/g": path}))
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {"http://example.org/g"}
