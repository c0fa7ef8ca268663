"""The words catalogue (``service/words/<lang>.toml``): every language has every word, and
every word the code and the templates ask for exists."""

import re
import string

import pytest
from locations import REPO

from service.i18n import LANGUAGES
from service.words import catalogue, find, languages, say

SERVICE = REPO / "service"
TEMPLATES = SERVICE / "pages" / "templates"
#: The table a template's ``words`` is (the route hands it over with ``words_table``).
TEMPLATE_TABLES = {
    "query.html": "query", "queries.html": "query", "question.html": "query",
    "resource.html": "resource", "search.html": "search", "browse.html": "browse",
    "browse_kind.html": "browse", "validate.html": "validate", "pager.html": "browse",
}  # fmt: skip
_KEY = re.compile(r"""['"]([a-z_]+)\.([A-Za-z0-9_-]+)['"]""")


def keys(lang: str) -> set[str]:
    return {f"{name}.{key}" for name, words in catalogue(lang).items() for key in words}


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_each_language_the_service_speaks_has_one_file() -> None:
    assert sorted(LANGUAGES) == languages()


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != LANGUAGES[0]])
def test_every_key_is_in_every_language(lang: str) -> None:
    first = LANGUAGES[0]
    assert keys(lang) == keys(first), keys(lang) ^ keys(first)
    for key in keys(first):
        ours, theirs = say(first, key), say(lang, key)
        assert theirs.strip(), (lang, key)
        assert placeholders(ours) == placeholders(theirs), (lang, key)


def used_in_templates() -> set[str]:
    used = set()
    tables = set(catalogue(LANGUAGES[0]))
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        used |= {f"{t}.{k}" for t, k in _KEY.findall(text) if t in tables}
        if path.name in TEMPLATE_TABLES:
            table = TEMPLATE_TABLES[path.name]
            used |= {f"{table}.{k}" for k in re.findall(r"\bwords\.([a-z_]+)", text)}
            used |= {f"{table}.{k}" for k in re.findall(r"\bwords\[['\"]([a-z_]+)", text)}
    return used


def used_in_python() -> set[str]:
    used = set()
    for path in SERVICE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {
            f"{t}.{k}" for t, k in re.findall(r"\bsay\([^,]+,\s*\"([a-z_]+)\.([^\"{]+)\"", text)
        }
        for table in re.findall(r"words_table\([^,]+,\s*[\"']([a-z_]+)[\"']\)", text):
            used.add(f"{table}.*")
    return used


def test_every_word_used_exists() -> None:
    tables = catalogue(LANGUAGES[0])
    used = used_in_templates() | used_in_python()
    assert len(used) > 100  # the scan found the words it should
    for lang in LANGUAGES:
        present = keys(lang)
        missing = {k for k in used if not k.endswith(".*") and k not in present}
        assert not missing, (lang, sorted(missing))
        assert {k[:-2] for k in used if k.endswith(".*")} <= set(tables)


def test_a_missing_word_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        say("sv", "compare_page.no_such_word")
    with pytest.raises(KeyError, match="no words in 'fr'"):
        say("fr", "compare_page.title")
    assert find("sv", "terms", "rdf:type") == "typ"
    assert find("en", "terms", "ex:nothing") is None


def test_the_same_word_in_python_and_in_a_template() -> None:
    from service.pages import templates

    page = templates.env.from_string("{{ t('compare.since', year=2021) }}")
    for lang in LANGUAGES:
        assert page.render(lang=lang) == say(lang, "compare.since", year=2021)
    assert page.render() == say("sv", "compare.since", year=2021)  # no lang: Swedish


def test_the_words_are_the_words_files_only() -> None:
    """No word dict is left in the code: a {"sv": …, "en": …} literal is a catalogue miss."""
    offenders = []
    for path in SERVICE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        pairs = re.search(r"\"sv\":\s*[\"{]|\"[^\"]{3,}\" if lang == \"sv\" else \"", text)
        if pairs or "if lang == 'sv' else" in text or re.search(r"\[0\] if lang == \"sv\"", text):
            offenders.append(str(path.relative_to(REPO)))
    for path in TEMPLATES.glob("*.html"):
        if re.search(r"'[^']+' if lang == 'sv' else '", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(REPO)))
    assert not offenders


def test_no_key_is_hidden_by_a_method_of_its_table() -> None:
    """A template reads ``words.clear`` as the dict's method before the key (issue 19's
    ``<built-in method clear of dict object>``): no key may share a dict method's name."""
    hidden = {
        f"{lang}:{name}.{key}"
        for lang in languages()
        for name, words in catalogue(lang).items()
        for key in words
        if hasattr(dict, key)
    }
    assert not hidden
