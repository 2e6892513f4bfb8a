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

#: What the exit codes mean (printed at the end of ``--help``; the README has them too).
EXIT_CODES = (
    "Exit codes: 0 done; 1 lint-library or check found problems (state-law warnings, "
    "consistency findings, library problems); 2 a mistake in the command line or the input "
    "(answers file, --set, library), nothing written; 70 a bug in the tool (its details "
    "logged); 130 stopped by Ctrl-C; 141 the output pipe was closed."
)

app = typer.Typer(
    name="ordinance-drafter",
    help=(
        "Draft a local separation ordinance (keeping a city or county out of federal civil "
        "immigration enforcement) from a vetted clause library, with explanatory notes.\n\n"
        "Start with: ordinance-drafter draft"
    ),
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

#: Each command's line in ``--help``, short enough not to be cut at 80 columns (Click
#: cuts a longer summary with "...").
SUMMARIES = {
    "build": "Rebuild a draft from an answers file.",
    "draft": "Interview, save the answers, write the draft.",
    "packet": "Write the adoption packet for a draft.",
    "provisions": "List the clause library, or one provision.",
    "lint-library": "Check a clause library.",
    "compare": "Compare two drafts; optionally a redline.",
    "explore": "Write the options explorer (one HTML page).",
    "version": "Show the tool and clause library versions.",
    "states": "List what each state's law says.",
    "check": "Check an answers file against state law.",
}


def _show_version(value: bool) -> None:
    if value:
        version()
        raise typer.Exit(0)


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False,
        "--version",
        help="Show the tool and clause library versions and exit.",
        is_eager=True,
        callback=_show_version,
    ),
) -> None:
    """Draft a local separation ordinance (keeping a city or county out of federal civil
    immigration enforcement) from a vetted clause library, with explanatory notes.

    Start with: ordinance-drafter draft"""


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
for _name, _func in (
    ("build", build),
    ("draft", draft),
    ("packet", packet),
    ("provisions", provisions_cmd),
    ("lint-library", lint_library),
    ("compare", compare),
    ("explore", explore),
    ("version", version),
    ("states", states_cmd),
    ("check", check_cmd),
):
    app.command(_name, short_help=SUMMARIES[_name], epilog=EXIT_CODES)(_func)


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
