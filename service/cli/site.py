"""`samverkan site`: the static linked-data site, crawled from the app in-process.

A door's command: it hands the app's factory to ``publishing/site.py``, which renders no
page itself (the site is the app's pages) and does not import the app.
"""

from pathlib import Path

import click

from ..app import create_app
from ..build import open_store_or_fail
from ..cli_options import BadInput, data_option, with_data
from ..settings import Settings


@click.command("site")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path), metavar="DIR")
@click.option(
    "--url",
    metavar="URL",
    help="Where the site will be served (absolute links in RDF); default: the base IRI.",
)
@click.option(
    "--service",
    metavar="URL",
    help="A running service that links to the SPARQL editor, endpoint and validation point "
    "to; without it such links are left out.",
)
@data_option("Publish")
def site_command(
    target: Path, url: str | None, service: str | None, data: tuple[Path, ...]
) -> None:
    """Write the static linked-data site into DIR (replaced atomically).

    Every page the service renders for people, each resource's RDF beside its page, the
    dumps and the VoID description, with relative links (see docs/site.md).
    """
    from ..publishing.site import build_site, write_site  # the test client: only when needed

    settings = with_data(Settings(query_workers=1), data)  # type: ignore[call-arg]
    store = open_store_or_fail(settings)
    try:
        files = build_site(create_app, store, settings, url, service)
    finally:
        store.close()
    try:
        write_site(files, target)
    except OSError as error:
        raise BadInput(f"{target}: {error.strerror or error}") from None
    click.echo(f"wrote {target}: {len(files)} files", err=True)
