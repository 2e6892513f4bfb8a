"""The ``ordinance-drafter`` command line: the Typer app and its commands.

The commands live in this package's other modules, one module per group; only this one
knows the whole command set. The CLI is the only part of the tool that knows ``argv`` and
the terminal: everything below it takes and returns data.
"""

from typing import Any

import typer

from .build import build
from .catalog import explore, lint_library, provisions_cmd
from .common import _library
from .compare import compare
from .draft import draft
from .packet import packet
from .states import check_cmd, states_cmd

app = typer.Typer(
    name="ordinance-drafter",
    help=(
        "Draft a local separation ordinance (keeping a city or county out of federal civil "
        "immigration enforcement) from a vetted clause library, with explanatory notes.\n\n"
        "Start with: ordinance-drafter draft"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


def version() -> None:
    """Show the tool and clause library versions."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as pkg_version

    try:
        tool = pkg_version("ordinance-drafter")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        tool = "source"
    typer.echo(f"ordinance-drafter {tool}")
    try:
        typer.echo(f"clause library {_library(None).version}")
    except Exception as exc:
        typer.echo(f"clause library: unavailable ({exc})")


# The commands, in the order ``--help`` lists them.
app.command()(build)
app.command()(draft)
app.command()(packet)
app.command("provisions")(provisions_cmd)
app.command("lint-library")(lint_library)
app.command()(compare)
app.command()(explore)
app.command()(version)
app.command("states")(states_cmd)
app.command("check")(check_cmd)


def _terminate(signum: int, frame: Any) -> None:
    """Treat SIGTERM like Ctrl-C, so temporary files are cleaned up and answers are kept."""
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point."""
    import gc
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(prog_name="ordinance-drafter")
    finally:
        # The process ends here. Python's last garbage collection would walk every object
        # the command built (a third of a build's time); frozen objects are skipped, and
        # the operating system takes the memory back anyway.
        gc.freeze()
