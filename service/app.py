"""create_app(settings, store): wires the routers to the store on app.state."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from . import __version__, compare_routes, linked_data, query_routes
from .pages import accessibility, static_files
from .settings import Settings
from .sparql import protocol as sparql_protocol
from .store.base import Store


def create_app(settings: Settings, store: Store) -> FastAPI:
    """Build the HTTP app around an already loaded (and validated) store."""
    app = FastAPI(
        title="samverkan-kg",
        version=__version__,
        description="SPARQL endpoint and linked data for Swedish university–public sector "
        "partnerships.",
    )
    app.state.settings = settings
    app.state.store = store
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )

    @app.get("/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "triples": store.triple_count(), "store": store.name}

    app.mount("/static", static_files(), name="static")
    # Routers are added here by the modules that own them (sparql, linked data, pages, ...).
    app.include_router(query_routes.router)
    app.include_router(compare_routes.router)
    app.include_router(sparql_protocol.router)
    app.include_router(accessibility.router)
    # Linked data answers every path not taken above it: keep it the last route.
    app.include_router(linked_data.router)
    return app
