"""`samverkan site` writes names every common file system keeps apart and accepts.

Resources named ``CaseTwin`` and ``casetwin`` (one file on macOS and Windows), a 300-character
slug (over the 255-byte limit of a name) and ``aux`` (a Windows device name) are published;
each gets its own file, and every link points at it.
"""

import html
import re
import unicodedata
from pathlib import Path

import pytest
from live import samverkan

from service.publishing.filenames import portable_names

LONG = "x" * 300
DATA = f"""@prefix kg: <https://w3id.org/samverkan-kg/thing/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
kg:CaseTwin a ex:Thing ; rdfs:label "Upper"@sv, "Upper"@en ;
    rdfs:seeAlso kg:casetwin, kg:{LONG}, kg:aux .
kg:casetwin a ex:Thing ; rdfs:label "Lower"@sv, "Lower"@en .
kg:{LONG} a ex:Thing ; rdfs:label "Long"@sv, "Long"@en .
kg:aux a ex:Thing ; rdfs:label "Device"@sv, "Device"@en .
"""
WINDOWS_UNSAFE = re.compile(r'[<>:"\\|?*\x00-\x1f]')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("names")
    data = folder / "data.ttl"
    data.write_text(DATA, encoding="utf-8")
    built = samverkan("site", str(folder / "site"), "--data", str(data))
    assert built.returncode == 0, built.stderr
    return folder / "site"


def test_names_are_portable(site: Path) -> None:
    names = [p.relative_to(site).as_posix() for p in site.rglob("*")]
    folded = [unicodedata.normalize("NFC", n).casefold() for n in names]
    assert len(set(folded)) == len(folded), "two names differ only by case"
    for name in names:
        for segment in name.split("/"):
            assert len(segment.encode("utf-8")) <= 255, segment
            assert not WINDOWS_UNSAFE.search(segment) and not segment.endswith((".", " "))
            assert segment.split(".")[0].lower() not in {"con", "prn", "aux", "nul"}


def label_of(page: Path) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert found, page
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()


def test_each_resource_has_its_own_page_and_links_find_it(site: Path) -> None:
    page = site / "thing" / "CaseTwin.html"
    assert "Upper" in label_of(page)
    links = {
        html.unescape(href)
        for href in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8"))
        if not href.startswith(("http:", "https:", "mailto:"))
    }
    targets = {link: (page.parent / link).resolve() for link in links}
    missing = [link for link, target in targets.items() if not target.is_file()]
    assert not missing
    labels = {label_of(t) for t in targets.values() if t.suffix == ".html" and "thing" in t.parts}
    assert {"Lower", "Long", "Device"} <= {label.split(" ")[0] for label in labels}


def test_names_are_stable_and_distinct() -> None:
    names = ["thing/CaseTwin.html", "thing/casetwin.html", f"thing/{LONG}.html", "CON.ttl"]
    first, again = portable_names(names), portable_names(list(reversed(names)))
    assert first == again
    assert len({n.casefold() for n in first.values()}) == len(names)
    assert first["thing/CaseTwin.html"] == "thing/CaseTwin.html"  # safe names stay as they are
