"""HTTP as specified: HEAD wherever GET answers, one body limit per route, the Host checked."""

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from service.store.querying import DatasetStore

#: A path of each kind of answer: pages, data, listings, files, the endpoint, the docs.
GET_PATHS = (
    "/",
    "/health",
    "/browse",
    "/sparql",
    "/queries",
    "/compare",
    "/search?q=Uppsala",
    "/validate",
    "/docs",
    "/accessibility",
    "/dump.ttl",
    "/.well-known/void",
    "/partner",
    "/static/style.css",
)


@pytest.mark.parametrize("path", GET_PATHS)
def test_head_answers_like_get_without_a_body(curated_client: TestClient, path: str) -> None:
    got = curated_client.get(path)
    assert got.status_code == 200, path
    head = curated_client.head(path)
    assert head.status_code == 200, path
    assert head.content == b""
    for name in ("content-type", "content-length", "content-security-policy", "vary"):
        assert head.headers.get(name) == got.headers.get(name), (path, name)


def test_head_of_a_missing_resource_is_404(curated_client: TestClient) -> None:
    assert curated_client.head("/no-such-kind/nothing").status_code == 404


# --- one body limit per route -------------------------------------------------------------

SMALL = {"max_body_bytes": 10_000, "max_upload_bytes": 30_000}
TINY = "@prefix ex: <https://w3id.org/samverkan-kg/> .\n"
TURTLE = {"Content-Type": "text/turtle"}


def _turtle_of(size: int) -> bytes:
    """Valid Turtle (comment lines) of exactly ``size`` bytes."""
    line = b"#" + b"x" * 98 + b"\n"
    body = line * (size // len(line))
    return body + b"#" * (size - len(body))


@pytest.mark.parametrize("framing", ["body", "form"])
def test_validate_takes_uploads_up_to_its_own_limit(
    make_client: Callable[..., TestClient], framing: str
) -> None:
    client = make_client(TINY, **SMALL)

    def post(size: int) -> int:
        data = _turtle_of(size)
        if framing == "body":
            answer = client.post("/validate?alone=true", content=data, headers=TURTLE)
        else:
            upload = {"file": ("up.ttl", data, "text/turtle")}
            answer = client.post("/validate?alone=true", files=upload)
        return int(answer.status_code)

    assert post(30_000) == 200  # over the global limit, at the upload limit
    assert post(30_001) == 413


def test_other_routes_keep_the_global_limit(make_client: Callable[..., TestClient]) -> None:
    client = make_client(TINY, **SMALL)
    assert client.post("/health", content=b"x" * 10_000).status_code == 405  # read, then refused
    refused = client.post("/health", content=b"x" * 10_001)
    assert refused.status_code == 413
    assert "10000 bytes" in refused.text


def test_the_readme_upload_size_is_accepted(curated_client: TestClient) -> None:
    """The README promises 5 MiB to /validate; 2 MiB was refused by the global 1 MiB cap."""
    answer = curated_client.post(
        "/validate?alone=true", content=_turtle_of(2 * 2**20), headers=TURTLE
    )
    assert answer.status_code == 200, answer.text[:300]


# --- the Host header ----------------------------------------------------------------------

PUBLIC = "https://kg.example.org"


def test_urls_come_from_the_public_base_url(curated_store: DatasetStore) -> None:
    settings = Settings(public_base_url=PUBLIC)
    with TestClient(create_app(settings, curated_store), base_url=PUBLIC) as client:
        description = client.get("/sparql", headers={"Accept": "text/turtle"})
        void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
        question = client.get("/queries", headers={"Accept": "application/json"})
        spoofed = client.get("/sparql", headers={"Host": "evil.example"})
        local = client.get("/health", headers={"Host": "127.0.0.1:8000"})
    assert f"<{PUBLIC}/sparql>" in description.text
    assert f"{PUBLIC}/" in void.text and "evil" not in void.text
    assert f'"{PUBLIC}/queries/' in question.text
    assert spoofed.status_code == 400
    assert "unknown Host" in spoofed.text
    assert local.status_code == 200  # loopback names are always trusted


def test_only_trusted_hosts_are_answered(curated_store: DatasetStore) -> None:
    settings = Settings(trusted_hosts=["kg.example.org"])
    app = create_app(settings, curated_store)
    with TestClient(app, base_url="http://kg.example.org:8080") as client:
        trusted = client.get("/sparql", headers={"Accept": "text/turtle"})
        spoofed = client.get("/.well-known/void", headers={"Host": "evil.example"})
        ipv6 = client.get("/health", headers={"Host": "[::1]:8080"})
    assert "<http://kg.example.org:8080/sparql>" in trusted.text
    assert (spoofed.status_code, ipv6.status_code) == (400, 200)


def test_a_public_base_url_with_a_path_is_refused() -> None:
    with pytest.raises(ValueError, match="no path"):
        Settings(public_base_url="https://kg.example.org/below")
