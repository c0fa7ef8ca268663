"""Settings: every one is documented in the README and really read from the environment."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from locations import REPO

from service.app import create_app
from service.build import open_store
from service.settings import Settings

README = REPO / "README.md"
TINY = """@prefix ex: <https://w3id.org/samverkan-kg/> .
ex:thing <http://www.w3.org/2000/01/rdf-schema#label> "sak"@sv ."""


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    documented = {
        line.split("`")[1] for line in readme.splitlines() if line.startswith("| `SAMVERKAN_")
    }
    assert documented == {f"SAMVERKAN_{name.upper()}" for name in Settings.model_fields}


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_PORT", "8123")
    monkeypatch.setenv("SAMVERKAN_QUERY_TIMEOUT", "2.5")
    monkeypatch.setenv("SAMVERKAN_CORS_ORIGINS", '["https://example.org"]')
    settings = Settings()
    assert (settings.port, settings.query_timeout) == (8123, 2.5)
    assert settings.cors_origins == ["https://example.org"]


def test_cors_origins_are_allowed(tmp_path: Path) -> None:
    data = tmp_path / "tiny.ttl"
    data.write_text(TINY, encoding="utf-8")
    settings = Settings(files=[data], cors_origins=["https://example.org"])
    with TestClient(create_app(settings, open_store(settings))) as client:
        allowed = client.get("/health", headers={"Origin": "https://example.org"})
        other = client.get("/health", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers.get("access-control-allow-origin") == "https://example.org"
    assert "access-control-allow-origin" not in other.headers
