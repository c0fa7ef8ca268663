"""Write data/evidence.ttl: for each stated fact group, where in its source it is stated.

Each entry of ``scripts/evidence_anchors.tsv`` names a described resource, a source, and a
short anchor phrase chosen by the curators (``start phrase … end phrase`` for a span over
several sentences; ``phrase@2`` for the phrase's second occurrence). The anchor is found in
the source's text normalised to NFC and widened to the whole sentence(s) around it; the
graph keeps only the span's position (Unicode code points) and the SHA-256 of its UTF-8
bytes, never the text, so anyone holding the source can open the sentence and verify it.

Usage: python scripts/locate_evidence.py [SOURCES_DIR]   (default: ../shared/sources)
"""

import csv
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ANCHORS = REPO / "scripts" / "evidence_anchors.tsv"
OUTPUT = REPO / "data" / "evidence.ttl"
ELLIPSIS = " … "

#: The five source documents, by the number their file names start with.
SOURCES = {
    "000": "000_6a1f2b0d01e02e89",
    "001": "001_7658455127dcdd56",
    "002": "002_57dc6fa4b9f4e51e",
    "003": "003_f472ae6b5ba9f94c",
    "004": "004_fe6608385cb009ea",
}

PREFIXES = {
    "skg": "https://w3id.org/samverkan-kg/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "adms": "http://www.w3.org/ns/adms#",
    "oa": "http://www.w3.org/ns/oa#",
    "spdx": "http://spdx.org/rdf/terms#",
    "src": "https://w3id.org/samverkan-kg/source/",
    "evidence": "https://w3id.org/samverkan-kg/evidence/",
    "id": "https://w3id.org/samverkan-kg/",
}

# A sentence ends at . ! or ? followed by white space and a capital, a digit or a quote, or
# at the end of a line; "t.ex. gemensam" and "enl. modell" do not end one.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[ \t]+(?=[A-ZÅÄÖÉ0-9”\"–-])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    digest: str


