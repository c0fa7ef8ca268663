"""``/validate``: check RDF or a filled template against the shapes, with the served graph.

``GET /validate`` is a small upload form. ``POST /validate`` takes RDF (Turtle, JSON-LD,
N-Triples, RDF/XML) as the request body or as uploaded files, or a filled template (an
``.xlsx`` workbook, or ``<sheet>.csv`` files), and answers the SHACL report as JSON, Turtle
or an HTML page (``?format=`` or Accept). The upload is validated together with the served
graph, replacing what the graph says about the resources it describes; ``?alone=true``
validates it with the ontology only. Uploads are parsed by the same functions as the
graph's own files (``service.loading``), so their checks apply; the body is capped.
"""

import json
import tempfile
from pathlib import Path
from typing import Final

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from rdflib import Graph, URIRef
from rdflib.term import Node
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from .. import formats as f
from ..deps import LangDep, SettingsDep
from ..errors import FileError
from ..formats import Format, rdf_file_format
from ..loading.rdf import load_graph
from ..loading.validation import ShapesError, load_shapes, with_ontology
from ..negotiation import NotAcceptable, choose
from ..pages import templates
from ..paths import data_files, ontology_files
from ..serialize import serialize_graph
from .convert import Imported, read_leniently
from .importing import check
from .report_view import problems, to_graph, to_json
from .workbook import Tables, read_csv_bytes, read_xlsx_bytes

router = APIRouter(tags=["publishing"])

#: The largest upload accepted (bytes).
MAX_UPLOAD: Final = 5 * 1024 * 1024
#: What a report can be had as; JSON first, so scripts that accept anything get JSON.
REPORT_TYPES: Final = (f.JSON, f.TURTLE, f.HTML)
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: RDF syntaxes an upload may be in (by media type or file extension).
UPLOAD_RDF: Final = (f.TURTLE, f.JSONLD, f.NTRIPLES, f.RDFXML)


class UploadError(ValueError):
    """The upload cannot be read; ``problems`` say where and why."""

    def __init__(self, status: int, problems: list[str]) -> None:
        self.status = status
        self.problems = problems
        super().__init__("; ".join(problems))


WORDS: Final = {
    "sv": {
        "title": "Validera",
        "intro": "Ladda upp en ifylld mall (XLSX eller CSV-filer) eller RDF (Turtle, JSON-LD, "
        "N-Triples, RDF/XML). Den kontrolleras mot grafens SHACL-former tillsammans med resten "
        "av grafen; inget sparas.",
        "file": "Fil(er) att kontrollera",
        "alone": "Kontrollera filen ensam (bara med ontologin)",
        "submit": "Kontrollera",
        "report": "Resultat",
        "conforms": "Inga fel: uppgifterna följer formerna.",
        "fails": "Uppgifterna följer inte formerna",
        "resource": "Resurs",
        "where": "Var",
        "problem": "Problem",
        "hint": "Så rättar du",
        "severity": "Allvar",
        "unreadable": "Filen kunde inte läsas",
        "template_help": "Mallen och hur den fylls i beskrivs i docs/template.md.",
        "switch": "In English",
        "other": "en",
    },
    "en": {
        "title": "Validate",
        "intro": "Upload a filled template (XLSX or CSV files) or RDF (Turtle, JSON-LD, "
        "N-Triples, RDF/XML). It is checked against the graph's SHACL shapes together with "
        "the rest of the graph; nothing is stored.",
        "file": "File(s) to check",
        "alone": "Check the file alone (with the ontology only)",
        "submit": "Check",
        "report": "Result",
        "conforms": "No problems: the data conforms to the shapes.",
        "fails": "The data does not conform to the shapes",
        "resource": "Resource",
        "where": "Where",
        "problem": "Problem",
        "hint": "How to fix it",
        "severity": "Severity",
        "unreadable": "The file could not be read",
        "template_help": "The template and how to fill it in: docs/template.md.",
        "switch": "På svenska",
        "other": "sv",
    },
}


def _rdf_format(media_type: str | None, name: str | None) -> Format | None:
    if name and (found := rdf_file_format(Path(name).suffix)) in UPLOAD_RDF:
        return found
    try:
        by_type = f.by_media_type(media_type or "")
    except KeyError:
        return None
    return by_type if by_type in UPLOAD_RDF else None


def _parse_rdf(data: bytes, fmt: Format, name: str) -> Graph:
    """Parse through ``service.loading`` (a temporary file named like the upload)."""
    with tempfile.TemporaryDirectory(prefix="samverkan-upload-") as folder:
        path = Path(folder) / f"upload.{fmt.extension}"
        path.write_bytes(data)
        try:
            return load_graph([path])
        except FileError as error:
            where = f"{name}:{error.line}" if error.line else name
            raise UploadError(400, [f"{where}: {error.message}"]) from None


