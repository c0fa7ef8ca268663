"""FastAPI dependencies, declared once: the store and settings from app.state, the language
and the link helper from the request."""

from typing import Annotated, cast

from fastapi import Depends, Request

from .i18n import Lang, choose_language
from .links import LocalHref, local_href
from .settings import Settings
from .store.base import Store


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


# The dependencies themselves are coroutines: FastAPI runs a plain ``def`` dependency in its
# threadpool, a thread hop per request (and per dependency) for what is a dictionary lookup.


async def _settings(request: Request) -> Settings:
    return get_settings(request)


async def _store(request: Request) -> Store:
    return get_store(request)


SettingsDep = Annotated[Settings, Depends(_settings)]
StoreDep = Annotated[Store, Depends(_store)]


def request_language(request: Request) -> Lang:
    """The language a request wants: ``?lang=``, then Accept-Language (see service.i18n)."""
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def request_links(request: Request) -> LocalHref:
    """Links from a page to our resources, under the mount path the app is served at."""
    settings = get_settings(request)
    return local_href(settings.base_iri, request.scope.get("root_path", ""))


async def _language(request: Request) -> Lang:
    return request_language(request)


async def _links(request: Request) -> LocalHref:
    return request_links(request)


LangDep = Annotated[Lang, Depends(_language)]
LinksDep = Annotated[LocalHref, Depends(_links)]
