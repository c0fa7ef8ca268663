"""A validation report for the person who filled the template: each problem with its
resource's label, where it came from (sheet and row, or file) and a hint to fix it."""

from dataclasses import asdict, dataclass

from rdflib import BNode, Graph, Literal, URIRef

from ..i18n import LABEL_PREDICATES, label_rank
from ..loading.validation import Finding, ValidationReport
from ..namespaces import RDF, RDFS, SH, compact_iri
from .template import SHEETS

_HINTS = {
    "MinCountConstraintComponent": (
        "Fyll i {what}.",
        "Fill in {what}.",
    ),
    "MaxCountConstraintComponent": (
        "Behåll bara ett värde i {what}.",
        "Keep only one value in {what}.",
    ),
    "DatatypeConstraintComponent": (
        "Skriv {what} i den form mallen anger (se docs/template.md).",
        "Write {what} in the form the template asks for (see docs/template.md).",
    ),
    "ClassConstraintComponent": (
        "{what} ska peka på en resurs av rätt slag: stavas ID:t som i grafen?",
        "{what} must name a resource of the right kind: is the ID spelled as in the graph?",
    ),
    "LanguageInConstraintComponent": (
        "Skriv {what} på svenska eller engelska, i rätt kolumn.",
        "Write {what} in Swedish or English, in the right column.",
    ),
}
_DEFAULT_HINT = (
    "Rätta {what} enligt meddelandet och ladda upp igen.",
    "Correct {what} as the message says and upload again.",
)


def hint_for(constraint: str, what: str, lang: str) -> str:
    """How to fix a finding of ``constraint`` about ``what`` (a column or a property)."""
    sv, en = _HINTS.get(constraint, _DEFAULT_HINT)
    return (sv if lang == "sv" else en).format(what=what)


@dataclass(frozen=True)
class Problem:
    """One finding as the report page shows it."""

    severity: str
    resource: str
    label: str | None
    where: str | None
    property: str | None
    message: str
    hint: str
    value: str | None


def _label(graph: Graph, node: str, lang: str) -> str | None:
    subject = URIRef(node) if "://" in node else None
    if subject is None:
        return None
    labels = [
        (label_rank(o, p, lang), o)
        for p in LABEL_PREDICATES
        for o in graph.objects(subject, p)
        if isinstance(o, Literal)
    ]
    return str(min(labels)[1]) if labels else None


def _column(where: str | None, path: str | None) -> str | None:
    """The template column holding ``path`` in the sheet ``where`` names, e.g. 'Start'."""
    if not where or "!" not in where or not path:
        return None
    sheet = next((s for s in SHEETS if s.name == where.split("!", 1)[0]), None)
    if sheet is None:
        return None
    headers = [c.header for c in sheet.columns if str(c.predicate) == path]
    return " / ".join(headers) or None


def problems(report: ValidationReport, graph: Graph, lang: str) -> list[Problem]:
    """The report's findings for people, violations first."""
    return [problem for _, problem in _pairs(report, graph, lang)]


def _pairs(report: ValidationReport, graph: Graph, lang: str) -> list[tuple[Finding, Problem]]:
    found = []
    order = {"Violation": 0, "Warning": 1}
    for f in sorted(
        report.findings, key=lambda f: (order.get(f.severity, 2), f.file or "", f.focus_node)
    ):
        column = _column(f.file, f.path)
        prop = compact_iri(f.path, strict=True) if f.path else None
        what = (
            f"'{column}'" if column else (prop or ("resursen" if lang == "sv" else "the resource"))
        )
        found.append(
            (
                f,
                Problem(
                    severity=f.severity,
                    resource=compact_iri(f.focus_node, strict=True)
                    if not f.where
                    else f"[{f.where}]",
                    label=_label(graph, f.focus_node, lang),
                    where=f.file,
                    property=prop,
                    message=f.message,
                    hint=hint_for(f.constraint, what, lang),
                    value=f.value,
                ),
            )
        )
    return found


def to_json(report: ValidationReport, graph: Graph, lang: str) -> dict[str, object]:
    return {
        "conforms": report.conforms,
        "violations": len(report.violations),
        "warnings": len(report.warnings),
        "results": [asdict(p) for p in problems(report, graph, lang)],
    }


def to_graph(report: ValidationReport, graph: Graph, lang: str) -> Graph:
    """The report as a SHACL validation report graph (for Turtle)."""
    out = Graph()
    root = BNode()
    out.add((root, RDF.type, SH.ValidationReport))
    out.add((root, SH.conforms, Literal(report.conforms)))
    for finding, problem in _pairs(report, graph, lang):
        result = BNode()
        out.add((root, SH.result, result))
        out.add((result, RDF.type, SH.ValidationResult))
        if "://" in finding.focus_node:
            out.add((result, SH.focusNode, URIRef(finding.focus_node)))
        out.add((result, SH.resultSeverity, SH[finding.severity]))
        out.add((result, SH.sourceConstraintComponent, SH[finding.constraint]))
        if (
            finding.path
            and finding.path.startswith(("http://", "https://"))
            and " " not in finding.path
        ):
            out.add((result, SH.resultPath, URIRef(finding.path)))
        if finding.shape and "://" in finding.shape:
            out.add((result, SH.sourceShape, URIRef(finding.shape)))
        out.add((result, SH.resultMessage, Literal(finding.message)))
        where = f"{problem.where}: " if problem.where else ""
        out.add((result, RDFS.comment, Literal(f"{where}{problem.hint}", lang=lang)))
    return out
