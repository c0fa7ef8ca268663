"""``samverkan site DIR``: the service's pages for people, as static files any host can serve.

Pages are rendered by the app itself, in-process (``fastapi.testclient.TestClient``), so the
site and the service show the same HTML. The generator starts from every resource, the
comparison, the saved questions, the dataset description and the accessibility statement,
follows every internal link a page holds, and writes what each answers to a file named by
its path and query (see ``docs/site.md``):

========================================  ==========================================
request                                   file
========================================  ==========================================
``/project/ulf`` (HTML, Swedish)          ``project/ulf.html``
``/project/ulf?lang=en``                  ``project/ulf.en.html``
``/project/ulf?format=ttl`` (jsonld, ...)  ``project/ulf.ttl`` (``.jsonld``, ``.nt``, ``.rdf``)
``/queries/NAME?format=csv``              ``queries/NAME.csv``
``/compare.csv?table=matrix&lang=en``     ``compare.table-matrix.en.csv``
``/sdg/5``, ``/external?iri=IRI``          ``sdg/5.html``, ``external.iri-IRI.html``
``/dump.ttl``, ``/static/style.css``      the same path
========================================  ==========================================

File names are then made safe on every common file system (``filenames.py``: names equal
but for case told apart, long ones shortened with a hash), and links are made relative, so
the site works from any folder, under any path, and from ``file://``. A link to what only a
running service can answer (the SPARQL editor, the endpoint, the validation form, the API
docs) points at ``--service URL`` if one is given, else it is left out (its text stays).
"""

import html
import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient
from rdflib import Literal, URIRef

from .. import formats as f
from ..atomic import atomic_folder
from ..catalog import catalog_graph
from ..formats import DUMP_TYPES
from ..i18n import LANGUAGES, best_literal
from ..namespaces import RDF, RDFS
from ..pages import PAGES_DIR, page_globals, templates
from ..serialize import serialize_graph
from ..settings import Settings
from ..store.base import Store
from .dumps import dump
from .filenames import portable_names

#: Builds the app the site is crawled from (``app.create_app``, passed in by the CLI door).
AppFactory = Callable[[Settings, Store], FastAPI]
#: Paths only a running service answers (forms, the endpoint, the editor, the API docs).
DYNAMIC: Final = frozenset(
    {"/", "/sparql", "/docs", "/redoc", "/openapi.json", "/validate", "/health", "/search"}
)
#: Query parameters a static file can stand for (``all``: the comparison of every agreement;
#: ``page``: a listing's page; ``incoming_page``: a page of the links to a resource;
#: ``iri``: the page of an outside IRI the graph describes).
STATIC_PARAMS: Final = frozenset({"lang", "format", "table", "all", "page", "incoming_page", "iri"})
#: Dumps written by :mod:`.dumps` (deterministic), not fetched from the app, by extension.
DUMPS: Final = {fmt.extension: fmt for fmt in DUMP_TYPES if fmt.extension}
_LINK: Final = re.compile(r'\b(href|src|action)="([^"]*)"')
_SAFE: Final = re.compile(r"[^A-Za-z0-9_.-]+")
_RESOURCES: Final = """SELECT DISTINCT ?s WHERE {{
  {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }}
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}"))
}}"""


def file_for(path: str, query: str = "") -> str:
    """The file that holds the answer to ``path?query`` (see the module's table)."""
    params = dict(parse_qsl(query, keep_blank_values=True))
    lang = params.pop("lang", "sv") or "sv"
    fmt = params.pop("format", "") or ""
    rest = unquote(path).strip("/") or "index"
    if rest.startswith("static/"):
        return rest
    head, _, last = rest.rpartition("/")
    stem, dot, ext = last.rpartition(".")
    if not dot or not ext.isalnum() or not stem:
        stem, ext = last, ""
    ext = fmt if fmt and fmt != "html" else (ext or "html")
    extras = "".join(f".{_SAFE.sub('-', k)}-{_SAFE.sub('-', v)}" for k, v in sorted(params.items()))
    language = "" if lang == "sv" else f".{_SAFE.sub('-', lang)}"
    name = f"{stem}{extras}{language}.{ext}"
    return f"{head}/{name}" if head else name