def source_text(path: Path) -> str:
    """A source's text as the selectors count it: UTF-8, normalised to NFC."""
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` as a pattern where each run of spaces also matches no-break spaces."""
    return re.compile(r"[ \t\u00a0]+".join(re.escape(word) for word in phrase.split()))


def _occurrence(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    """Where ``phrase`` (or ``phrase@n``, its n-th occurrence) starts and ends, after ``after``."""
    nth = re.search(r"@(\d+)$", phrase)
    pattern = _pattern(phrase[: nth.start()] if nth else phrase)
    found = list(pattern.finditer(text, after))
    if not found:
        raise LookupError(f"anchor not found: {phrase!r}")
    if nth:
        if int(nth.group(1)) > len(found):
            raise LookupError(f"anchor has fewer occurrences than asked: {phrase!r}")
        match = found[int(nth.group(1)) - 1]
    elif after == 0 and len(found) > 1:
        raise LookupError(f"anchor not unique (add @n): {phrase!r}")
    else:
        match = found[0]
    return match.start(), match.end()


def _sentence_start(text: str, at: int) -> int:
    line = text.rfind("\n", 0, at) + 1
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, line, at + 1) if m.end() <= at]
    start = breaks[-1] if breaks else line
    return start + len(text[start:at]) - len(text[start:at].lstrip())


def _sentence_end(text: str, at: int) -> int:
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    found = _SENTENCE_BREAK.search(text, at, line_end)
    end = found.start() if found else line_end
    return len(text[:end].rstrip())


def locate(text: str, anchor: str) -> Span:
    """The sentence(s) around ``anchor`` in ``text``: start, end and digest of the span."""
    first, _, last = anchor.partition(ELLIPSIS)
    at, tail = _occurrence(text, first)
    if last:
        _, tail = _occurrence(text, last, tail)
    start = _sentence_start(text, at)
    end = _sentence_end(text, tail - 1 if text[tail - 1 : tail] in ".!?" else tail)
    return Span(start, end, digest(text[start:end]))


def _terms(cell: str) -> list[str]:
    return [t for t in cell.replace(",", " ").split() if t]


def evidence_turtle(row: dict[str, str], span: Span) -> str:
    lines = [
        f"evidence:{row['slug']} a oa:Annotation ;",
        "    oa:motivatedBy oa:identifying ;",
        f"    oa:hasBody {row['body']} ;",
    ]
    for column, prop in (
        ("evidence_for", "skg:evidenceFor"),
        ("verbatim_for", "skg:verbatimFor"),
        ("summary_for", "skg:summaryFor"),
    ):
        if terms := _terms(row.get(column, "")):
            lines.append(f"    {prop} {', '.join(terms)} ;")
    lines += [
        "    oa:hasTarget [ a oa:SpecificResource ;",
        f"        oa:hasSource src:{SOURCES[row['source']]} ;",
        f"        oa:hasSelector [ a oa:TextPositionSelector ; oa:start {span.start} ;"
        f" oa:end {span.end} ;",
        "            spdx:checksum [ a spdx:Checksum ; spdx:algorithm"
        " spdx:checksumAlgorithm_sha256 ;",
        f'                spdx:checksumValue "{span.digest}" ] ] ] .',
    ]
    return "\n".join(lines)


HEADER = """\
# Evidence: for each stated fact group, the sentence(s) of its source that state it, as W3C
# Web Annotations. Positions are Unicode code points into the source's text normalised to NFC;
# the checksum is the SHA-256 of that span's UTF-8 bytes. No source text is copied here.
# skg:evidenceFor names the body's properties the span states; skg:verbatimFor those whose
# Swedish values are the span's own words; skg:summaryFor those written in the curators' words.
# Generated by scripts/locate_evidence.py from scripts/evidence_anchors.tsv: do not edit by hand.
"""


def build(sources_dir: Path) -> str:
    texts = {key: source_text(sources_dir / f"{name}.txt") for key, name in SOURCES.items()}
    with ANCHORS.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["slug"].strip()]
    slugs = [r["slug"] for r in rows]
    duplicated = {s for s in slugs if slugs.count(s) > 1}
    if duplicated:
        raise ValueError(f"evidence slugs used twice: {sorted(duplicated)}")
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
    prefixes += _extra_prefixes()
    blocks = []
    for row in rows:
        try:
            span = locate(texts[row["source"]], row["anchor"])
        except LookupError as error:
            raise LookupError(f"{row['slug']}: {error}") from None
        blocks.append(evidence_turtle(row, span))
    return HEADER + prefixes + "\n" + "\n\n".join(blocks) + "\n"


def _extra_prefixes() -> str:
    """The prefixes for the described resources: one per kind of minted IRI."""
    kinds = {
        "partner": "partner",
        "orgn": "organisation",
        "ps": "partnership",
        "agr": "agreement",
        "plan": "action-plan",
        "area": "area",
        "proj": "project",
        "body": "body",
        "event": "event",
        "mship": "membership",
        "devarea": "development-area",
        "objective": "objective",
        "theme": "theme",
        "challenge": "challenge",
        "funder": "funder",
        "place": "place",
        "site": "site",
        "unit": "unit",
        "time": None,
    }
    lines = []
    for prefix, kind in kinds.items():
        if kind is None:
            lines.append("@prefix time: <http://www.w3.org/2006/time#> .\n")
        else:
            lines.append(f"@prefix {prefix}: <https://w3id.org/samverkan-kg/{kind}/> .\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    sources_dir = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "sources"
    if not sources_dir.is_dir():
        print(f"locate_evidence: no source folder at {sources_dir}", file=sys.stderr)
        return 2
    try:
        turtle = build(sources_dir)
    except (LookupError, ValueError, KeyError) as error:
        print(f"locate_evidence: {error}", file=sys.stderr)
        return 1
    OUTPUT.write_text(turtle, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}: {turtle.count(' a oa:Annotation ;')} evidence nodes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
