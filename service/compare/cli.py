"""``samverkan compare``: the comparison as CSV or JSON on stdout, the SDG matrix as an SVG file."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import click

from ..cli.support import BadInput, open_store_or_fail
from ..i18n import LANGUAGES, Lang
from ..settings import Settings
from . import formats, svg
from .formats import TABLES, Table
from .model import gather

FORMATS: Final = ("csv", "json")


def run(
    *,
    fmt: str | None,
    table: Table,
    svg_file: Path | None,
    lang: Lang,
    data: Sequence[Path],
    settings: Settings | None = None,
) -> None:
    """Write the SVG if asked; print CSV/JSON (CSV when nothing else is asked for)."""
    for path in data:
        if not path.is_file():
            raise BadInput(f"--data {path}: no such file")
    if svg_file is not None and not svg_file.parent.is_dir():
        raise BadInput(f"--svg {svg_file}: no such directory {svg_file.parent}")
    settings = settings or Settings()  # type: ignore[call-arg]  # from SAMVERKAN_* or defaults
    if data:
        settings = settings.model_copy(update={"files": list(data), "named_graphs": {}})
    comparison = gather(open_store_or_fail(settings), lang)
    if svg_file is not None:
        try:
            svg_file.write_text(svg.render(comparison), encoding="utf-8")
        except OSError as error:
            raise BadInput(f"--svg {svg_file}: {error.strerror or error}") from None
        click.echo(f"wrote {svg_file}", err=True)
        if fmt is None:
            return
    if fmt == "json":
        click.echo(json.dumps(formats.to_json(comparison), ensure_ascii=False, indent=2))
    else:
        click.echo(formats.to_csv(comparison, table), nl=False)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Print the comparison to stdout as CSV (the default) or JSON (table and matrix).",
)
@click.option(
    "--table",
    default="agreements",
    show_default=True,
    type=click.Choice(TABLES),
    help="For CSV: the agreements table, or the SDG matrix (one line per row and goal).",
)
@click.option(
    "--svg",
    "svg_file",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the SDG matrix as a self-contained SVG to FILE.",
)
@click.option("--lang", default="sv", show_default=True, type=click.Choice(LANGUAGES))
@click.option(
    "--data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Compare the agreements in these RDF files instead of the curated graph (repeatable).",
)
def compare(
    fmt: str | None, table: Table, svg_file: Path | None, lang: Lang, data: tuple[Path, ...]
) -> None:
    """Compare the agreements side by side: CSV/JSON to stdout, --svg for the SDG matrix."""
    run(fmt=fmt, table=table, svg_file=svg_file, lang=lang, data=data)