class SiteBuilder:
    """Crawl the app in-process from the seeds; keep each answer under its file name."""

    def __init__(
        self, make_app: AppFactory, store: Store, settings: Settings, url: str, service: str | None
    ) -> None:
        self.make_app = make_app
        self.store = store
        self.settings = settings
        self.url = url if url.endswith("/") else url + "/"
        split = urlsplit(self.url)
        self.origin = f"{split.scheme}://{split.netloc}"
        self.prefix = split.path.rstrip("/")
        self.service = service.rstrip("/") if service else None
        self.files: dict[str, bytes] = {}
        self.pages: dict[str, str] = {}  # file → the request it answers (for relative links)
        self.names: dict[str, str] = {}  # file_for's name → the file's portable name

    @contextmanager
    def client(self) -> Iterator[TestClient]:
        app = self.make_app(self.settings, self.store)
        with TestClient(app, base_url=self.origin + self.prefix, root_path=self.prefix) as client:
            yield client

    def seeds(self) -> list[str]:
        found = ["/compare", "/queries", "/.well-known/void", "/accessibility", "/ontology"]
        rows = self.store.select(_RESOURCES.format(base=self.settings.base_iri)).rows
        for row in rows:
            iri = str(row["s"]).split("#", 1)[0]
            found.append("/" + iri[len(self.settings.base_iri) :])
        pages = [f"{path}?lang={lang}" for path in sorted(set(found)) for lang in LANGUAGES]
        void = ["/.well-known/void?format=ttl", "/.well-known/void?format=jsonld"]
        return [*pages, *void, "/catalog?format=html"]

    def internal(self, absolute: str) -> tuple[str, str] | None:
        """The app path and query of a link on this site, else None."""
        split = urlsplit(absolute)
        if f"{split.scheme}://{split.netloc}" != self.origin:
            return None
        if not (split.path == self.prefix or split.path.startswith(self.prefix + "/")):
            return None
        return split.path[len(self.prefix) :] or "/", split.query

    def wanted(self, path: str, query: str) -> bool:
        params = {k for k, _ in parse_qsl(query, keep_blank_values=True)}
        dump_file = path.startswith("/dump.") and path.rsplit(".", 1)[-1] in DUMPS
        return path not in DYNAMIC and params <= STATIC_PARAMS and not dump_file

    def crawl(self) -> None:
        with self.client() as client:
            queue = deque(self.seeds())
            seen: set[str] = set()
            while queue:
                target = queue.popleft()
                path, _, query = target.partition("?")
                name = file_for(path, query)
                if name in seen or not self.wanted(path, query):
                    continue
                seen.add(name)
                answer = client.get(target, headers={"accept": "text/html"})
                if answer.status_code != 200:
                    continue
                self.files[name] = answer.content
                if answer.headers.get("content-type", "").startswith("text/html"):
                    self.pages[name] = target
                    page_url = self.origin + self.prefix + target
                    for _, value in _LINK.findall(answer.text):
                        link = self.internal(urljoin(page_url, html.unescape(value)))
                        if link is not None:
                            queue.append(link[0] + (f"?{link[1]}" if link[1] else ""))
        # VoID's well-known address itself, for clients that ask no particular syntax.
        self.files[".well-known/void"] = self.files[".well-known/void.ttl"]
        dataset = self.store.dataset()
        for ext, fmt in DUMPS.items():
            self.files[f"dump.{ext}"] = dump(dataset, fmt, self.settings.base_iri).encode()
        self.catalog()

    def catalog(self) -> None:
        """The DCAT-AP-SE catalogue of the site: its own dumps, the live endpoint if any."""
        endpoint = f"{self.service}/sparql" if self.service else None
        graph = catalog_graph(self.store, self.settings.base_iri, self.url, self.settings.files,
                              dumps=tuple(DUMPS), endpoint=endpoint)  # fmt: skip
        for fmt in (f.RDFXML, f.TURTLE, f.JSONLD, f.NTRIPLES):
            self.files[f"catalog.{fmt.extension}"] = serialize_graph(graph, fmt)

    def home(self) -> None:
        """``index.html``: what the site holds, resources listed by class."""
        graph = self.store.dataset()
        for lang in LANGUAGES:
            lists = []
            for cls in sorted({o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)}):
                members = sorted(
                    s
                    for s in graph.subjects(RDF.type, cls)
                    if isinstance(s, URIRef) and s.startswith(self.settings.base_iri)
                )
                if not members:
                    continue
                entries = []
                for member in members:
                    label = best_literal(
                        [o for o in graph.objects(member, RDFS.label) if isinstance(o, Literal)],
                        lang,
                    )
                    path, _, anchor = member[len(self.settings.base_iri) :].partition("#")
                    query = "" if lang == "sv" else f"?lang={lang}"
                    href = f"{self.prefix}/{path}{query}" + (f"#{anchor}" if anchor else "")
                    entries.append((str(label) if label else member, href))
                name = best_literal(
                    [o for o in graph.objects(cls, RDFS.label) if isinstance(o, Literal)], lang
                )
                lists.append(
                    (
                        str(name) if name else str(cls),
                        sorted(entries, key=lambda e: e[0].casefold()),
                    )
                )
            lists.sort(key=lambda item: item[0].casefold())
            page = templates.get_template("site_index.html").render(
                lang=lang,
                classes=lists,
                other="en" if lang == "sv" else "sv",
                **page_globals(self.prefix, None if lang == LANGUAGES[0] else lang),
            )
            home = file_for("/", f"lang={lang}")
            self.files[home] = page.encode()
            self.pages[home] = f"/?lang={lang}"

    def rename(self) -> None:
        """Give every file a name safe on every common file system (the assets have one)."""
        self.names = portable_names(n for n in self.files if not n.startswith("static/"))
        self.files = {self.names.get(n, n): data for n, data in self.files.items()}
        self.pages = {self.names.get(n, n): target for n, target in self.pages.items()}

    def relink(self) -> None:
        """Make every internal link of every page relative to the page's own file."""
        for name, target in self.pages.items():
            page_url = self.origin + self.prefix + target
            folder = os.path.dirname(name)

            def replace(
                match: re.Match[str], page_url: str = page_url, folder: str = folder
            ) -> str:
                attribute, value = match.group(1), html.unescape(match.group(2))
                if value.startswith("#") or not value:
                    return match.group(0)
                absolute = urljoin(page_url, value)
                link = self.internal(absolute)
                if link is None:
                    return match.group(0)
                path, query = link
                fragment = urlsplit(absolute).fragment
                wanted = file_for(path, query)
                wanted = self.names.get(wanted, wanted)
                if wanted in self.files:
                    relative = os.path.relpath(wanted, folder or ".")
                    anchor = f"#{fragment}" if fragment else ""
                    return f'{attribute}="{html.escape(relative + anchor)}"'
                if self.service:
                    live = self.service + path + (f"?{query}" if query else "")
                    return f'{attribute}="{html.escape(live)}"'
                return ""

            text = self.files[name].decode("utf-8")
            self.files[name] = _LINK.sub(replace, text).encode("utf-8")

    def build(self) -> dict[str, bytes]:
        self.crawl()
        self.home()
        self.rename()
        self.relink()
        return self.files


def build_site(
    make_app: AppFactory,
    store: Store,
    settings: Settings,
    url: str | None = None,
    service: str | None = None,
) -> dict[str, bytes]:
    """Every file of the static site (path → bytes), the static assets excepted: the pages of
    the app ``make_app`` builds (the door passes ``app.create_app``)."""
    return SiteBuilder(make_app, store, settings, url or settings.base_iri, service).build()


def write_site(files: dict[str, bytes], target: Path) -> None:
    """The site's files and the static assets, written as one folder atomically."""
    with atomic_folder(target) as folder:
        shutil.copytree(PAGES_DIR / "static", folder / "static")
        for name, data in sorted(files.items()):
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


__all__ = ["build_site", "file_for", "urlencode", "write_site"]
