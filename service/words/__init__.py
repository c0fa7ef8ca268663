"""Every word the service says, in each language it speaks: one catalogue, one file a language.

``service/words/<lang>.toml`` holds the words of the pages, the comparison and its SVG, the
validation report, the dataset's description and the names of the reused vocabulary terms,
grouped in tables (``[query]``, ``[compare]``, ``[terms]`` …) with the same keys in every
file. ``say(lang, "compare.since", year=2021)`` is the one way to get a word — in Python, and
in templates as ``t("compare_page.title")`` (the page's ``lang``) or ``words.title`` for a
table a route hands over with :func:`words_table`. Another language is one more file with the same
keys (``tests/test_words.py`` checks that every file has every key, and every key used
exists). The graph's own labels are not here: they come from the data.
"""

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final

from jinja2 import pass_context
from jinja2.runtime import Context

FOLDER: Final = Path(__file__).resolve().parent
#: The language a page without one falls back to (as i18n's rule does).
DEFAULT: Final = "sv"


@cache
def catalogue(lang: str) -> dict[str, dict[str, str]]:
    """The whole catalogue of ``lang``: table → key → text (KeyError for no such language)."""
    path = FOLDER / f"{lang}.toml"
    if not path.is_file():
        raise KeyError(f"no words in {lang!r}: {path} is absent")
    with path.open("rb") as file:
        return tomllib.load(file)


def languages() -> list[str]:
    """The languages with a words file."""
    return sorted(path.stem for path in FOLDER.glob("*.toml"))


def words_table(lang: str, name: str) -> Mapping[str, str]:
    """One table's words (a template reads ``words.title``)."""
    return catalogue(lang)[name]


def say(lang: str, key: str, **values: Any) -> str:
    """The word ``table.key`` in ``lang``, its ``{placeholders}`` filled from ``values``."""
    name, _, word = key.partition(".")
    text = catalogue(lang)[name][word]
    return text.format(**values) if values else text


def find(lang: str, name: str, word: str) -> str | None:
    """The word ``word`` of table ``name`` if there is one (vocabulary names), else None."""
    return catalogue(lang)[name].get(word)


@pass_context
def template_say(context: Context, key: str, **values: Any) -> str:
    """``t(key)`` in a template: :func:`say` in the page's language."""
    return say(context.get("lang") or DEFAULT, key, **values)
