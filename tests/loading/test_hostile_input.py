"""Hostile RDF files, given to every command that parses RDF: refused with ``file:line``.

Each threat is a crafted file; each command runs as a subprocess in a private network
namespace where possible (so a connection attempt could not leave the machine anyway), with
a timeout that a hang or a runaway expansion would overrun. Every refusal must be exit 2
with ``file:line: message`` on stderr — never a traceback, never "blocked" by the network
guard (the file is refused before any parser could reach out).
"""

import json
import resource
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import live
import pytest
from test_network_guard import in_private_network

from service.loading.hostile import MAX_DEPTH, MAX_LINE_BYTES

#: Seconds any refusal may take (a load of the ontology and shapes included).
BOUNDED = 60

RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'

BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "lollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF {RDF_NS} xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&i;</ex:p></rdf:Description>
</rdf:RDF>
"""

EXTERNAL_ENTITY = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF {RDF_NS} xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>&secret;</ex:p></rdf:Description>
</rdf:RDF>
"""

REMOTE_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "http://192.0.2.1/evil.dtd">
<rdf:RDF {RDF_NS}/>
"""

TRUNCATED_XML = f"""<?xml version="1.0"?>
<rdf:RDF {RDF_NS} xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/x"><ex:p>half
"""


def _jsonld(document: object) -> str:
    return json.dumps(document, indent=1)


def _deep_json() -> str:
    depth = 100_000
    return (
        '{"@id": "http://example.org/x", "http://example.org/p": ' + "[" * depth + "]" * depth + "}"
    )


def _deep_turtle(opener: str, closer: str) -> str:
    depth = 50_000
    nested = opener * depth + "ex:b" + closer * depth
    return f"@prefix ex: <http://example.org/> .\n\nex:a ex:p {nested} .\n"


def _deep_xml() -> str:
    depth = 20_000
    inner = "<rdf:Description><ex:p>" * depth + "</ex:p></rdf:Description>" * depth
    return f'<?xml version="1.0"?>\n<rdf:RDF {RDF_NS} xmlns:ex="http://example.org/">\n{inner}</rdf:RDF>\n'


def _huge_line_turtle() -> str:
    literal = "x" * (MAX_LINE_BYTES + 10)
    return f'@prefix ex: <http://example.org/> .\n\nex:x ex:p "{literal}" .\n'


def _huge_jsonld_string() -> str:
    return _jsonld(
        {"@id": "http://example.org/x", "http://example.org/p": "y" * (MAX_LINE_BYTES + 10)}
    )


# name -> (file name, content, expected line, words the message must hold)
THREATS: dict[str, tuple[str, Callable[[], str | bytes], int | None, str]] = {
    "billion laughs": ("laughs.rdf", lambda: BILLION_LAUGHS, 2, "DTD"),
    "external entity": ("external.rdf", lambda: EXTERNAL_ENTITY, 2, "DTD"),
    "remote DTD": ("remote-dtd.owl", lambda: REMOTE_DTD, 2, "DTD"),
    "remote @context": (
        "remote.jsonld",
        lambda: _jsonld({"@context": "http://192.0.2.1/context.jsonld", "@id": "x:y"}),
        2,
        "@context 'http://192.0.2.1/context.jsonld' is a reference",
    ),
    "file @context": (
        "local.jsonld",
        lambda: _jsonld({"@context": ["file:///etc/passwd"], "@id": "x:y"}),
        3,
        "contexts are never fetched",
    ),
    "@import": (
        "import.jsonld",
        lambda: _jsonld(
            {"@context": {"@import": "http://192.0.2.1/c.jsonld", "ex": "http://e/"}, "@id": "x:y"}
        ),
        3,
        "@import",
    ),
    "deep JSON": ("deep.jsonld", _deep_json, 1, f"nested deeper than {MAX_DEPTH}"),
    "deep Turtle blank nodes": (
        "deep-bnodes.ttl",
        lambda: _deep_turtle("[ ex:p ", " ]"),
        3,
        f"Turtle nested deeper than {MAX_DEPTH}",
    ),
    "deep Turtle lists": (
        "deep-lists.ttl",
        lambda: _deep_turtle("( ", " )"),
        3,
        f"Turtle nested deeper than {MAX_DEPTH}",
    ),
    "deep RDF/XML": ("deep.rdf", _deep_xml, 3, f"XML nested deeper than {MAX_DEPTH}"),
    "huge line": ("huge.ttl", _huge_line_turtle, 3, "line longer than"),
    "huge JSON string": ("huge.jsonld", _huge_jsonld_string, 3, "JSON string longer than"),
    "invalid UTF-8": (
        "latin1.ttl",
        lambda: '@prefix ex: <http://example.org/> .\nex:x ex:p "Malm\xf6" .\n'.encode("latin-1"),
        2,
        "not valid UTF-8",
    ),
    "truncated Turtle": (
        "truncated.ttl",
        lambda: '@prefix ex: <http://example.org/> .\nex:x ex:p "unfinished',
        2,
        "",
    ),
    "truncated N-Triples": (
        "truncated.nt",
        lambda: (
            "<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n<http://example.org/a> <http://exa"
        ),
        2,
        "",
    ),
    "truncated RDF/XML": ("truncated.rdf", lambda: TRUNCATED_XML, 4, "XML"),
    "truncated JSON-LD": (
        "truncated.jsonld",
        lambda: '{"@id": "http://example.org/x",\n "http://e/p": [1, ',
        2,
        "JSON",
    ),
}


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _limit_memory() -> None:
    """At most 2 GiB of address space: an expansion that got through would fail, not swap."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _run(arguments: list[str], private: bool = True) -> subprocess.CompletedProcess[str]:
    wrapper = in_private_network([]) if private else []
    started = time.monotonic()
    result = live.samverkan(*arguments, timeout=BOUNDED, wrapper=wrapper, preexec_fn=_limit_memory)
    assert time.monotonic() - started < BOUNDED
    return result


