"""Links from pages to resources: our IRIs to this service's paths, others only if safe."""

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

#: Schemes a page may link to as they are.
_LINKABLE_SCHEMES = ("http://", "https://", "mailto:")
#: Characters left as they are when an IRI's path becomes a link (the rest is %-encoded).
_IRI_SAFE = "/#:@!$&'()*+,;=-._~%"

LocalHref = Callable[[str], str | None]


def app_path(scope: Mapping[str, Any]) -> str:
    """An ASGI request's path below the mount (``root_path``) the app is served at."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return str(path[len(root) :] if root and path.startswith(root) else path)


def local_href(base_iri: str, root_path: str) -> LocalHref:
    """Map IRIs under ``base_iri`` to paths on this service (``root_path`` is its mount)."""

    def local(iri: str) -> str | None:
        if not iri.startswith(base_iri):
            return None
        rest = iri[len(base_iri) :]
        return root_path.rstrip("/") + "/" + quote(rest, safe=_IRI_SAFE)

    return local


def link_for(iri: str, local: LocalHref) -> str | None:
    """This service's page for our IRIs; other IRIs only if their scheme is safe to link."""
    found = local(iri)
    if found is not None:
        return found
    return iri if iri.lower().startswith(_LINKABLE_SCHEMES) else None
