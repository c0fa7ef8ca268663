"""Service settings: defaults serve the curated graph; each can be set as SAMVERKAN_<NAME>."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from .namespaces import BASE


class Settings(BaseSettings):
    """Every knob of the service. Environment variables use the prefix ``SAMVERKAN_``."""

    model_config = SettingsConfigDict(env_prefix="SAMVERKAN_", extra="ignore")

    host: str = Field("127.0.0.1", description="Interface to listen on.")
    port: int = Field(8000, ge=0, le=65535, description="TCP port to listen on.")
    base_iri: str = Field(BASE, description="Base of the IRIs the project mints.")
    store: str = Field(
        "oxigraph",
        description="Store backend: a name in service/store/backends.py (checked when the "
        "store is built).",
    )
    query_timeout: float = Field(30.0, gt=0, description="Seconds a SPARQL query may run.")
    max_rows: int = Field(10_000, gt=0, description="Most result rows a query returns.")
    max_query_length: int = Field(20_000, gt=0, description="Longest query text accepted.")
    query_workers: int = Field(2, ge=1, description="Worker processes that run SPARQL queries.")
    worker_data: Literal["memory", "disk"] = Field(
        "memory",
        description="Where query workers read the data: an in-memory copy (fastest; each "
        "worker's copy becomes its own as queries read it) or the on-disk store, read-only "
        "(least memory; string-heavy queries slower).",
    )
    query_queue: int = Field(
        16, ge=0, description="Client queries that may wait for a worker; more get 503."
    )
    max_body_bytes: int = Field(1_048_576, gt=0, description="Largest request body accepted.")
    cors_origins: list[str] = Field(
        default_factory=lambda: ["*"],
        description="Origins allowed by CORS (GET and POST, no credentials).",
    )
    files: list[Path] = Field(
        default_factory=list, description="RDF files to serve instead of the curated graph."
    )
    named_graphs: dict[str, Path] = Field(
        default_factory=dict, description="Graph IRI -> RDF file, each loaded as a named graph."
    )
    allow_invalid: bool = Field(False, description="Serve even if SHACL validation fails.")
    shapes: list[Path] = Field(
        default_factory=list,
        description="SHACL shapes files to validate against instead of the project's shapes/.",
    )
    graph_root: Path | None = Field(
        None,
        description="Folder holding ontology/, data/, shapes/ and queries/ (read by "
        "service.paths); default: the working directory if it holds them, else the installed copy.",
    )
    queries_dir: Path | None = Field(
        None, description="Folder of saved questions (.rq files); default: the project's queries/."
    )
    location: Path | None = Field(
        None,
        description="Folder of an on-disk store (built by `samverkan load`) to serve.",
    )
    endpoint: str | None = Field(
        None, description="SPARQL query URL of a remote engine to serve instead of a local store."
    )
    graph_store_endpoint: str | None = Field(
        None,
        description="Graph Store Protocol URL of the remote engine, for `load --endpoint`.",
    )
    endpoint_user: str | None = Field(
        None, description="User name for the remote engine (environment only)."
    )
    endpoint_password: SecretStr | None = Field(
        None, description="Password for the remote engine (environment only)."
    )
