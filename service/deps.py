"""FastAPI dependencies, declared once: the store and settings from app.state, the language
and the link helper from the request."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, Request
from rdflib import Literal

from .i18n import Lang, choose_language
from .links import LocalHref, local_href
from .settings import Settings
from .store.base import Store
from .warm import once

T = TypeVar("T")


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


def request_language(request: Request) -> Lang:
    """The language a request wants: ``?lang=``, then Accept-Language (see service.i18n)."""
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def described_outside(store: Store, base_iri: str) -> frozenset[str]:
    """The IRIs not under ``base_iri`` that the graph describes (the UN's goals, reused
    classes the ontology annotates): each gets a page here. One scan of the subjects."""
    rows = store.select(
        "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } "
        f"FILTER(isIRI(?s) && !STRSTARTS(STR(?s), {Literal(base_iri).n3()})) }}"
    ).rows
    return frozenset(str(row["s"]) for row in rows if row.get("s") is not None)


def store_outside(state: Any, store: Store, base_iri: str) -> frozenset[str]:
    """:func:`described_outside` for the store an app serves, asked once (it is read-only)."""
    return once(state, store).get("outside", lambda: described_outside(store, base_iri))


def _described(request: Request) -> frozenset[str]:
    return store_outside(request.app.state, get_store(request), get_settings(request).base_iri)


def request_links(request: Request) -> LocalHref:
    """Links from a page to our resources and to the other IRIs the graph describes, under
    the mount path the app is served at."""
    settings = get_settings(request)
    return local_href(settings.base_iri, request.scope.get("root_path", ""), _described(request))


def _in_the_loop(read: Callable[[Request], T]) -> Callable[[Request], Awaitable[T]]:
    """``read`` as a coroutine dependency: FastAPI runs a plain ``def`` dependency in its
    threadpool, a thread hop per request (and per dependency) for a dictionary lookup."""

    async def dependency(request: Request) -> T:
        return read(request)

    return dependency


SettingsDep = Annotated[Settings, Depends(_in_the_loop(get_settings))]
StoreDep = Annotated[Store, Depends(_in_the_loop(get_store))]
LangDep = Annotated[Lang, Depends(_in_the_loop(request_language))]
LinksDep = Annotated[LocalHref, Depends(_in_the_loop(request_links))]
