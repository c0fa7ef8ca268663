"""A SHACL validation report in terms a person can act on: text for people, JSON for machines."""

import json
import re
from dataclasses import asdict, dataclass, field

from ..namespaces import compact_iri


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
    #: For a blank focus node (a date, a place): how to reach it, e.g. "skg:start of <...>".
    where: str | None = None


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
        for f in sorted(self.findings, key=_report_order):
            where = f"{f.file}: " if f.file else ""
            focus = f"[{_compact_all(f.where)}]" if f.where else f.focus_node
            path = f" {_compact_all(f.path)}" if f.path else ""
            value = ""
            if f.value is not None and f.value != f.focus_node:
                value = f" (value: {_compact_all(f.value)})"
            lines.append(f"{where}{f.severity}: {focus}{path}: {f.message}{value}")
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(
            f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)"
        )
        return "\n".join(lines)


_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s\[\]()<>|\"]+")


def _compact_all(text: str) -> str:
    """Every IRI in ``text`` compacted (paths like ``^org:role``, "skg:start of <iri>")."""
    return _IRI.sub(lambda m: compact_iri(m.group(0), strict=True), text)


def _report_order(f: Finding) -> tuple[int, str, str, str]:
    return (_SEVERITY_ORDER.get(f.severity, 3), f.file or "", f.focus_node, f.path or "")
