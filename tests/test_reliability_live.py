"""Reliability of a real `samverkan serve` process: hostile clients and failing workers.

One server for the module (a small graph, short query timeout); each test leaves it serving.
"""

from collections.abc import Iterator

import httpx
import pytest
from live import LiveServer, running_server

EXAMPLE = "@prefix ex: <http://example.org/> .\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    data = tmp_path_factory.mktemp("live") / "data.ttl"
    lines = [f"ex:s{i} ex:value {i} ." for i in range(2_000)]
    data.write_text(EXAMPLE + "\n".join(lines) + "\n", encoding="utf-8")
    with running_server([str(data), "--timeout", "3", "--workers", "1"]) as live:
        yield live


def test_serve_answers_only_to_its_own_host(server: LiveServer) -> None:
    void = server.url + "/.well-known/void"
    spoofed = httpx.get(void, headers={"Host": "evil.example"})
    own = httpx.get(void, headers={"Accept": "text/turtle"})
    assert spoofed.status_code == 400
    assert own.status_code == 200 and server.url in own.text and "evil" not in own.text
