"""Service settings: defaults serve the curated graph; each can be set as SAMVERKAN_<NAME>."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .namespaces import BASE
from .origin import public_origin


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
    query_memory: int | None = Field(
        None,
        gt=0,
        description="MiB a query worker may grow by while answering a query (a query over it "
        "is stopped, 503); default: the machine's memory shared by the workers and the server.",
    )
    query_queue: int = Field(
        16, ge=0, description="Client queries that may wait for a worker; more get 503."
    )
    header_timeout: float = Field(
        10.0, gt=0, description="Seconds a request's headers may take to arrive (then closed)."
    )
    body_timeout: float = Field(
        60.0, gt=0, description="Seconds a request's body may take to arrive after its headers."
    )
    max_connections: int = Field(
        1000, ge=1, description="Open connections at most (more get 503 and are closed)."
    )
    max_body_bytes: int = Field(
        1_048_576, gt=0, description="Largest request body accepted (except uploads)."
    )
    validate_timeout: float = Field(
        30.0, gt=0, description="Seconds `POST /validate` may spend reading an upload (400 after)."
    )
    validate_memory: int = Field(
        1024, gt=0, description="MiB reading an upload for `POST /validate` may take (413 over)."
    )
    max_upload_bytes: int = Field(
        5_242_880, gt=0, description="Largest file `POST /validate` accepts (a template or RDF)."
    )
    public_base_url: str | None = Field(
        None,
        description="The service's public address (http(s)://host[:port]): absolute URLs in "
        "answers start with it, and a Host header naming another host gets 400.",
    )
    trusted_hosts: list[str] = Field(
        default_factory=list,
        description="Host names the service answers to besides loopback and the public base "
        "URL's host (400 for others); `serve` trusts its --host when neither is set.",
    )
    cors_origins: list[str] = Field(
        default_factory=lambda: ["*"],
        description="Origins allowed by CORS (GET and POST, no credentials).",
    )
    files: list[Path] = Field(
        default_factory=list,
        description=(
            "RDF files to serve instead of the curated graph, exactly these (add "
            "ontology/*.ttl for the saved questions, which ask for kinds by class hierarchy)."
        ),
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
    update_endpoint: str | None = Field(
        None,
        description="SPARQL 1.1 Update URL of the remote engine, for `load --endpoint`: the "
        "graphs are replaced in one update request (on an engine that runs a request as one "
        "transaction, as `oxigraph serve` does, readers see the old graphs or the new ones); "
        "unset: each graph is replaced by a Graph Store request of its own. The `virtuoso` "
        "dialect does not use it.",
    )
    endpoint_dialect: str = Field(
        "sparql11",
        description="How the remote engine is spoken to: `sparql11` (the standard) or "
        "`virtuoso` (service/store/virtuoso.py; the names in service/store/backends.py).",
    )
    endpoint_user: str | None = Field(
        None, description="User name for the remote engine (environment only)."
    )
    endpoint_password: SecretStr | None = Field(
        None, description="Password for the remote engine (environment only)."
    )

    @field_validator("public_base_url")
    @classmethod
    def _an_origin(cls, url: str | None) -> str | None:
        if url is not None:
            public_origin(url)  # ValueError saying what is wrong
        return url
