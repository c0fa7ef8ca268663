"""The vendored chart library and Swagger UI are the pinned releases, and /docs works offline
(issue 11, defect 4): its page loads only assets this service serves."""

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from locations import REPO

from service.app import create_app
from service.pages import PAGES_DIR
from service.settings import Settings
from service.store.querying import DatasetStore

VENDOR = PAGES_DIR / "static" / "vendor"
REFRESH_SCRIPT = REPO / "scripts" / "refresh_vendor.sh"


@pytest.mark.parametrize(
    ("folder", "pin", "files", "licence"),
    [
        ("chartjs", "CHART_VERSION", {"chart.umd.min.js", "LICENSE.md"}, "MIT"),
        ("swagger-ui", "SWAGGER_VERSION", {"swagger-ui-bundle.js", "swagger-ui.css"}, "Apache"),
    ],
)
def test_vendored_files_are_the_pinned_release(
    folder: str, pin: str, files: set[str], licence: str
) -> None:
    where: Path = VENDOR / folder
    checked = set()
    for line in filter(None, (where / "SHA256SUMS").read_text().splitlines()):
        digest, name = line.split()
        assert hashlib.sha256((where / name).read_bytes()).hexdigest() == digest, name
        checked.add(name)
    assert files <= checked
    version = (where / "VERSION").read_text().strip()
    pinned = re.search(rf'^{pin}="([^"]+)"', REFRESH_SCRIPT.read_text(), re.M)
    assert pinned and pinned.group(1) == version
    licence_file = next(where.glob("LICENSE*"))
    assert licence in licence_file.read_text()


def test_docs_page_loads_only_local_assets(curated_store: DatasetStore) -> None:
    with TestClient(create_app(Settings(), curated_store), root_path="/kg") as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assets = re.findall(r'(?:href|src)="([^"]+)"', page.text)
        assert len(assets) == 3
        for url in assets:
            assert url.startswith("/kg/static/vendor/swagger-ui/"), url
            assert client.get(url).status_code == 200, url
        assert "url: '/kg/openapi.json'" in page.text
        assert '"validatorUrl": null' in page.text  # no badge fetched from swagger.io
        assert "cdn" not in page.text.lower()
        assert client.get("/openapi.json").json()["info"]["title"] == "samverkan-kg"
