"""FastAPI dependencies, declared once: routes get the store and settings from app.state."""

from typing import Annotated, cast

from fastapi import Depends, Request

from .settings import Settings
from .store.base import Store


def get_settings(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def get_store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
