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


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]


def request_language(request: Request) -> Lang:
    """The language a request wants: ``?lang=``, then Accept-Language (see service.i18n)."""
    return choose_language(request.query_params.get("lang"), request.headers.get("accept-language"))


def request_links(request: Request) -> LocalHref:
    """Links from a page to our resources, under the mount path the app is served at."""
    settings = get_settings(request)
    return local_href(settings.base_iri, request.scope.get("root_path", ""))


LangDep = Annotated[Lang, Depends(request_language)]
LinksDep = Annotated[LocalHref, Depends(request_links)]