def _read(parts: list[tuple[str, str | None, bytes]]) -> tuple[Imported, str, list[str]]:
    """Uploaded files (name, media type, bytes) → a graph with origins, the kind read, and
    the template's cells that could not be read."""
    tables: Tables = {}
    graph = Graph()
    origins: dict[Node, str] = {}
    kinds = set()
    for name, media_type, data in parts:
        suffix = Path(name).suffix.lower()
        if suffix == ".xlsx" or (media_type or "").startswith(XLSX_TYPE):
            try:
                tables.update(read_xlsx_bytes(data, Path(name)))
            except FileError as error:
                raise UploadError(400, [str(error)]) from None
            kinds.add("template")
        elif suffix == ".csv" or (media_type or "").startswith("text/csv"):
            try:
                tables[Path(name).stem] = read_csv_bytes(data, Path(name))
            except FileError as error:
                raise UploadError(400, [str(error)]) from None
            kinds.add("template")
        else:
            fmt = _rdf_format(media_type, name)
            if fmt is None:
                known = ", ".join(x.media_type for x in UPLOAD_RDF)
                raise UploadError(
                    415,
                    [f"{name}: send a template (.xlsx, .csv) or RDF ({known}, or by extension)"],
                )
            parsed = _parse_rdf(data, fmt, name)
            graph += parsed
            origins.update({s: name for s in parsed.subjects() if isinstance(s, URIRef)})
            kinds.add("rdf")
    imported = Imported(graph, origins)
    unreadable: list[str] = []
    if tables:
        from_template, unreadable = read_leniently(tables)
        imported.graph += from_template.graph
        imported.origins.update(from_template.origins)
        imported.cells.update(from_template.cells)
        imported.headers.update(from_template.headers)
    return imported, "+".join(sorted(kinds)), unreadable


async def _body(request: Request) -> bytes:
    size = int(request.headers.get("content-length") or 0)
    if size > MAX_UPLOAD:
        raise UploadError(413, [f"the upload is larger than {MAX_UPLOAD // 1024 // 1024} MB"])
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > MAX_UPLOAD:
            raise UploadError(413, [f"the upload is larger than {MAX_UPLOAD // 1024 // 1024} MB"])
        chunks.append(chunk)
    return b"".join(chunks)


def _yes(value: object) -> bool:
    return str(value or "").lower() in ("1", "true", "yes", "on")


async def _parts(request: Request) -> tuple[list[tuple[str, str | None, bytes]], bool]:
    """The uploaded files (name, media type, bytes), and whether to validate them alone."""
    alone = _yes(request.query_params.get("alone"))
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data":
        size = int(request.headers.get("content-length") or 0)
        if size > MAX_UPLOAD:
            raise UploadError(413, [f"the upload is larger than {MAX_UPLOAD // 1024 // 1024} MB"])
        form = await request.form(max_files=32, max_fields=8)
        parts = []
        for item in form.getlist("file"):
            if isinstance(item, UploadFile) and item.filename:
                data = await item.read(MAX_UPLOAD + 1)
                if len(data) > MAX_UPLOAD:
                    raise UploadError(413, [f"{item.filename}: larger than the upload limit"])
                parts.append((item.filename, item.content_type, data))
        if not parts:
            raise UploadError(400, ["choose a file to check (form field 'file')"])
        return parts, alone or _yes(form.get("alone"))
    data = await _body(request)
    if not data:
        raise UploadError(400, ["send RDF or a template in the body, or upload a file"])
    name = "upload" + {"xlsx": ".xlsx", "csv": ".csv"}.get(media_type.rsplit("/", 1)[-1], "")
    if media_type == XLSX_TYPE:
        name = "upload.xlsx"
    return [(name, media_type, data)], alone


def _report_format(request: Request) -> Format:
    return choose(REPORT_TYPES, request.headers.get("accept"), request.query_params.get("format"))


def _page(request: Request, lang: str, status: int = 200, **context: object) -> Response:
    full: dict[str, object] = {"lang": lang, "words": WORDS[lang], "report": None}
    full |= {"problems": [], "errors": []}
    full.update(context)
    return templates.TemplateResponse(
        request,
        "validate.html",
        full,
        status_code=status,
        headers={"Vary": "Accept, Accept-Language"},
    )


@router.get("/validate", response_class=HTMLResponse, summary="Upload form for validation")
def validate_form(request: Request, lang: LangDep) -> Response:
    """A form to upload a filled template or RDF for checking."""
    return _page(request, lang)


@router.post("/validate", summary="Validate RDF or a filled template against the shapes")
async def validate_upload(request: Request, settings: SettingsDep, lang: LangDep) -> Response:
    """The SHACL report of the upload, validated with the served graph (JSON, Turtle, HTML)."""
    try:
        fmt = _report_format(request)
    except NotAcceptable as error:
        return PlainTextResponse(f"Not acceptable: {error}", 406)
    try:
        parts, alone = await _parts(request)
        imported, kind, unreadable = _read(parts)
    except UploadError as error:
        if fmt is f.HTML:
            return _page(request, lang, error.status, errors=error.problems)
        return JSONResponse(
            {"detail": "; ".join(error.problems), "problems": error.problems}, error.status
        )
    try:
        shapes = load_shapes(settings.shapes) if settings.shapes else load_shapes()
        files = ontology_files() if alone else with_ontology(settings.files or data_files())
        checked = await run_in_threadpool(
            check, imported, files, shapes, settings.base_iri, unreadable
        )
    except (ShapesError, FileError) as error:
        return JSONResponse({"detail": str(error)}, 500)
    if checked.unreadable:  # the cells and every other problem, in one round
        if fmt is f.HTML:
            return _page(request, lang, 400, errors=checked.all_problems)
        return JSONResponse(
            {"detail": "; ".join(checked.all_problems), "problems": checked.all_problems}, 400
        )
    graph = checked.graph
    report = checked.report
    if fmt is f.HTML:
        return _page(
            request,
            lang,
            report=report,
            problems=problems(report, graph, lang),
            kind=kind,
            template_problems=checked.problems,
        )
    if fmt is f.TURTLE:
        body = serialize_graph(to_graph(report, graph, lang), f.TURTLE)
        return Response(body, media_type=f.TURTLE.content_type, headers={"Vary": "Accept"})
    data = to_json(report, graph, lang)
    data["conforms"] = checked.conforms
    data["problems"] = checked.problems
    data["input"] = kind
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Vary": "Accept"},
    )
