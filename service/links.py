"""Links from pages to resources: our IRIs to this service's paths, others only if safe."""

from collections.abc import Callable, Collection, Mapping
from typing import Any, Final
from urllib.parse import quote, urlencode

#: Schemes a page may link to as they are.
_LINKABLE_SCHEMES = ("http://", "https://", "mailto:")
#: Characters left as they are when an IRI's path becomes a link (the rest is %-encoded).
_IRI_SAFE = "/#:@!$&'()*+,;=-._~%"

LocalHref = Callable[[str], str | None]

#: Other IRIs the graph describes that get a page at a path of their own: the UN's SDG
#: scheme at ``/sdg`` and its goals at ``/sdg/13`` (path segment → the IRI it stands for).
OUTSIDE_PATHS: Final = {"sdg": "http://metadata.un.org/sdg"}
#: The page of any other IRI the graph describes: ``/external?iri=…``.
EXTERNAL_PAGE: Final = "external"


def iri_of_path(path: str, base_iri: str) -> str:
    """The IRI a path on this service stands for (the inverse of :func:`local_href`'s map):
    ``sdg/13`` is the UN's goal 13, anything else is under ``base_iri``."""
    segment, slash, rest = path.partition("/")
    outside = OUTSIDE_PATHS.get(segment)
    if outside is not None and (not slash or rest):
        return outside + slash + rest
    return base_iri + path


def _outside_path(iri: str) -> str:
    for segment, outside in OUTSIDE_PATHS.items():
        if iri == outside or iri.startswith(outside + "/"):
            return segment + quote(iri[len(outside) :], safe=_IRI_SAFE)
    return f"{EXTERNAL_PAGE}?{urlencode({'iri': iri})}"


def app_path(scope: Mapping[str, Any]) -> str:
    """An ASGI request's path below the mount (``root_path``) the app is served at."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return str(path[len(root) :] if root and path.startswith(root) else path)


def local_href(base_iri: str, root_path: str, described: Collection[str] = ()) -> LocalHref:
    """Map IRIs under ``base_iri`` to paths on this service (``root_path`` is its mount), and
    the other IRIs the graph ``described`` to their local pages (``/sdg/13``, else
    ``/external?iri=…``): the page shows the outside address one link away."""
    root = root_path.rstrip("/")

    def local(iri: str) -> str | None:
        if iri in described and not iri.startswith(base_iri):
            return f"{root}/{_outside_path(iri)}"
        if not iri.startswith(base_iri):
            return None
        rest = iri[len(base_iri) :]
        return root + "/" + quote(rest, safe=_IRI_SAFE)

    return local


def link_for(iri: str, local: LocalHref) -> str | None:
    """This service's page for our IRIs; other IRIs only if their scheme is safe to link."""
    found = local(iri)
    if found is not None:
        return found
    return iri if iri.lower().startswith(_LINKABLE_SCHEMES) else None
