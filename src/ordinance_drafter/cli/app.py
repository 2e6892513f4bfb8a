"""The ``ordinance-drafter`` command line: the Typer app and its commands.

The commands live in this package's other modules, one module per group; only this one
knows the whole command set. The CLI is the only part of the tool that knows ``argv`` and
the terminal: everything below it takes and returns data.
"""

import gc
import signal
import sys

import typer

from ..files import written_files
from .bugs import written_note
from .build import build
from .catalog import explore, lint_library, provisions_cmd
from .common import (
    _library,
    handle_errors,
    on_stop,
    report_bug,
    say,
    stop_reported,
    stops,
)
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


@handle_errors
def version() -> None:
    """Show the tool and clause library versions."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as pkg_version

    from ..errors import DrafterError

    try:
        tool = pkg_version("ordinance-drafter")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        tool = "source"
    say(f"ordinance-drafter {tool}")
    try:
        say(f"clause library {_library(None).version}")
    except DrafterError as exc:  # a broken library; anything else is a bug
        say(f"clause library: unavailable ({exc})")


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


def main() -> None:
    """Run the command line; whatever happens, the user sees a message, not a traceback."""
    try:
        # SIGTERM acts like Ctrl-C, so temporary files are cleaned up and answers are kept.
        signal.signal(signal.SIGINT, on_stop)
        signal.signal(signal.SIGTERM, on_stop)
        app(prog_name="ordinance-drafter")
    except SystemExit as exc:
        if exc.code == 130 and not stop_reported():  # Typer's silent exit on a Ctrl-C
            say(f"\nStopped. {written_note(written_files())}", err=True)
        raise
    except KeyboardInterrupt:  # before Typer started, or after it ended
        say(f"\nStopped. {written_note(written_files())}", err=True)
        sys.exit(130)
    except BrokenPipeError:  # the reader went away (`... | head`): not an error of ours
        _quiet_stdout()
        sys.exit(141)
    except Exception as exc:  # outside a command: a bug in the command line itself
        if stops():  # ... unless it is a Ctrl-C that a library turned into an error
            say(f"\nStopped. {written_note(written_files())}", err=True)
            sys.exit(130)
        sys.exit(report_bug(exc, "ordinance-drafter"))
    finally:
        # The process ends here. Python's last garbage collection would walk every object
        # the command built (a third of a build's time); frozen objects are skipped, and
        # the operating system takes the memory back anyway.
        gc.freeze()


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
