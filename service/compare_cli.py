"""``samverkan compare``: the comparison as CSV or JSON on stdout, the SDG matrix as an SVG file."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import click

from . import compare_formats, compare_svg
from .cli_support import BadInput, open_store_or_fail
from .compare import UnsupportedLanguage, check_lang, gather
from .settings import Settings

FORMATS: Final = ("csv", "json")


def run(
    *,
    fmt: str | None,
    table: str,
    svg: Path | None,
    lang: str,
    data: Sequence[Path],
    settings: Settings | None = None,
) -> None:
    """Write the SVG if asked; print CSV/JSON (CSV when nothing else is asked for)."""
    try:
        language = check_lang(lang)
        which = compare_formats.check_table(table)
    except (UnsupportedLanguage, compare_formats.UnknownTable) as error:
        raise BadInput(str(error)) from None
    if fmt is not None and fmt not in FORMATS:
        raise BadInput(f"--format {fmt}: use one of {', '.join(FORMATS)}")
    for path in data:
        if not path.is_file():
            raise BadInput(f"--data {path}: no such file")
    if svg is not None and not svg.parent.is_dir():
        raise BadInput(f"--svg {svg}: no such directory {svg.parent}")
    settings = settings or Settings()  # type: ignore[call-arg]  # from SAMVERKAN_* or defaults
    if data:
        settings = settings.model_copy(update={"files": list(data), "named_graphs": {}})
    comparison = gather(open_store_or_fail(settings), language)
    if svg is not None:
        try:
            svg.write_text(compare_svg.render(comparison), encoding="utf-8")
        except OSError as error:
            raise BadInput(f"--svg {svg}: {error.strerror or error}") from None
        click.echo(f"wrote {svg}", err=True)
        if fmt is None:
            return
    if fmt == "json":
        click.echo(json.dumps(compare_formats.to_json(comparison), ensure_ascii=False, indent=2))
    else:
        click.echo(compare_formats.to_csv(comparison, which), nl=False)
