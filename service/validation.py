"""SHACL validation with pyshacl over in-memory graphs (no remote imports), and its report."""

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph
from rdflib.namespace import RDF
from rdflib.term import Node

from .loading import load_graph
from .namespaces import SH
from .paths import shape_files


@dataclass(frozen=True)
class Finding:
    """One validation result, in terms a person can act on."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus_node: str
    path: str | None
    message: str
    constraint: str  # the constraint component, e.g. "MinCountConstraintComponent"
    shape: str | None
    value: str | None = None
    file: str | None = None


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings and infos are allowed)."""
        return not self.violations

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Warning"]

    def to_json(self) -> str:
        return json.dumps(
            {
                "conforms": self.conforms,
                "violations": len(self.violations),
                "warnings": len(self.warnings),
                "results": [asdict(f) for f in self.findings],
            },
            indent=2,
            ensure_ascii=False,
        )

    def to_text(self) -> str:
        lines = []
        for f in sorted(self.findings, key=lambda f: (f.severity, f.file or "", f.focus_node)):
            where = f"{f.file}: " if f.file else ""
            path = f" path {f.path}" if f.path else ""
            lines.append(f"{where}{f.severity}: {f.focus_node}{path}: {f.message}")
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(
            f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)"
        )
        return "\n".join(lines)


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def load_shapes() -> Graph:
    """The project's SHACL shapes from shapes/."""
    return load_graph(shape_files())


def validate(
    data: Graph,
    shapes: Graph | None = None,
    origins: dict[Node, str] | None = None,
) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: the project's shapes).

    ``origins`` maps a focus node to the file it comes from, so the report can say where.
    """
    shapes = load_shapes() if shapes is None else shapes
    _, report_graph, _ = pyshacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,  # SPARQL-based constraints
        allow_warnings=True,
        do_owl_imports=False,  # never fetch anything remote
    )
    assert isinstance(report_graph, Graph)
    findings = []
    for result in report_graph.subjects(RDF.type, SH.ValidationResult):
        focus = report_graph.value(result, SH.focusNode)
        severity = report_graph.value(result, SH.resultSeverity)
        component = report_graph.value(result, SH.sourceConstraintComponent)
        findings.append(
            Finding(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus_node=str(focus),
                path=_text(report_graph.value(result, SH.resultPath)),
                message=str(report_graph.value(result, SH.resultMessage) or ""),
                constraint=str(component).rsplit("#", 1)[-1] if component else "",
                shape=_text(report_graph.value(result, SH.sourceShape)),
                value=_text(report_graph.value(result, SH.value)),
                file=(origins or {}).get(focus) if focus is not None else None,
            )
        )
    return ValidationReport(findings)


def validate_files(paths: list[Path], shapes: Graph | None = None) -> ValidationReport:
    """Load and validate files together, attributing each finding to a file."""
    origins: dict[Node, str] = {}
    data = Graph()
    for path in paths:
        graph = load_graph([path])
        for s in graph.subjects():
            origins.setdefault(s, str(path))
        data += graph
    return validate(data, shapes, origins)
