"""``samverkan compare``: the comparison as CSV or JSON on stdout, the SDG matrix as an SVG file."""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import click

from ..atomic import write_atomically
from ..build import open_store_or_fail
from ..cli_options import BadInput, data_option, with_data
from ..i18n import LANGUAGES, Lang
from ..model import registry
from ..settings import Settings
from . import formats, svg
from .choice import GROUPS, MAX_LIMIT, BadChoice, Choice, Group, parse_choice
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
    choice: Choice | None = None,
    group: Group = "agreement",
    settings: Settings | None = None,
    stated_only: bool = False,
) -> None:
    """Write the SVG if asked; print CSV/JSON (CSV when nothing else is asked for)."""
    settings = with_data(settings or Settings(), data)  # type: ignore[call-arg]
    if svg_file is not None and not svg_file.parent.is_dir():
        raise BadInput(f"--svg {svg_file}: no such directory {svg_file.parent}")
    comparison = gather(
        open_store_or_fail(settings), lang, choice or Choice(), group, None, stated_only
    )
    if svg_file is not None:
        try:
            write_atomically(svg_file, svg.render(comparison))
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
    "--stated-only",
    is_flag=True,
    help="Leave out the curators' judgements: only what the sources state.",
)
@click.option("--university", multiple=True, metavar="IRI", help="A university's agreements.")
@click.option("--partner", multiple=True, metavar="IRI", help="A partner's (any member's).")
@click.option(
    "--partner-kind", multiple=True, metavar="KIND", help="skg:Municipality, skg:Region, …"
)
@click.option("--year", metavar="YEAR", help="Signed, or valid from, in this year.")
@click.option("--name", metavar="WORDS", help="Their name (or partnership's) contains WORDS.")
@click.option("--agreement", multiple=True, metavar="IRI", help="This agreement.")
@click.option("--all", "every", is_flag=True, help="Every agreement (up to --limit).")
@click.option("--limit", metavar="N", help=f"At most N agreements (1–{MAX_LIMIT}).")
@click.option(
    "--group",
    default="agreement",
    show_default=True,
    type=click.Choice(GROUPS),
    help="The SDG matrix's rows: per agreement, or per university or partner.",
)
@data_option("Compare the agreements in")
def compare(
    fmt: str | None,
    table: Table,
    svg_file: Path | None,
    lang: Lang,
    university: tuple[str, ...],
    partner: tuple[str, ...],
    partner_kind: tuple[str, ...],
    year: str | None,
    name: str | None,
    agreement: tuple[str, ...],
    every: bool,
    limit: str | None,
    group: Group,
    stated_only: bool,
    data: tuple[Path, ...],
) -> None:
    """Compare the chosen agreements side by side: CSV/JSON to stdout, --svg for the SDG
    matrix. Nothing chosen: the agreements of the university with the most, at most six;
    the conditions combine, a repeated option's values are alternatives."""
    try:
        choice = parse_choice(
            registry(),
            universities=university,
            partners=partner,
            partner_kinds=partner_kind,
            year=year,
            name=name,
            agreements=agreement,
            every=every,
            limit=limit,
        )
    except BadChoice as error:
        raise BadInput(f"--{error.name.replace('_', '-')}: {error.reason}") from None
    run(
        fmt=fmt,
        table=table,
        svg_file=svg_file,
        lang=lang,
        data=data,
        choice=choice,
        group=group,
        stated_only=stated_only,
    )