def _assert_refused(
    result: subprocess.CompletedProcess[str], path: Path, line: int | None, words: str
) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "blocked" not in result.stderr  # refused by the check, before any parser reached out
    where = f"{path}:{line}: " if line else f"{path}: "
    assert where in result.stderr, result.stderr[-2000:]
    assert words in result.stderr, result.stderr[-2000:]


@pytest.mark.parametrize("threat", sorted(THREATS))
def test_validate_refuses(threat: str, tmp_path: Path) -> None:
    name, content, line, words = THREATS[threat]
    path = _write(tmp_path, name, content())
    _assert_refused(_run(["validate", str(path)]), path, line, words)


@pytest.mark.parametrize("threat", ["billion laughs", "remote @context", "deep JSON"])
def test_serve_refuses(threat: str, tmp_path: Path) -> None:
    name, content, line, words = THREATS[threat]
    path = _write(tmp_path, name, content())
    _assert_refused(_run(["serve", str(path), "--get", "/health"]), path, line, words)


@pytest.mark.parametrize("threat", ["external entity", "invalid UTF-8"])
def test_query_data_refuses(threat: str, tmp_path: Path) -> None:
    name, content, line, words = THREATS[threat]
    path = _write(tmp_path, name, content())
    result = _run(["query", "--data", str(path), "--sparql", "ASK {}"])
    _assert_refused(result, path, line, words)


def test_shapes_files_are_checked_too(tmp_path: Path) -> None:
    _name, content, line, words = THREATS["billion laughs"]
    shapes = _write(tmp_path, "shapes.rdf", content())
    _assert_refused(_run(["validate", "--shapes", str(shapes)]), shapes, line, words)


def test_owl_imports_is_never_followed(tmp_path: Path) -> None:
    """A file that imports a remote ontology validates without any connection attempt."""
    path = _write(
        tmp_path,
        "imports.ttl",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "<http://example.org/o> a owl:Ontology ; owl:imports <http://192.0.2.1/evil.ttl> .\n",
    )
    result = _run(["validate", str(path)])
    assert result.returncode in (0, 1), result.stderr
    assert "blocked" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_inline_jsonld_context_is_still_read(tmp_path: Path) -> None:
    """The JSON-LD checks refuse references, not JSON-LD: an inline context still loads."""
    path = _write(
        tmp_path,
        "inline.jsonld",
        _jsonld(
            {
                "@context": {"ex": "http://example.org/", "name": "http://example.org/name"},
                "@id": "ex:x",
                "name": "ett namn",
            }
        ),
    )
    result = _run(["serve", str(path), "--allow-invalid", "--get", "/health"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["triples"] == 1


def test_brackets_in_strings_iris_and_comments_are_not_nesting(tmp_path: Path) -> None:
    """The Turtle nesting count skips strings, IRIs and comments: this file loads."""
    opened = "(" * 300 + "[" * 300
    path = _write(
        tmp_path,
        "brackets.ttl",
        "@prefix ex: <http://example.org/> .\n"
        f"# {opened}\n"
        f"<http://example.org/a{'((('}> ex:p \"{opened}\", '{opened}' ;\n"
        f'  ex:q """{opened}\n{opened} "quoted" """ ; ex:r ( ex:b [ ex:p ex:c ] ) .\n',
    )
    result = _run(["serve", str(path), "--allow-invalid", "--get", "/health"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["triples"] == 8  # the two equal literals are one
