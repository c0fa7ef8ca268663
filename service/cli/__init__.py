"""The `samverkan` command: one click group; each feature brings its own subcommand.

serve (``cli/serve.py``), validate (``loading/cli.py``), load (``cli/load.py``), query
(``questions/cli.py``), compare (``compare/cli.py``), import, export and diff
(``publishing/cli.py``), site (``cli/site.py``).
"""

import click

from .. import network_guard
from ..compare.cli import compare
from ..loading.cli import validate
from ..publishing.cli import diff_command, export, import_command
from ..questions.cli import query
from .load import load
from .serve import serve_command
from .site import site_command


@click.group()
@click.version_option(package_name="samverkan-kg")
def main() -> None:
    """samverkan-kg: knowledge graph of Swedish university–public sector partnerships."""
    # No command reaches out, whatever its files say (a JSON-LD @context, an XML entity):
    # only loopback, and the one endpoint a command configures with network_guard.allow.
    network_guard.install()


for command in (
    serve_command,
    validate,
    load,
    query,
    compare,
    import_command,
    export,
    diff_command,
    site_command,
):
    main.add_command(command)


if __name__ == "__main__":
    main()
